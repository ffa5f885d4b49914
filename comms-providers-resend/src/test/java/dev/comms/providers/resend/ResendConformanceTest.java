package dev.comms.providers.resend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.report.ValidationReport;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.comms.Email;
import dev.comms.spi.EmailSender;
import dev.comms.spi.SendContext;
import dev.comms.testkit.contract.OpenApi31;
import dev.comms.testkit.contract.Scenario;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Requests resend-java sent to the stub, validated against Resend's OpenAPI document (3.1, read as 3.0). */
class ResendConformanceTest {
    @Test
    void capturedRequestsConformToResendsSpec() throws Exception {
        Path spec = ResendStub.specs().resolve("resend.yaml");
        if (!Files.isRegularFile(spec)) {
            System.out.println("Resend spec not found at " + spec + ": conformance test SKIPPED");
        }
        assumeTrue(Files.isRegularFile(spec), "Resend spec not found at " + spec + ": skipped");
        JsonNode doc = OpenApi31.downgrade(new ObjectMapper(new YAMLFactory()).readTree(spec.toFile()));
        OpenApiInteractionValidator validator = OpenApiInteractionValidator
                .createForInlineApiSpecification(new ObjectMapper().writeValueAsString(doc)).build();
        try (ResendStub stub = new ResendStub()) {
            EmailSender sender = new ResendProvider().emailSender(stub.relaxedContext());
            stub.arrange("/emails.*", Scenario.ACCEPTED, ResendStub.OK);
            sender.send(ResendRequestTest.full(), SendContext.of("one"));
            sender.send(Email.builder().from("a@example.com").to("b@example.com").subject("s").html("<b>x</b>").build(), SendContext.of("two"));
            List<LoggedRequest> captured = new java.util.ArrayList<>(stub.requests());
            stub.arrange("/emails.*", Scenario.ACCEPTED, "{\"data\":[{\"id\":\"1\"},{\"id\":\"2\"}]}");
            sender.sendBatch(List.of(ResendRequestTest.full(), Email.builder().from("a@example.com").to("c@example.com").subject("s")
                    .text("t").build()), SendContext.of("batch"));
            captured.addAll(stub.requests());
            int checked = 0;
            for (LoggedRequest r : captured) {
                ValidationReport report = validator.validateRequest(SimpleRequest.Builder.post(r.getUrl())
                        .withContentType("application/json").withAuthorization(r.getHeader("Authorization"))
                        .withHeader("Idempotency-Key", r.getHeader("Idempotency-Key")).withBody(r.getBodyAsString()).build());
                assertThat(report.getMessages()).as("%s %s", r.getUrl(), r.getBodyAsString())
                        .filteredOn(m -> m.getLevel() != ValidationReport.Level.IGNORE).isEmpty();
                checked++;
            }
            ValidationReport bad = validator.validateRequest(SimpleRequest.Builder.post("/emails").withContentType("application/json")
                    .withAuthorization("Bearer x").withBody("{\"subject\":\"no from, no to\"}").build());
            assertThat(bad.hasErrors()).as("a request without from and to must fail validation").isTrue();
            System.out.println("Resend conformance: requests validated=" + checked + " against " + spec.getFileName());
            assertThat(checked).isEqualTo(3);
            sender.close();
        }
    }
}
