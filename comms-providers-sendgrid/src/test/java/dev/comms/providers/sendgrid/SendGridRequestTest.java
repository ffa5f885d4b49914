package dev.comms.providers.sendgrid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.report.ValidationReport;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.comms.Email;
import dev.comms.ProviderException;
import dev.comms.UnsupportedFeatureException;
import dev.comms.spi.EmailResult;
import dev.comms.spi.EmailSender;
import dev.comms.spi.SendContext;
import dev.comms.testkit.contract.OpenApi31;
import dev.comms.testkit.contract.Scenario;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

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

    @Test
    void capturedRequestsConformToSendGridsSpec() throws Exception {
        Path spec = Path.of(System.getProperty("commsSharedDir", "../../shared"), "provider-specs", "sendgrid_mail_v3.json");
        if (!Files.isRegularFile(spec)) {
            System.out.println("SendGrid spec not found at " + spec + ": conformance test SKIPPED");
        }
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isRegularFile(spec), "SendGrid spec not found: skipped");
        JsonNode doc = OpenApi31.downgrade(json.readTree(spec.toFile()));
        OpenApiInteractionValidator validator = OpenApiInteractionValidator.createForInlineApiSpecification(json.writeValueAsString(doc))
                .build();
        stub.arrange(Scenario.ACCEPTED);
        sender.send(full(), SendContext.of("one"));
        sender.send(Email.builder().from("a@example.com").to("b@example.com").subject("s").html("<b>x</b>").build(), SendContext.of("two"));
        List<LoggedRequest> captured = new ArrayList<>(stub.requests());
        for (LoggedRequest r : captured) {
            ValidationReport report = validator.validateRequest(SimpleRequest.Builder.post(r.getUrl()).withContentType("application/json")
                    .withAuthorization(r.getHeader("Authorization")).withBody(r.getBodyAsString()).build());
            assertThat(report.getMessages()).as("%s", r.getBodyAsString())
                    .filteredOn(m -> m.getLevel() != ValidationReport.Level.IGNORE).isEmpty();
        }
        ValidationReport bad = validator.validateRequest(SimpleRequest.Builder.post("/v3/mail/send").withContentType("application/json")
                .withAuthorization("Bearer x").withBody("{\"subject\":\"no personalizations\"}").build());
        assertThat(bad.hasErrors()).as("a request without personalizations must fail validation").isTrue();
        System.out.println("SendGrid conformance: requests validated=" + captured.size() + " against " + spec.getFileName());
        assertThat(captured).hasSize(2);
    }
}
