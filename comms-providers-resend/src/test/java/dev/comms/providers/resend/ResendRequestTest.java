package dev.comms.providers.resend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.resend.services.emails.Emails;
import dev.comms.Comms;
import dev.comms.Email;
import dev.comms.EmailReceipt;
import dev.comms.FailureClass;
import dev.comms.ProviderException;
import dev.comms.SendOptions;
import dev.comms.spi.EmailResult;
import dev.comms.spi.EmailSender;
import dev.comms.spi.SendContext;
import dev.comms.testkit.contract.Scenario;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** What resend-java puts on the wire through our HTTP layer. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ResendRequestTest {
    final ResendStub stub = new ResendStub();
    final EmailSender sender = new ResendProvider().emailSender(stub.context());
    final ObjectMapper json = new ObjectMapper();

    @AfterAll
    void stop() {
        sender.close();
        stub.close();
    }

    static Email full() {
        return Email.builder().from("news@example.com", "Acme, Inc").to("ada@example.com", "bob@example.com").cc("cc@example.com")
                .bcc("audit@example.com").replyTo("support@example.com").subject("Hello").text("Hi").html("<p>Hi</p>")
                .tag("campaign", "welcome").header("X-Entity-Ref-ID", "123").build();
    }

    @Test
    void sendsEveryFieldAndTheIdempotencyKey() throws Exception {
        stub.arrange("/emails", Scenario.ACCEPTED, ResendStub.OK);
        EmailResult r = sender.send(full(), new SendContext("msg_1", "order-42", "default", dev.comms.Mode.LIVE, 1,
                java.time.Duration.ofSeconds(5)));
        assertThat(r.providerMessageId()).isEqualTo("49a3999c-0ce1-4ea6-ab68-afcd6dc2e794");
        LoggedRequest req = stub.requests().get(0);
        assertThat(stub.requests()).hasSize(1);
        assertThat(req.getHeader("Idempotency-Key")).isEqualTo("order-42");
        assertThat(req.getHeader("Authorization")).isEqualTo("Bearer " + ResendStub.KEY);
        JsonNode body = json.readTree(req.getBodyAsString());
        assertThat(body.get("from").asText()).isEqualTo("\"Acme, Inc\" <news@example.com>");
        assertThat(body.get("to").toString()).isEqualTo("[\"ada@example.com\",\"bob@example.com\"]");
        assertThat(body.get("cc").toString()).isEqualTo("[\"cc@example.com\"]");
        assertThat(body.get("bcc").toString()).isEqualTo("[\"audit@example.com\"]");
        assertThat(body.get("reply_to").toString()).contains("support@example.com");
        assertThat(body.get("subject").asText()).isEqualTo("Hello");
        assertThat(body.get("text").asText()).isEqualTo("Hi");
        assertThat(body.get("html").asText()).isEqualTo("<p>Hi</p>");
        assertThat(body.get("tags").toString()).isEqualTo("[{\"name\":\"campaign\",\"value\":\"welcome\"}]");
        assertThat(body.get("headers").get("X-Entity-Ref-ID").asText()).isEqualTo("123");
    }

    @Test
    void batchesOf150GoAsTwoRequestsWithTheirOwnKeys() throws Exception {
        stub.server.resetAll();
        StringBuilder ids = new StringBuilder("{\"data\":[");
        for (int i = 0; i < 100; i++) {
            ids.append(i == 0 ? "" : ",").append("{\"id\":\"id-").append(i).append("\"}");
        }
        stub.server.stubFor(com.github.tomakehurst.wiremock.client.WireMock.post("/emails/batch").withRequestBody(
                com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath("$[99]")).willReturn(ResendStub.json(200, ids + "]}")));
        StringBuilder fifty = new StringBuilder("{\"data\":[");
        for (int i = 0; i < 50; i++) {
            fifty.append(i == 0 ? "" : ",").append("{\"id\":\"id2-").append(i).append("\"}");
        }
        stub.server.stubFor(com.github.tomakehurst.wiremock.client.WireMock.post("/emails/batch").withRequestBody(
                com.github.tomakehurst.wiremock.client.WireMock.notMatching(".*\"subject\":\"n99\".*"))
                .atPriority(10).willReturn(ResendStub.json(200, fifty + "]}")));
        List<Email> emails = new ArrayList<>();
        for (int i = 0; i < 150; i++) {
            emails.add(Email.builder().from("a@example.com").to("r" + i + "@example.com").subject("n" + i).text("t").build());
        }
        List<EmailResult> results = sender.sendBatch(emails, SendContext.of("batch-1"));
        assertThat(results).hasSize(150);
        assertThat(results.get(0).providerMessageId()).isEqualTo("id-0");
        assertThat(results.get(149).providerMessageId()).isEqualTo("id2-49");
        List<LoggedRequest> reqs = stub.requests();
        assertThat(reqs).hasSize(2);
        assertThat(reqs).extracting(r -> r.getHeader("Idempotency-Key")).containsExactlyInAnyOrder("batch-1/0", "batch-1/1");
        assertThat(reqs).extracting(r -> {
            try {
                return json.readTree(r.getBodyAsString()).size();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }).containsExactlyInAnyOrder(100, 50);
    }

    @Test
    void quotaAndIdempotencyErrorsAreClassified() {
        stub.server.resetAll();
        stub.server.stubFor(com.github.tomakehurst.wiremock.client.WireMock.any(com.github.tomakehurst.wiremock.client.WireMock.anyUrl())
                .willReturn(ResendStub.json(429, "{\"statusCode\":429,\"name\":\"daily_quota_exceeded\",\"message\":\"quota\"}")));
        ProviderException e = catchThrowableOfType(ProviderException.class, () -> sender.send(full(), SendContext.of("q")));
        assertThat(e.failureClass()).isEqualTo(FailureClass.PERMANENT);
        assertThat(e.providerCode()).contains("daily_quota_exceeded");
        stub.server.resetAll();
        stub.server.stubFor(com.github.tomakehurst.wiremock.client.WireMock.any(com.github.tomakehurst.wiremock.client.WireMock.anyUrl())
                .willReturn(ResendStub.json(409, "{\"statusCode\":409,\"name\":\"concurrent_idempotent_requests\",\"message\":\"x\"}")));
        assertThat(catchThrowableOfType(ProviderException.class, () -> sender.send(full(), SendContext.of("c"))).failureClass())
                .isEqualTo(FailureClass.NOT_SENT);
        stub.server.resetAll();
        stub.server.stubFor(com.github.tomakehurst.wiremock.client.WireMock.any(com.github.tomakehurst.wiremock.client.WireMock.anyUrl())
                .willReturn(ResendStub.json(409, "{\"statusCode\":409,\"name\":\"invalid_idempotent_request\",\"message\":\"x\"}")));
        assertThat(catchThrowableOfType(ProviderException.class, () -> sender.send(full(), SendContext.of("i"))).failureClass())
                .isEqualTo(FailureClass.PERMANENT);
    }

    @Test
    void throughTheFacadeAn503IsRetriedWithTheSameKey() {
        try (Comms comms = Comms.builder().autoDiscovery(false).ambientConfiguration(false).provider(new ResendProvider())
                .property("comms.resend.api-key", ResendStub.KEY).property("comms.resend.base-url", "http://127.0.0.1:" + stub.server.port())
                .property("comms.email.from", "a@example.com").property("comms.retry.base-delay", "1ms").build()) {
            stub.server.resetAll();
            stub.server.stubFor(com.github.tomakehurst.wiremock.client.WireMock.post("/emails").inScenario("flaky")
                    .whenScenarioStateIs(com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED)
                    .willReturn(ResendStub.json(503, "{\"statusCode\":503,\"name\":\"application_error\",\"message\":\"x\"}"))
                    .willSetStateTo("ok"));
            stub.server.stubFor(com.github.tomakehurst.wiremock.client.WireMock.post("/emails").inScenario("flaky")
                    .whenScenarioStateIs("ok").willReturn(ResendStub.json(200, ResendStub.OK)));
            EmailReceipt r = comms.email().send(Email.builder().to("ada@example.com").subject("s").text("t").build(),
                    SendOptions.idempotencyKey("invoice-7"));
            assertThat(r.providerMessageId()).isEqualTo("49a3999c-0ce1-4ea6-ab68-afcd6dc2e794");
            assertThat(stub.requests()).hasSize(2).extracting(q -> q.getHeader("Idempotency-Key")).containsOnly("invoice-7");
        }
    }

    @Test
    void secretsNeverShow() {
        stub.arrange("/emails", Scenario.UNAUTHORIZED, ResendStub.OK);
        ProviderException e = catchThrowableOfType(ProviderException.class, () -> sender.send(full(), SendContext.of("s")));
        assertThat(e.getMessage()).doesNotContain(ResendStub.KEY);
        assertThat(sender.toString()).doesNotContain(ResendStub.KEY);
        assertThat(new ResendProvider().configKeys()).filteredOn(k -> k.name().equals("comms.resend.api-key"))
                .singleElement().satisfies(k -> assertThat(k.isSecret()).isTrue());
    }

    @Test
    void injectionFailsLoudlyIfTheSdkChanges() {
        org.assertj.core.api.Assertions.assertThatCode(() -> ResendProvider.inject(new Emails("k"), null)).doesNotThrowAnyException();
        assertThatThrownBy(() -> ResendProvider.inject(null, null)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("resend-java");
    }
}
