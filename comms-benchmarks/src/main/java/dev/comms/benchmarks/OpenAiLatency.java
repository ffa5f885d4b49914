package dev.comms.benchmarks;

import com.sun.net.httpserver.HttpServer;
import dev.comms.ChatRequest;
import dev.comms.providers.openai.OpenAiProvider;
import dev.comms.spi.ChatCompleter;
import dev.comms.spi.ChatResult;
import dev.comms.spi.Config;
import dev.comms.spi.ProviderContext;
import dev.comms.spi.SendContext;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Latency of one chat completion through {@code comms-providers-openai} against a local stub (a JDK
 * {@code HttpServer} on 127.0.0.1 answering a canned completion): the provider module's own cost on
 * top of the cheapest network call it can make. Run it before and after a change to the module, on the
 * same machine, with the same arguments, and compare the percentiles.
 *
 * <pre>
 * mvn -B -q -pl comms-benchmarks -am package -DskipTests
 * java -cp comms-benchmarks/target/benchmarks.jar dev.comms.benchmarks.OpenAiLatency [warm-up calls] [measured calls] [rounds]
 * </pre>
 *
 * <p>Defaults: 500 warm-up calls, 2,000 measured calls, 3 rounds (each round prints its own line, so
 * the spread between rounds shows how much the machine's noise is worth). Calls are sequential on one
 * shared completer, as an application's facade makes them.
 */
public final class OpenAiLatency {
    static final String ANSWER = "{\"id\":\"chatcmpl-123\",\"object\":\"chat.completion\",\"created\":1700000000,"
            + "\"model\":\"gpt-4o-mini-2024-07-18\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"Hello!\","
            + "\"refusal\":null},\"logprobs\":null,\"finish_reason\":\"stop\"}],"
            + "\"usage\":{\"prompt_tokens\":21,\"completion_tokens\":3,\"total_tokens\":24}}";

    private OpenAiLatency() {
    }

    /**
     * @param args warm-up calls, measured calls, rounds (all optional)
     * @throws IOException if the stub cannot listen
     */
    public static void main(String[] args) throws IOException {
        int warmup = args.length > 0 ? Integer.parseInt(args[0]) : 500;
        int calls = args.length > 1 ? Integer.parseInt(args[1]) : 2000;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        // Without TCP_NODELAY, delayed ACKs add ~40 ms per call on loopback and hide the client's cost.
        System.setProperty("sun.net.httpserver.nodelay", "true");
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        byte[] answer = ANSWER.getBytes(StandardCharsets.UTF_8);
        server.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, answer.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(answer);
            }
        });
        server.start();
        ChatCompleter completer = new OpenAiProvider().chatCompleter(context(Map.of(
                "comms.openai.api-key", "sk-benchmark",
                "comms.openai.base-url", "http://127.0.0.1:" + server.getAddress().getPort() + "/v1",
                "comms.openai.timeout", "10s")));
        ChatRequest request = ChatRequest.builder().system("You are terse.").user("Say hello.").model("gpt-4o-mini")
                .maxTokens(50).build();
        SendContext context = SendContext.of("msg_latency");
        try {
            System.out.printf("OpenAI chat completion against a loopback stub (Java %s): %d warm-up, %d measured calls per round%n",
                    Runtime.version(), warmup, calls);
            for (int round = 1; round <= rounds; round++) {
                for (int i = 0; i < warmup; i++) {
                    check(completer.complete(request, context));
                }
                long[] nanos = new long[calls];
                for (int i = 0; i < calls; i++) {
                    long start = System.nanoTime();
                    ChatResult r = completer.complete(request, context);
                    nanos[i] = System.nanoTime() - start;
                    check(r);
                }
                Arrays.sort(nanos);
                System.out.printf("round %d: p50 %7.1f us  p90 %7.1f us  p99 %7.1f us  mean %7.1f us%n", round,
                        micros(nanos, 0.50), micros(nanos, 0.90), micros(nanos, 0.99), Arrays.stream(nanos).average().orElse(0) / 1000);
            }
        } finally {
            completer.close();
            server.stop(0);
        }
    }

    private static void check(ChatResult r) {
        if (!r.text().equals("Hello!") || r.usage().totalTokens() != 24) {
            throw new IllegalStateException("unexpected answer: " + r);
        }
    }

    private static double micros(long[] sorted, double quantile) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(quantile * sorted.length) - 1)] / 1000.0;
    }

    private static ProviderContext context(Map<String, String> settings) {
        Config config = new Config() {
            @Override
            public Optional<String> get(String key) {
                return Optional.ofNullable(settings.get(key));
            }

            @Override
            public Set<String> keys() {
                return settings.keySet();
            }
        };
        return new ProviderContext() {
            @Override
            public String providerId() {
                return OpenAiProvider.ID;
            }

            @Override
            public Config config() {
                return config;
            }

            @Override
            public Clock clock() {
                return Clock.systemUTC();
            }
        };
    }
}
