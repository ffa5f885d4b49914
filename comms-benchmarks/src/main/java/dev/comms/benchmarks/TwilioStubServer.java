package dev.comms.benchmarks;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A JDK {@code HttpServer} on 127.0.0.1 answering every POST with Twilio's Messages create answer
 * (201, JSON), optionally after a fixed delay, on a thread pool big enough not to be the bottleneck.
 * TCP_NODELAY is switched on (without it delayed ACKs add ~40 ms per call on loopback). Counts the
 * requests it answered.
 */
final class TwilioStubServer implements AutoCloseable {
    static final String SID = "AC00000000000000000000000000000000";
    static final String TOKEN = "benchmark-token";
    static final String MESSAGE = "{\"sid\":\"SM00000000000000000000000000000001\",\"account_sid\":\"" + SID + "\",\"status\":\"queued\","
            + "\"num_segments\":\"1\",\"body\":\"x\",\"to\":\"+447123456789\",\"from\":\"+14155552671\",\"direction\":\"outbound-api\"}";

    private final HttpServer server;
    private final ExecutorService threads;
    private final AtomicLong requests = new AtomicLong();

    /**
     * @param delayMillis how long each answer waits, 0 for none
     * @param threads the server's handler threads
     * @throws IOException if it cannot listen
     */
    TwilioStubServer(long delayMillis, int threads) throws IOException {
        System.setProperty("sun.net.httpserver.nodelay", "true");
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 4096);
        this.threads = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "twilio-stub");
            t.setDaemon(true);
            return t;
        });
        byte[] answer = MESSAGE.getBytes(StandardCharsets.UTF_8);
        server.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            if (delayMillis > 0) {
                try {
                    Thread.sleep(delayMillis);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            requests.incrementAndGet();
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(201, answer.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(answer);
            }
        });
        server.setExecutor(this.threads);
        server.start();
    }

    /** @return {@code http://127.0.0.1:port} */
    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** @return the requests answered so far */
    long requests() {
        return requests.get();
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
        try {
            threads.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
