package dev.comms.readme;

import static org.assertj.core.api.Assertions.assertThat;

import dev.comms.Billing;
import dev.comms.Mode;
import dev.comms.Money;
import dev.comms.SmsEncoding;
import dev.comms.Sms;
import io.micrometer.observation.tck.TestObservationRegistry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

/**
 * Every Java block of README.md is a tagged region of a test source here, word for word, and runs:
 * the usage snippet on the sandbox (comms.mode=test, as README says), the credits snippet on an H2
 * JdbcLedger with the fakes chosen for SMS, the metrics snippet likewise; SignupTest is the testkit
 * example and runs as an ordinary test.
 */
class ReadmeSnippetsTest {
    private static final Path README = Path.of(System.getProperty("user.dir")).resolve("../README.md").normalize();
    private static final Path SOURCES = Path.of("src/test/java/dev/comms/readme");

    /** The tagged regions of this package's sources, each region dedented, regions of one tag joined. */
    static Map<String, String> regions() throws IOException {
        Map<String, StringBuilder> out = new LinkedHashMap<>();
        Pattern tag = Pattern.compile("^\\s*// (tag|end)::([a-z-]+)\\[]\\s*$");
        try (var files = Files.list(SOURCES)) {
            for (Path f : files.sorted().toList()) {
                List<String> current = null;
                String name = null;
                for (String line : Files.readAllLines(f, StandardCharsets.UTF_8)) {
                    Matcher m = tag.matcher(line);
                    if (m.matches() && m.group(1).equals("tag")) {
                        current = new ArrayList<>();
                        name = m.group(2);
                    } else if (m.matches()) {
                        out.computeIfAbsent(name, k -> new StringBuilder()).append(dedent(current));
                        current = null;
                    } else if (current != null) {
                        current.add(line);
                    }
                }
            }
        }
        Map<String, String> result = new LinkedHashMap<>();
        out.forEach((k, v) -> result.put(k, v.toString().strip()));
        return result;
    }

    private static String dedent(List<String> lines) {
        int indent = lines.stream().filter(l -> !l.isBlank()).mapToInt(l -> l.length() - l.stripLeading().length()).min().orElse(0);
        StringBuilder sb = new StringBuilder();
        for (String l : lines) {
            sb.append(l.isBlank() ? "" : l.substring(indent).stripTrailing()).append('\n');
        }
        return sb.toString();
    }

    static List<String> readmeJavaBlocks() throws IOException {
        List<String> blocks = new ArrayList<>();
        Matcher m = Pattern.compile("(?s)```java\\n(.*?)```").matcher(Files.readString(README, StandardCharsets.UTF_8));
        while (m.find()) {
            blocks.add(m.group(1).strip());
        }
        return blocks;
    }

    @Test
    void everyJavaBlockOfTheReadmeIsATestedSnippetAndEverySnippetIsInTheReadme() throws IOException {
        Map<String, String> regions = regions();
        List<String> blocks = readmeJavaBlocks();
        assertThat(regions).containsKeys("usage", "testkit", "credits", "metrics", "policies", "bulk-sms", "email-batch", "events");
        assertThat(blocks).hasSameSizeAs(regions.values());
        for (String block : blocks) {
            assertThat(regions.values()).as("README block not found among the tested snippets:%n%s", block).contains(block);
        }
    }

    private static <T> T withSystemProperties(Map<String, String> props, java.util.function.Supplier<T> body) {
        Map<String, String> before = new LinkedHashMap<>();
        props.forEach((k, v) -> before.put(k, System.setProperty(k, v)));
        try {
            return body.get();
        } finally {
            before.forEach((k, v) -> {
                if (v == null) {
                    System.clearProperty(k);
                } else {
                    System.setProperty(k, v);
                }
            });
        }
    }

