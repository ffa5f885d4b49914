package dev.comms.providers.sendgrid;

import static org.assertj.core.api.Assertions.assertThat;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.report.ValidationReport;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.comms.Email;
import dev.comms.spi.EmailSender;
import dev.comms.spi.SendContext;
import dev.comms.testkit.contract.OpenApi31;
import dev.comms.testkit.contract.Scenario;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Requests sendgrid-java sent to the stub, validated against SendGrid's OpenAPI document (3.1, read as 3.0). */
class SendGridConformanceTest {
    final ObjectMapper json = new ObjectMapper();

    @Test
    void capturedRequestsConformToSendGridsSpec() throws Exception {
        Path spec = SendGridStub.specs().resolve("sendgrid_mail_v3.json");
        if (!Files.isRegularFile(spec)) {
            System.out.println("SendGrid spec not found at " + spec + ": conformance test SKIPPED");
        }
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isRegularFile(spec), "SendGrid spec not found at " + spec + ": skipped");
        JsonNode doc = OpenApi31.downgrade(json.readTree(spec.toFile()));
        OpenApiInteractionValidator validator = OpenApiInteractionValidator.createForInlineApiSpecification(json.writeValueAsString(doc))
                .build();
        try (SendGridStub stub = new SendGridStub()) {
            // timeouts that survive a loaded machine: this test checks what is sent, not failure classification
            EmailSender sender = new SendGridProvider().emailSender(stub.context(java.util.Map.of("comms.sendgrid.timeout", "10s",
                    "comms.sendgrid.connect-timeout", "5s"), java.time.Clock.fixed(SendGridStub.NOW, java.time.ZoneOffset.UTC)));
            stub.arrange(Scenario.ACCEPTED);
            sender.send(SendGridRequestTest.full(), SendContext.of("one"));
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
        sender.close();
        }
    }
}
