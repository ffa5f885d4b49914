package dev.comms.providers.sendgrid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.comms.CommsConfigurationException;
import dev.comms.Email;
import dev.comms.ErrorCode;
import dev.comms.FailureClass;
import dev.comms.InvalidMessageException;
import dev.comms.Mode;
import dev.comms.ProviderException;
import dev.comms.UnsupportedFeatureException;
import dev.comms.spi.EmailResult;
import dev.comms.spi.EmailSender;
import dev.comms.spi.SendContext;
import dev.comms.testkit.contract.Scenario;
import java.net.SocketTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What sendgrid-java puts on the wire, and its conformance to SendGrid's own OpenAPI document. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SendGridRequestTest {
    final SendGridStub stub = new SendGridStub();
    final EmailSender sender = new SendGridProvider().emailSender(stub.context());
    final ObjectMapper json = new ObjectMapper();

    @AfterAll
    void stop() {
        sender.close();
        stub.close();
    }

    static Email full() {
        return Email.builder().from("news@example.com", "Acme").to("ada@example.com").cc("cc@example.com").bcc("audit@example.com")
                .replyTo("support@example.com").subject("Hello").text("Hi").html("<p>Hi</p>").tag("campaign", "welcome")
                .header("X-Entity-Ref-ID", "123").build();
    }

    @Test
    void personalizationContentOrderCategoriesAndOurMessageId() throws Exception {
        stub.arrange(Scenario.ACCEPTED);
        EmailResult r = sender.send(full(), new SendContext("msg_abc", "msg_abc", "default", Mode.LIVE, 1, Duration.ofSeconds(10), "42"));
        assertThat(r.providerMessageId()).isEqualTo("sg-msg-0001");
        LoggedRequest req = stub.requests().get(0);
        assertThat(req.getUrl()).isEqualTo("/v3/mail/send");
        assertThat(req.getHeader("Authorization")).isEqualTo("Bearer " + SendGridStub.KEY);
        JsonNode body = json.readTree(req.getBodyAsString());
        assertThat(body.at("/from/email").asText()).isEqualTo("news@example.com");
        assertThat(body.at("/from/name").asText()).isEqualTo("Acme");
        assertThat(body.at("/personalizations/0/to/0/email").asText()).isEqualTo("ada@example.com");
        assertThat(body.at("/personalizations/0/cc/0/email").asText()).isEqualTo("cc@example.com");
        assertThat(body.at("/personalizations/0/bcc/0/email").asText()).isEqualTo("audit@example.com");
        assertThat(body.at("/personalizations/0/custom_args/comms_message_id").asText()).isEqualTo("msg_abc");
        // the credit hold travels as a custom arg too, so the event webhook brings it back
        assertThat(body.at("/personalizations/0/custom_args/comms_hold").asText()).isEqualTo("42");
        assertThat(body.at("/content/0/type").asText()).isEqualTo("text/plain");
        assertThat(body.at("/content/1/type").asText()).isEqualTo("text/html");
        assertThat(body.at("/categories/0").asText()).isEqualTo("campaign:welcome");
        assertThat(body.at("/personalizations/0/custom_args/campaign").asText()).isEqualTo("welcome");
        assertThat(body.at("/reply_to/email").asText()).isEqualTo("support@example.com");
        assertThat(body.at("/headers/X-Entity-Ref-ID").asText()).isEqualTo("123");
    }

    @Test
    void twoReplyToAddressesAreUnsupportedNotDropped() {
        stub.arrange(Scenario.ACCEPTED);
        Email twoReplyTo = Email.builder().from("a@example.com").to("b@example.com").replyTo("c@example.com", "d@example.com")
                .subject("s").text("t").build();
        assertThatThrownBy(() -> sender.check(twoReplyTo)).isInstanceOf(UnsupportedFeatureException.class);
        assertThatThrownBy(() -> sender.send(twoReplyTo, SendContext.of("r"))).isInstanceOf(UnsupportedFeatureException.class);
        assertThat(stub.requests()).isEmpty();
    }

    @Test
    void planningRefusesWhatSendGridCannotTakeNamingTheField() {
        stub.arrange(Scenario.ACCEPTED);
        Email.Builder elevenTags = Email.builder().from("a@example.com").to("b@example.com").subject("s").text("t");
        for (int i = 0; i < 11; i++) {
            elevenTags.tag("t" + i, "v");
        }
        Email eleven = elevenTags.build();
        assertThatThrownBy(() -> sender.check(eleven)).isInstanceOfSatisfying(InvalidMessageException.class, e -> {
            assertThat(e.field()).isEqualTo("tags");
            assertThat(e.getMessage()).contains("at most 10 tags");
        });
        assertThatThrownBy(() -> sender.send(eleven, SendContext.of("t"))).isInstanceOf(InvalidMessageException.class);
        Email longCategory = Email.builder().from("a@example.com").to("b@example.com").subject("s").text("t").tag("campaign", "x".repeat(250))
                .build();
        assertThatThrownBy(() -> sender.check(longCategory)).isInstanceOfSatisfying(InvalidMessageException.class,
                e -> assertThat(e.field()).isEqualTo("tags[campaign]"));
        Email.Builder crowd = Email.builder().from("a@example.com").subject("s").text("t");
        for (int i = 0; i < 600; i++) {
            crowd.to("to" + i + "@example.com").bcc("bcc" + i + "@example.com");
        }
        assertThatThrownBy(() -> sender.check(crowd.build())).isInstanceOfSatisfying(InvalidMessageException.class,
                e -> assertThat(e.field()).isEqualTo("to"));
        Email sgHeader = Email.builder().from("a@example.com").to("b@example.com").subject("s").text("t").header("X-SG-EID", "x").build();
        assertThatThrownBy(() -> sender.check(sgHeader)).isInstanceOfSatisfying(InvalidMessageException.class, e -> {
            assertThat(e.field()).isEqualTo("headers[X-SG-EID]");
            assertThat(e.code()).isEqualTo(ErrorCode.INVALID_HEADER);
        });
        assertThat(stub.requests()).as("nothing is sent for an email SendGrid cannot take").isEmpty();
        sender.check(full());
    }

    @Test
    void plainHttpToANetworkHostIsRefusedNamingTheSetting() {
        // the API key is a bearer token on every request: never over plain http beyond this machine
        assertThatThrownBy(() -> new SendGridProvider().emailSender(SendGridStub.context("http://api.sendgrid.com")))
                .isInstanceOf(CommsConfigurationException.class).hasMessageContaining("comms.sendgrid.base-url")
                .hasMessageContaining("https").satisfies(e -> assertThat(e.getMessage()).doesNotContain(SendGridStub.KEY));
        new SendGridProvider().emailSender(SendGridStub.context("https://api.eu.sendgrid.com")).close();
    }

    @Test
    void theSendContextTimeoutEndsAnAttemptTheConfiguredTimeoutWouldAllow() {
        // configured 8 s, the answer comes after 2.5 s, the pipeline allows this attempt 500 ms
        EmailSender patient = new SendGridProvider().emailSender(stub.context(Map.of("comms.sendgrid.timeout", "8s"),
                Clock.fixed(SendGridStub.NOW, ZoneOffset.UTC)));
        try {
            stub.server.resetAll();
            stub.server.stubFor(WireMock.post("/v3/mail/send").willReturn(WireMock.aResponse().withStatus(202)
                    .withHeader("X-Message-Id", "late").withFixedDelay(2500)));
            ProviderException e = catchThrowableOfType(ProviderException.class, () -> patient.send(full(),
                    new SendContext("t", "t", "default", Mode.LIVE, 1, Duration.ofMillis(500))));
            assertThat(e).as("without the attempt's timeout the 2.5 s answer would arrive within the 8 s read timeout").isNotNull();
            assertThat(e.failureClass()).isEqualTo(FailureClass.AMBIGUOUS);
            assertThat(e.getCause()).isInstanceOf(SocketTimeoutException.class);
            assertThat(stub.requests()).hasSize(1);
        } finally {
            patient.close();
        }
    }

    @Test
    void thePoolFollowsTheFacadesConcurrencyUnlessSet() {
        for (Object[] c : new Object[][] {{Map.of(), 64}, {Map.of("comms.async.threads", "100"), 100},
                {Map.of("comms.limits.email.concurrency", "120"), 120}, {Map.of("comms.limits.sms.concurrency", "120"), 64},
                {Map.of("comms.sendgrid.max-connections", "3", "comms.async.threads", "100"), 3}}) {
            @SuppressWarnings("unchecked")
            Map<String, String> more = (Map<String, String>) c[0];
            SendGridEmail email = (SendGridEmail) new SendGridProvider().emailSender(stub.context(more, Clock.systemUTC()));
            try {
                assertThat(email.http().maxConnections()).as(more.toString()).isEqualTo(c[1]);
            } finally {
                email.close();
            }
        }
    }

    @Test
    void noPooledConnectionInTimeIsNotSentAndNothingReachesSendGrid() throws Exception {
        // one connection, held by a slow send; the second send waits for it longer than the lease timeout
        EmailSender pooled = new SendGridProvider().emailSender(stub.context(Map.of("comms.sendgrid.max-connections", "1",
                "comms.sendgrid.connect-timeout", "300ms", "comms.sendgrid.timeout", "10s"), Clock.fixed(SendGridStub.NOW, ZoneOffset.UTC)));
        ExecutorService other = Executors.newSingleThreadExecutor();
        try {
            stub.server.resetAll();
            stub.server.stubFor(WireMock.post("/v3/mail/send").withRequestBody(WireMock.containing("slow@example.com"))
                    .willReturn(WireMock.aResponse().withStatus(202).withHeader("X-Message-Id", "slow").withFixedDelay(2500)));
            stub.server.stubFor(WireMock.post("/v3/mail/send").withRequestBody(WireMock.containing("waits@example.com"))
                    .willReturn(WireMock.aResponse().withStatus(202).withHeader("X-Message-Id", "quick")));
            Future<EmailResult> slow = other.submit(() -> pooled.send(Email.builder().from("a@example.com").to("slow@example.com")
                    .subject("s").text("t").build(), SendContext.of("slow")));
            while (stub.server.getAllServeEvents().isEmpty()) {
                Thread.sleep(10); // until the slow request holds the only connection
            }
            ProviderException e = catchThrowableOfType(ProviderException.class, () -> pooled.send(Email.builder().from("a@example.com")
                    .to("waits@example.com").subject("s").text("t").build(), SendContext.of("waits")));
            assertThat(e.failureClass()).as("no connection was ever leased: nothing was written").isEqualTo(FailureClass.NOT_SENT);
            assertThat(e.getMessage()).contains("never written");
            assertThat(e.isLocal()).as("a wait for our own pool says nothing of SendGrid's health: it never opens the circuit").isTrue();
            assertThat(slow.get().providerMessageId()).isEqualTo("slow");
            assertThat(stub.server.findAll(WireMock.postRequestedFor(WireMock.urlEqualTo("/v3/mail/send"))
                    .withRequestBody(WireMock.containing("waits@example.com")))).isEmpty();
            assertThat(stub.requests()).hasSize(1);
        } finally {
            other.shutdownNow();
            pooled.close();
        }
    }

    @Test
    void errorsDoNotLeakTheKey() {
        stub.arrange(Scenario.UNAUTHORIZED);
        ProviderException e = catchThrowableOfType(ProviderException.class, () -> sender.send(full(), SendContext.of("u")));
        assertThat(e.getMessage()).contains("authorization grant is invalid").doesNotContain(SendGridStub.KEY);
        assertThat(sender.toString()).doesNotContain(SendGridStub.KEY);
    }

    @ParameterizedTest(name = "HTTP {0} -> {1}")
    @CsvSource({"400, PERMANENT", "401, PERMANENT", "403, PERMANENT", "413, PERMANENT", "404, PERMANENT",
            "500, AMBIGUOUS", "502, AMBIGUOUS", "503, AMBIGUOUS", "429, NOT_SENT"})
    void statusesAreClassifiedWithOneRequest(int status, FailureClass expected) {
        stub.server.resetAll();
        stub.server.stubFor(WireMock.post("/v3/mail/send").willReturn(SendGridStub.json(status,
                "{\"errors\":[{\"message\":\"status " + status + "\",\"field\":null}]}")));
        ProviderException e = catchThrowableOfType(ProviderException.class, () -> sender.send(full(), SendContext.of("s" + status)));
        assertThat(e.failureClass()).isEqualTo(expected);
        assertThat(e.httpStatus()).isEqualTo(status);
        assertThat(e.getMessage()).contains("status " + status);
        assertThat(stub.requests()).hasSize(1);
    }

    @Test
    void rateLimitResetIsReadAgainstTheContextClock() {
        stub.server.resetAll();
        stub.server.stubFor(WireMock.post("/v3/mail/send").willReturn(SendGridStub.json(429, "{\"errors\":[]}")
                .withHeader("X-RateLimit-Reset", Long.toString(SendGridStub.NOW.getEpochSecond() + 42))));
        ProviderException e = catchThrowableOfType(ProviderException.class, () -> sender.send(full(), SendContext.of("r1")));
        assertThat(e.retryAfter()).contains(Duration.ofSeconds(42));
        stub.server.resetAll();
        stub.server.stubFor(WireMock.post("/v3/mail/send").willReturn(SendGridStub.json(429, "{\"errors\":[]}")
                .withHeader("X-RateLimit-Reset", Long.toString(SendGridStub.NOW.getEpochSecond() - 5))));
        assertThat(catchThrowableOfType(ProviderException.class, () -> sender.send(full(), SendContext.of("r2"))).retryAfter())
                .contains(Duration.ZERO);
        stub.server.resetAll();
        stub.server.stubFor(WireMock.post("/v3/mail/send").willReturn(SendGridStub.json(429, "{\"errors\":[]}")));
        ProviderException none = catchThrowableOfType(ProviderException.class, () -> sender.send(full(), SendContext.of("r3")));
        assertThat(none.failureClass()).isEqualTo(FailureClass.NOT_SENT);
        assertThat(none.retryAfter()).isEmpty();
    }

    @Test
    void aBaseUrlWithAPathIsAConfigurationError() {
        assertThatThrownBy(() -> new SendGridProvider().emailSender(SendGridStub.context("http://127.0.0.1:1/proxy/sendgrid")))
                .isInstanceOf(CommsConfigurationException.class).hasMessageContaining("comms.sendgrid.base-url");
        assertThatThrownBy(() -> new SendGridProvider().emailSender(SendGridStub.context("ftp://example.com")))
                .isInstanceOf(CommsConfigurationException.class);
    }

    @Test
    void mapsWithoutHttpAndRefusesWhatItCannotCarry() throws Exception {
        JsonNode body = json.readTree(SendGridEmail.mail(full(), SendContext.of("m1")).build());
        List<String> fields = new ArrayList<>();
        body.fieldNames().forEachRemaining(fields::add);
        assertThat(fields).contains("from", "subject", "personalizations", "content", "categories", "headers", "reply_to");
        assertThat(body.get("content")).hasSize(2);
        assertThat(body.at("/content/0/value").asText()).isEqualTo("Hi");
        assertThat(body.at("/content/1/value").asText()).isEqualTo("<p>Hi</p>");
        assertThat(body.get("personalizations")).hasSize(1);
        Email.Builder many = Email.builder().from("a@example.com").to("b@example.com").subject("s").text("t");
        for (int i = 0; i < 11; i++) {
            many.tag("t" + i, "v");
        }
        assertThatThrownBy(() -> SendGridEmail.mail(many.build(), SendContext.of("m2"))).isInstanceOfSatisfying(InvalidMessageException.class,
                e -> assertThat(e.field()).isEqualTo("tags"));
        assertThatThrownBy(() -> SendGridEmail.mail(Email.builder().from("a@example.com").to("b@example.com").subject("s").text("t")
                .tag("comms_message_id", "x").build(), SendContext.of("m3"))).isInstanceOfSatisfying(InvalidMessageException.class,
                        e -> assertThat(e.field()).isEqualTo("tags[comms_message_id]"));
        assertThatThrownBy(() -> SendGridEmail.mail(Email.builder().from("a@example.com").to("b@example.com").subject("s").text("t")
                .tag("comms_hold", "x").build(), SendContext.of("m4"))).isInstanceOfSatisfying(InvalidMessageException.class,
                        e -> assertThat(e.field()).isEqualTo("tags[comms_hold]"));
        // without a hold (no credit meter) there is no comms_hold arg, never an empty one
        JsonNode unheld = json.readTree(SendGridEmail.mail(Email.builder().from("a@example.com").to("b@example.com").subject("s").text("t")
                .build(), SendContext.of("m5")).build());
        assertThat(unheld.at("/personalizations/0/custom_args/comms_message_id").asText()).isEqualTo("m5");
        assertThat(unheld.at("/personalizations/0/custom_args").has("comms_hold")).isFalse();
    }
}