    @Test
    void usageRunsOnTheSandboxAsTheReadmeSays() {
        ReadmeSnippets.Usage u = withSystemProperties(Map.of("comms.mode", "test", "comms.sms.from", "Acme"), ReadmeSnippets::usage);
        assertThat(u.sms().mode()).isEqualTo(Mode.TEST);
        assertThat(u.sms().provider()).isEqualTo("fake");
        assertThat(u.sms().segments().segmentCount()).isEqualTo(1);
        assertThat(u.sms().segments().encoding()).isEqualTo(SmsEncoding.GSM_7);
        assertThat(u.sms().billing().cost()).isEqualTo(Money.ZERO);
        assertThat(u.sms().billing().state()).isEqualTo(Billing.State.NOT_METERED);
        assertThat(u.call().to()).isEqualTo("+14252337837");
        assertThat(u.answer().text()).isNotBlank();
    }

    @Test
    void creditsChargeThreePenceAndLeaveTheBalanceTheCommentSays() {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:mem:readme-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        ReadmeSnippets.Metered m = withSystemProperties(Map.of("comms.sms.providers", "fake", "comms.sms.from", "Acme"),
                () -> ReadmeSnippets.credits(ds, Sms.to("+447123456789").body("Your code is 123456").build()));
        assertThat(m.receipt().billing().cost()).isEqualTo(Money.ofPence(3));
        assertThat(m.receipt().billing().balance()).isEqualTo(Money.parse("£14.97"));
        assertThat(m.credits().balance("acme-eu", Mode.LIVE).available()).isEqualTo(Money.parse("£5"));
        assertThat(m.credits().balance("acme", Mode.TEST).available()).isEqualTo(Money.parse("£5"));
        assertThat(m.alerts()).isEmpty();
    }

    @Test
    void metricsCountTheSend() {
        TestObservationRegistry observations = TestObservationRegistry.create();
        var registry = withSystemProperties(Map.of("comms.sms.providers", "fake", "comms.sms.from", "Acme"),
                () -> ReadmeSnippets.metrics(observations));
        assertThat(registry.get("comms.sends").tag("outcome", "sent").counter().count()).isEqualTo(1);
        assertThat(registry.find("comms.circuit.state").gauges()).isNotEmpty();
        io.micrometer.observation.tck.TestObservationRegistryAssert.assertThat(observations).hasNumberOfObservationsWithNameEqualTo("comms.send", 1);
    }

