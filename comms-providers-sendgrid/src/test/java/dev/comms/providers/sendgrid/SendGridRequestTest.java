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
import dev.comms.FailureClass;
import dev.comms.ProviderException;
import dev.comms.UnsupportedFeatureException;
import dev.comms.spi.EmailResult;
import dev.comms.spi.EmailSender;
import dev.comms.spi.SendContext;
import dev.comms.testkit.contract.Scenario;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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
        EmailResult r = sender.send(full(), SendContext.of("msg_abc"));
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
        assertThatThrownBy(() -> sender.send(Email.builder().from("a@example.com").to("b@example.com").replyTo("c@example.com", "d@example.com")
                .subject("s").text("t").build(), SendContext.of("r"))).isInstanceOf(UnsupportedFeatureException.class);
        assertThat(stub.requests()).isEmpty();
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
        assertThatThrownBy(() -> SendGridEmail.mail(many.build(), SendContext.of("m2"))).isInstanceOf(UnsupportedFeatureException.class)
                .hasMessageContaining("10 tags");
        assertThatThrownBy(() -> SendGridEmail.mail(Email.builder().from("a@example.com").to("b@example.com").subject("s").text("t")
                .tag("comms_message_id", "x").build(), SendContext.of("m3"))).isInstanceOf(UnsupportedFeatureException.class);
    }
}
