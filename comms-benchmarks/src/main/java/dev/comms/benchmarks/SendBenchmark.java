package dev.comms.benchmarks;

import dev.comms.Comms;
import dev.comms.Phone;
import dev.comms.Sms;
import dev.comms.SmsReceipt;
import dev.comms.SmsSegments;
import dev.comms.spi.SendContext;
import dev.comms.spi.SmsResult;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The facade's overhead per send, side by side with the bare provider call and with the pieces the
 * pipeline spends its time on (validation, segments).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class SendBenchmark {
    private Comms comms;
    private NoopSms provider;
    private Sms sms;
    private SendContext context;
    private String emojiBody;
    private HttpServer server;
    private HttpClient http;
    private HttpRequest request;

    /** Builds the facade once, as an application would. */
    @Setup(Level.Trial)
    public void setUp() {
        provider = new NoopSms();
        comms = Comms.builder().ambientConfiguration(false).autoDiscovery(false).provider(provider).build();
        sms = Sms.to("+447123456789").body("Your verification code is 123456. It expires in 10 minutes.").build();
        context = SendContext.of("msg_bench");
        // Without TCP_NODELAY, delayed ACKs add ~40 ms per call on loopback and the yardstick would flatter us.
        System.setProperty("sun.net.httpserver.nodelay", "true");
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        byte[] answer = "{\"sid\":\"SM0\",\"status\":\"queued\"}".getBytes(StandardCharsets.UTF_8);
        server.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(201, answer.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(answer);
            }
        });
        server.start();
        http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/Messages.json"))
                .POST(HttpRequest.BodyPublishers.ofString("To=%2B447123456789&Body=hello")).build();
        emojiBody = "Party time 🎉🎉 at the café, bring 👨‍👩‍👧‍👦 and 🇬🇧 flags! ".repeat(4);
    }

    /** Closes the facade. */
    @TearDown(Level.Trial)
    public void tearDown() {
        comms.close();
        server.stop(0);
    }

    /**
     * @return a form POST to a server on 127.0.0.1: the cheapest network call a provider could make,
     *     the yardstick the facade's overhead is measured against
     * @throws Exception if the loopback call fails
     */
    @Benchmark
    public HttpResponse<byte[]> loopbackHttpCall() throws Exception {
        return http.send(request, HttpResponse.BodyHandlers.ofByteArray());
    }

    /** @return the provider's answer when called directly: the floor */
    @Benchmark
    public SmsResult providerDirect() {
        return provider.send(sms, context);
    }

    /** @return a receipt through the whole pipeline */
    @Benchmark
    public SmsReceipt throughFacade() {
        return comms.sms().send(sms);
    }

    /** @return a message built and validated from strings (phone cache warm) */
    @Benchmark
    public Sms buildAndValidate() {
        return Sms.to("+447123456789").body("Your verification code is 123456.").build();
    }

    /** @return a phone validated through the bounded cache */
    @Benchmark
    public Phone phoneCached() {
        return Phone.of("+447123456789");
    }

    /** @return segments of a short GSM text */
    @Benchmark
    public SmsSegments segmentsGsm() {
        return SmsSegments.of("Your verification code is 123456. It expires in 10 minutes.");
    }

    /** @return segments of a multi-segment text with emoji, flags and a family (UCS-2, grapheme clusters) */
    @Benchmark
    public SmsSegments segmentsEmoji() {
        return SmsSegments.of(emojiBody);
    }
}
