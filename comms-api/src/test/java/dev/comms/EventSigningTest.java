package dev.comms;

import static org.assertj.core.api.Assertions.assertThat;

import dev.comms.event.DeliveryEvent;
import dev.comms.event.EventForwarder;
import dev.comms.event.EventSigner;
import dev.comms.event.EventStatus;
import dev.comms.event.EventVerifier;
import dev.comms.event.StandardWebhooks;
import java.net.InetAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The events Comms signs for the application: official vectors, mutations refused, a forwarder that retries. */
class EventSigningTest {
    @Test
    void theStandardWebhooksVectorsReproduce() {
        assertThat(StandardWebhooks.sign(StandardWebhooks.key("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"), "msg_p5jXN8AQM9LWM0D4loKWxJek",
                1614265330L, "{\"test\": 2432232314}".getBytes(StandardCharsets.UTF_8))).isEqualTo("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
        assertThat(StandardWebhooks.sign(StandardWebhooks.key("whsec_C2FVsBQIhrscChlQIMV+b5sSYspob7oD"), "msg_27UH4WbU6Z5A5EzD8u03UvzRbpk",
                1649367553L, "{\"email\":\"test@example.com\",\"username\":\"test_user\"}".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo("v1,tZ1I4/hDygAJgO5TYxiSd6Sd0kDW6hPenDe+bTa3Kkw=");
        // GitHub's hex HMAC-SHA256 vector, the hosted API's compatible header
        assertThat(StandardWebhooks.hex("It's a Secret to Everybody", "Hello, World!".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo("757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17");
    }

    private static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");

    private static DeliveryEvent event() {
        return new DeliveryEvent("twilio", "CA1:completed:3", Channel.VOICE, "msg_1", "42", "CA1", EventStatus.CALL_COMPLETED, NOW,
                Duration.ofSeconds(61), "1", "", "", "");
    }

    @Test
    void aSignedEventVerifiesAndEveryCheckRefusesWithItsReason() {
        EventSigner.Signed s = new EventSigner(SECRET).sign(event(), NOW);
        assertThat(new String(s.body(), StandardCharsets.UTF_8)).contains("\"event\":\"call.completed\"", "\"duration_seconds\":61");
        EventVerifier v = new EventVerifier(SECRET, Clock.fixed(NOW, ZoneOffset.UTC));
        assertThat(v.refusal(s.headers(), s.body())).isEmpty();
        Map<String, String> mixedCase = new HashMap<>();
        s.headers().forEach((k, val) -> mixedCase.put(k.toUpperCase(java.util.Locale.ROOT), val));
        assertThat(v.refusal(mixedCase, s.body())).as("header names in any case").isEmpty();
        Map<String, String> decoys = new HashMap<>(s.headers());
        decoys.put("webhook-signature", "v1,Zm9v v2,abc " + s.headers().get("webhook-signature"));
        assertThat(v.refusal(decoys, s.body())).as("decoys").isEmpty();
        Map<String, String> other = new HashMap<>(s.headers());
        other.put("webhook-signature", s.headers().get("webhook-signature").replace("v1,", "v2,"));
        assertThat(v.refusal(other, s.body())).contains("no v1 signature (only other versions)");
        Map<String, String> noId = new HashMap<>(s.headers());
        noId.remove("webhook-id");
        assertThat(v.refusal(noId, s.body())).contains("missing webhook-id header");
        assertThat(new EventVerifier(SECRET, Clock.fixed(NOW.plusSeconds(300), ZoneOffset.UTC)).refusal(s.headers(), s.body())).isEmpty();
        assertThat(new EventVerifier(SECRET, Clock.fixed(NOW.minusSeconds(300), ZoneOffset.UTC)).refusal(s.headers(), s.body())).isEmpty();
        assertThat(new EventVerifier(SECRET, Clock.fixed(NOW.plusSeconds(301), ZoneOffset.UTC)).refusal(s.headers(), s.body()))
                .hasValueSatisfying(r -> assertThat(r).contains("301 s"));
        assertThat(new EventVerifier(SECRET, Clock.fixed(NOW.minusSeconds(301), ZoneOffset.UTC)).refusal(s.headers(), s.body())).isPresent();
        Map<String, String> hexOnly = Map.of("Comms-Signature", s.headers().get("comms-signature"));
        assertThat(v.refusal(hexOnly, s.body())).as("the hosted API's hex header alone").isEmpty();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new EventSigner("whsec_")).hasMessageContaining("empty");
        assertThat(new EventSigner(SECRET).toString()).doesNotContain("MfKQ9r8");
    }

    @Test
    void tenThousandSingleByteMutationsAreAllRefused() {
        EventSigner.Signed s = new EventSigner(SECRET).sign(event(), NOW);
        EventVerifier v = new EventVerifier(SECRET, Clock.fixed(NOW, ZoneOffset.UTC));
        Random r = new Random(7);
        int accepted = 0;
        String[] parts = {"body", "webhook-id", "webhook-timestamp", "webhook-signature"};
        for (int i = 0; i < 10_000; i++) {
            String part = parts[i % parts.length];
            Map<String, String> h = new HashMap<>(s.headers());
            h.remove("comms-signature");
            byte[] body = s.body();
            if (part.equals("body")) {
                body[r.nextInt(body.length)] ^= (byte) (1 + r.nextInt(255));
            } else {
                byte[] b = h.get(part).getBytes(StandardCharsets.ISO_8859_1);
                int at = r.nextInt(b.length);
                byte old = b[at];
                do {
                    b[at] = (byte) (32 + r.nextInt(95));
                } while (b[at] == old);
                h.put(part, new String(b, StandardCharsets.ISO_8859_1));
            }
            if (v.refusal(h, body).isEmpty()) {
                accepted++;
            }
        }
        System.out.println("scheme=comms-standard-webhooks mutations=10000 accepted=" + accepted);
        assertThat(accepted).isZero();
    }

    /** A minimal HTTP/1.1 endpoint on 127.0.0.1 (java.base only): answers each request with the status the function picks. */
    private static final class Endpoint implements AutoCloseable {
        final java.net.ServerSocket server;
        final Thread thread;

        Endpoint(java.util.function.BiFunction<Map<String, String>, byte[], Integer> answer) throws java.io.IOException {
            server = new java.net.ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            thread = new Thread(() -> {
                while (!server.isClosed()) {
                    try (java.net.Socket s = server.accept()) {
                        java.io.BufferedInputStream in = new java.io.BufferedInputStream(s.getInputStream());
                        Map<String, String> h = new HashMap<>();
                        String line = readLine(in);
                        while (!(line = readLine(in)).isEmpty()) {
                            int c = line.indexOf(':');
                            h.put(line.substring(0, c).strip().toLowerCase(java.util.Locale.ROOT), line.substring(c + 1).strip());
                        }
                        byte[] body = in.readNBytes(Integer.parseInt(h.getOrDefault("content-length", "0")));
                        int status = answer.apply(h, body);
                        s.getOutputStream().write(("HTTP/1.1 " + status + " X\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
                                .getBytes(StandardCharsets.US_ASCII));
                    } catch (java.io.IOException e) {
                        // closed
                    }
                }
            });
            thread.setDaemon(true);
            thread.start();
        }

        private static String readLine(java.io.InputStream in) throws java.io.IOException {
            StringBuilder b = new StringBuilder();
            for (int c; (c = in.read()) >= 0 && c != '\n'; ) {
                if (c != '\r') {
                    b.append((char) c);
                }
            }
            return b.toString();
        }

        URI uri() {
            return URI.create("http://127.0.0.1:" + server.getLocalPort() + "/hooks");
        }

        @Override
        public void close() throws java.io.IOException {
            server.close();
        }
    }

    @Test
    void theForwarderRetriesWithTheSameIdAndDeadLettersWhatNeverArrives() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        List<String> ids = new CopyOnWriteArrayList<>();
        EventVerifier verifier = new EventVerifier(SECRET, Clock.systemUTC());
        List<String> refusals = new CopyOnWriteArrayList<>();
        List<EventForwarder.DeadLetter> dead = new CopyOnWriteArrayList<>();
        try (Endpoint flaky = new Endpoint((h, body) -> {
            verifier.refusal(h, body).ifPresent(refusals::add);
            ids.add(h.get("webhook-id"));
            return calls.incrementAndGet() <= 2 ? 503 : 204;
        });
                Endpoint broken = new Endpoint((h, body) -> 500);
                EventForwarder ok = EventForwarder.to(flaky.uri(), new EventSigner(SECRET)).backoff(Duration.ofMillis(5), Duration.ofMillis(20))
                        .build();
                EventForwarder down = EventForwarder.to(broken.uri(), new EventSigner(SECRET)).maxAttempts(3)
                        .backoff(Duration.ofMillis(5), Duration.ofMillis(20)).deadLetter(dead::add).build()) {
            ok.onEvent(event());
            down.onEvent(event());
            long until = System.nanoTime() + 10_000_000_000L;
            while ((ok.pending() > 0 || down.pending() > 0) && System.nanoTime() < until) {
                Thread.sleep(10);
            }
        }
        System.out.println("event_forwarder attempts=" + calls.get() + " same_id=" + ids.stream().distinct().count() + " dead_letters=" + dead.size());
        assertThat(calls.get()).isEqualTo(3);
        assertThat(ids).hasSize(3).containsOnly(ids.get(0));
        assertThat(refusals).isEmpty();
        assertThat(dead).singleElement().satisfies(d -> {
            assertThat(d.attempts()).isEqualTo(3);
            assertThat(d.reason()).contains("500");
        });
    }
}