    @Test
    void policiesRefuseASuppressedNumberAndAnUnlistedTestRecipient() {
        try (dev.comms.Comms comms = withSystemProperties(Map.of("comms.mode", "test", "comms.sms.from", "Acme"), ReadmeSnippets::policies)) {
            var acme = comms.forAccount("acme", Mode.TEST);
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> acme.sms().send(Sms.to("+447123456789").body("hi").build()))
                    .isInstanceOfSatisfying(dev.comms.CommsException.class,
                            e -> assertThat(e.code()).isEqualTo(dev.comms.ErrorCode.RECIPIENT_SUPPRESSED));
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> acme.sms().send(Sms.to("+447700900000").body("hi").build()))
                    .isInstanceOf(dev.comms.CommsException.class);
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> acme.sms().send(Sms.to("+447123000009").body("hi").build()))
                    .isInstanceOfSatisfying(dev.comms.CommsException.class,
                            e -> assertThat(e.code()).isEqualTo(dev.comms.ErrorCode.RECIPIENT_NOT_ALLOWED));
        }
    }

    @Test
    void bulkSmsAndEmailBatchRunOnTheSandbox() {
        try (dev.comms.Comms comms = withSystemProperties(Map.of("comms.mode", "test", "comms.sms.from", "Acme",
                "comms.email.from", "billing@example.com"), () -> dev.comms.Comms.builder().build())) {
            var r = ReadmeSnippets.bulk(comms, List.of("+447123456789", "447123456780", "+15550000007"));
            assertThat(r.sent()).isEqualTo(2);
            assertThat(r.failedNumbers()).containsOnlyKeys("+15550000007");
            var b = ReadmeSnippets.emailBatch(comms, List.of(dev.comms.Email.to("a@example.com").subject("Invoice 1").text("t").build(),
                    dev.comms.Email.to("b@example.com").subject("Invoice 2").text("t").build()));
            assertThat(b.sent()).isEqualTo(2);
        }
    }

    @Test
    void eventsSettleTheCallOnceAndForwardItSigned() throws Exception {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:mem:readme-events-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        dev.comms.billing.Ledger ledger = dev.comms.store.jdbc.JdbcLedger.create(ds);
        ledger.credit("acme", Mode.LIVE, Money.ofPounds(5), "fund", dev.comms.billing.EntryKind.TOP_UP);
        java.util.concurrent.BlockingQueue<String> forwarded = new java.util.concurrent.LinkedBlockingQueue<>();
        String secret = dev.comms.testkit.FakeWebhooks.SECRET;
        dev.comms.event.EventVerifier verifier = new dev.comms.event.EventVerifier(secret, java.time.Clock.systemUTC());
        com.sun.net.httpserver.HttpServer crm = com.sun.net.httpserver.HttpServer.create(
                new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0), 0);
        crm.createContext("/hooks", x -> {
            byte[] body = x.getRequestBody().readAllBytes();
            Map<String, String> h = new LinkedHashMap<>();
            x.getRequestHeaders().forEach((k, v) -> h.put(k, v.get(0)));
            forwarded.add(verifier.refusal(h, body).map(r -> "refused: " + r).orElse(new String(body, StandardCharsets.UTF_8)));
            x.sendResponseHeaders(204, -1);
            x.close();
        });
        crm.start();
        try {
            java.net.URI hooks = java.net.URI.create("http://127.0.0.1:" + crm.getAddress().getPort() + "/hooks");
            ReadmeSnippets.Evented e = withSystemProperties(Map.of("comms.voice.providers", "fake", "comms.voice.from", "+447123456780"),
                    () -> ReadmeSnippets.events(ledger, ds, hooks, secret));
            try (dev.comms.Comms comms = e.comms(); dev.comms.event.EventForwarder forwarder = e.forwarder()) {
                assertThat(e.call().billing().cost()).isEqualTo(Money.ofPence(70));
                dev.comms.event.WebhookRequest completed = dev.comms.testkit.FakeWebhooks.withDefaultSecret(java.time.Clock.systemUTC())
                        .callCompleted(e.call(), java.time.Duration.ofSeconds(61));
                dev.comms.event.WebhookOutcome first = ReadmeSnippets.webhook(comms, "fake", completed.url(), completed.headers(), completed.body());
                dev.comms.event.WebhookOutcome again = ReadmeSnippets.webhook(comms, "fake", completed.url(), completed.headers(), completed.body());
                byte[] tampered = completed.body().clone();
                tampered[tampered.length / 2] ^= 1;
                dev.comms.event.WebhookOutcome forged = ReadmeSnippets.webhook(comms, "fake", completed.url(), completed.headers(), tampered);
                var balance = ledger.balance("acme", Mode.LIVE);
                String delivered = forwarded.poll(10, java.util.concurrent.TimeUnit.SECONDS);
                System.out.println("readme_events first=" + first.status() + " again=" + again.status() + "/duplicates=" + again.duplicates()
                        + " forged=" + forged.status() + " charged=" + balance.debited().format() + " held=" + balance.held().format());
                assertThat(first.status()).isEqualTo(200);
                assertThat(first.processed()).hasSize(1);
                assertThat(again.status()).isEqualTo(200);
                assertThat(again.duplicates()).isEqualTo(1);
                assertThat(forged.status()).isEqualTo(401);
                assertThat(balance.debited()).isEqualTo(Money.ofPence(14));
                assertThat(balance.held()).isEqualTo(Money.ZERO);
                assertThat(delivered).as("forwarded once, signed").isNotNull().doesNotStartWith("refused").contains(e.call().id());
                assertThat(forwarded.poll(300, java.util.concurrent.TimeUnit.MILLISECONDS)).as("the duplicate is not forwarded").isNull();
                assertThat(forwarder.pending()).isZero();
            }
        } finally {
            crm.stop(0);
        }
    }
}
