package dev.comms.providers.resend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.resend.services.emails.Emails;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.resend.core.service.BaseService;
import dev.comms.Comms;
import dev.comms.CommsConfigurationException;
import dev.comms.Email;
import dev.comms.EmailReceipt;
import dev.comms.FailureClass;
import dev.comms.InvalidMessageException;
import dev.comms.ProviderException;
import dev.comms.SendOptions;
import dev.comms.spi.EmailResult;
import dev.comms.spi.EmailSender;
import dev.comms.spi.SendContext;
import dev.comms.testkit.ProviderContexts;
import dev.comms.testkit.contract.Scenario;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

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
                java.time.Duration.ofSeconds(5), "42"));
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
        // the email's own tags, then Comms' correlation, which Resend's webhooks echo in data.tags
        assertThat(body.get("tags").toString()).isEqualTo("[{\"name\":\"campaign\",\"value\":\"welcome\"},"
                + "{\"name\":\"comms_message_id\",\"value\":\"msg_1\"},{\"name\":\"comms_hold\",\"value\":\"42\"}]");
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

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource({
            "429, daily_quota_exceeded, PERMANENT",
            "429, monthly_quota_exceeded, PERMANENT",
            "409, concurrent_idempotent_requests, NOT_SENT",
            "409, invalid_idempotent_request, PERMANENT",
            "403, invalid_from_address, PERMANENT",
            "404, not_found, PERMANENT",
            "500, internal_server_error, AMBIGUOUS"})
    void namedErrorsAreClassifiedWithOneRequest(int status, String name, FailureClass expected) {
        stub.server.resetAll();
        stub.server.stubFor(WireMock.any(WireMock.anyUrl()).willReturn(
                ResendStub.json(status, "{\"statusCode\":" + status + ",\"name\":\"" + name + "\",\"message\":\"nope\"}")));
        ProviderException e = catchThrowableOfType(ProviderException.class, () -> sender.send(full(), SendContext.of("k-" + name)));
        assertThat(e.failureClass()).isEqualTo(expected);
        assertThat(e.providerCode()).contains(name);
        assertThat(e.httpStatus()).isEqualTo(status);
        assertThat(e.retryAfter()).isEmpty();
        assertThat(stub.requests()).hasSize(1);
    }

    @Test
    void anUnreadableSuccessIsAmbiguousNotAnId() {
        stub.server.resetAll();
        stub.server.stubFor(WireMock.post("/emails").willReturn(ResendStub.json(200, "<html>proxy page</html>")));
        ProviderException e = catchThrowableOfType(ProviderException.class, () -> sender.send(full(), SendContext.of("u")));
        assertThat(e.failureClass()).isEqualTo(FailureClass.AMBIGUOUS);
        assertThat(e.httpStatus()).isEqualTo(200);
        assertThat(stub.requests()).hasSize(1);
    }

    @Test
    void aChunkFailingAfterAnAcceptedChunkIsAmbiguous() {
        stub.server.resetAll();
        StringBuilder ids = new StringBuilder("{\"data\":[");
        for (int i = 0; i < 100; i++) {
            ids.append(i == 0 ? "" : ",").append("{\"id\":\"id-").append(i).append("\"}");
        }
        stub.server.stubFor(WireMock.post("/emails/batch").withRequestBody(WireMock.matchingJsonPath("$[99]"))
                .willReturn(ResendStub.json(200, ids + "]}")));
        stub.server.stubFor(WireMock.post("/emails/batch").atPriority(10).willReturn(
                ResendStub.json(422, "{\"statusCode\":422,\"name\":\"validation_error\",\"message\":\"Invalid `to` field.\"}")));
        List<Email> emails = new ArrayList<>();
        for (int i = 0; i < 150; i++) {
            emails.add(Email.builder().from("a@example.com").to("r" + i + "@example.com").subject("n" + i).text("t").build());
        }
        ProviderException e = catchThrowableOfType(ProviderException.class, () -> sender.sendBatch(emails, SendContext.of("b2")));
        assertThat(e.failureClass()).isEqualTo(FailureClass.AMBIGUOUS);
        assertThat(e.httpStatus()).isEqualTo(422);
        assertThat(e.providerCode()).contains("validation_error");
        assertThat(e.getMessage()).contains("100 of 150");
        assertThat(stub.requests()).hasSize(2);
    }

    @Test
    void aFailureIsClassifiedByWhetherTheRequestWasWritten() {
        assertThat(ResendEmail.network(new SocketTimeoutException("connect timed out"), false).failureClass())
                .isEqualTo(FailureClass.NOT_SENT);
        assertThat(ResendEmail.network(new SocketTimeoutException("timeout"), true).failureClass()).isEqualTo(FailureClass.AMBIGUOUS);
        assertThat(ResendEmail.network(new ConnectException("refused"), false).failureClass()).isEqualTo(FailureClass.NOT_SENT);
    }

    @Test
    void aConnectTimeoutOverRealSocketsIsNotSent() throws Exception {
        // a listener whose accept queue is full: the kernel drops further SYNs, so connecting hangs and
        // times out before a byte of the request is written (the same exception type as a read timeout)
        try (ServerSocket full = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            List<Socket> fillers = new ArrayList<>();
            try {
                for (int i = 0; i < 4; i++) {
                    Socket s = new Socket();
                    try {
                        s.connect(full.getLocalSocketAddress(), 200);
                    } catch (java.io.IOException e) {
                        // the queue is already full
                    }
                    fillers.add(s);
                }
                EmailSender hanging = new ResendProvider().emailSender(ProviderContexts.of("resend", Map.of("comms.resend.api-key",
                        ResendStub.KEY, "comms.resend.base-url", "http://127.0.0.1:" + full.getLocalPort(),
                        "comms.resend.connect-timeout", "300ms", "comms.resend.timeout", "5s")));
                try {
                    ProviderException e = catchThrowableOfType(ProviderException.class, () -> hanging.send(full(), SendContext.of("h")));
                    assertThat(e.failureClass()).isEqualTo(FailureClass.NOT_SENT);
                    assertThat(e.getMessage()).contains("never written");
                    assertThat(e.getCause()).isInstanceOf(java.io.InterruptedIOException.class);
                } finally {
                    hanging.close();
                }
            } finally {
                for (Socket s : fillers) {
                    s.close();
                }
            }
        }
    }

    @Test
    void theSendContextTimeoutEndsAnAttemptTheConfiguredTimeoutWouldAllow() {
        // configured 8 s, the answer comes after 2.5 s, the pipeline allows this attempt 500 ms
        EmailSender patient = new ResendProvider().emailSender(ProviderContexts.of("resend", Map.of("comms.resend.api-key", ResendStub.KEY,
                "comms.resend.base-url", "http://127.0.0.1:" + stub.server.port(), "comms.resend.timeout", "8s")));
        try {
            stub.server.resetAll();
            stub.server.stubFor(WireMock.post(WireMock.urlPathMatching("/emails(/batch)?"))
                    .willReturn(ResendStub.json(200, ResendStub.OK).withFixedDelay(2500)));
            SendContext short500ms = new SendContext("t", "t-key", "default", dev.comms.Mode.LIVE, 1, Duration.ofMillis(500));
            ProviderException e = catchThrowableOfType(ProviderException.class, () -> patient.send(full(), short500ms));
            assertThat(e).as("without the attempt's timeout the 2.5 s answer would arrive within the 8 s read timeout").isNotNull();
            assertThat(e.failureClass()).isEqualTo(FailureClass.AMBIGUOUS);
            assertThat(e.getCause()).isInstanceOf(java.io.InterruptedIOException.class);
            ProviderException b = catchThrowableOfType(ProviderException.class, () -> patient.sendBatch(List.of(full(), full()), short500ms));
            assertThat(b).isNotNull();
            assertThat(b.failureClass()).isEqualTo(FailureClass.AMBIGUOUS);
            assertThat(stub.requests()).hasSize(2);
        } finally {
            patient.close();
        }
    }

    @Test
    void planningRefusesWhatResendCannotTakeAndSendStaysSafe() {
        stub.arrange("/emails.*", Scenario.ACCEPTED, ResendStub.OK);
        Email.Builder many = Email.builder().from("a@example.com").subject("s").text("t");
        for (int i = 0; i < 51; i++) {
            many.to("r" + i + "@example.com");
        }
        Email fiftyOne = many.build();
        assertThatThrownBy(() -> sender.check(fiftyOne)).isInstanceOfSatisfying(InvalidMessageException.class,
                e -> assertThat(e.field()).isEqualTo("to"));
        Email spaced = Email.builder().from("a@example.com").to("b@example.com").subject("s").text("t").tag("campaign", "summer sale").build();
        assertThatThrownBy(() -> sender.check(spaced)).isInstanceOfSatisfying(InvalidMessageException.class,
                e -> assertThat(e.field()).isEqualTo("tags[campaign]"));
        assertThatThrownBy(() -> sender.send(spaced, SendContext.of("x"))).isInstanceOf(InvalidMessageException.class);
        assertThatThrownBy(() -> sender.sendBatch(List.of(full(), spaced), SendContext.of("y"))).isInstanceOf(InvalidMessageException.class);
        assertThat(stub.requests()).as("a batch with one email Resend cannot take sends none of it").isEmpty();
        sender.check(full());
        sender.check(Email.builder().from("a@example.com").to("b@example.com").subject("s").text("t").tag("Campaign_2-b", "v_1-X").build());
        for (String reserved : List.of("comms_message_id", "comms_hold")) {
            assertThatThrownBy(() -> sender.check(Email.builder().from("a@example.com").to("b@example.com").subject("s").text("t")
                    .tag(reserved, "x").build())).isInstanceOfSatisfying(InvalidMessageException.class,
                            e -> assertThat(e.field()).isEqualTo("tags[" + reserved + "]"));
        }
    }

    @Test
    void correlationTagsOnSingleSendsOnlyAndNeverOnesResendWouldRefuse() {
        Email plain = Email.builder().from("a@example.com").to("b@example.com").subject("s").text("t").build();
        assertThat(ResendEmail.options(plain, SendContext.of("msg_01JDZ8Q4KXW7T5R1M0N2P3S4V6")).getTags())
                .extracting(t -> t.getName() + "=" + t.getValue()).containsExactly("comms_message_id=msg_01JDZ8Q4KXW7T5R1M0N2P3S4V6");
        assertThat(ResendEmail.options(plain, null).getTags()).as("a batch's emails").isNullOrEmpty();
        // an id with characters Resend refuses in tags is left out, not sent to fail the email
        assertThat(ResendEmail.options(plain, new SendContext("msg.1", "k", "default", dev.comms.Mode.LIVE, 1,
                java.time.Duration.ofSeconds(5), "h:1")).getTags()).isNullOrEmpty();
    }

    @Test
    void aMalformedBaseUrlIsAConfigurationError() {
        assertThatThrownBy(() -> new ResendProvider().emailSender(ResendStub.context("not a url")))
                .isInstanceOf(CommsConfigurationException.class).hasMessageContaining("comms.resend.base-url");
    }

    @Test
    void plainHttpToANetworkHostIsRefusedNamingTheSetting() {
        // the API key is a bearer token on every request: never over plain http beyond this machine
        assertThatThrownBy(() -> new ResendProvider().emailSender(ResendStub.context("http://api.resend.com")))
                .isInstanceOf(CommsConfigurationException.class).hasMessageContaining("comms.resend.base-url")
                .hasMessageContaining("https").satisfies(e -> assertThat(e.getMessage()).doesNotContain(ResendStub.KEY));
        new ResendProvider().emailSender(ResendStub.context("https://eu.resend.example/")).close();
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
    void throughTheFacadeABatchOf150GoesAsTwoBatchRequestsEachEmailWithItsOwnReceipt() {
        try (Comms comms = Comms.builder().autoDiscovery(false).ambientConfiguration(false).provider(new ResendProvider())
                .property("comms.resend.api-key", ResendStub.KEY).property("comms.resend.base-url", "http://127.0.0.1:" + stub.server.port())
                .property("comms.email.from", "a@example.com").property("comms.maintenance.interval", "0").build()) {
            stub.server.resetAll();
            StringBuilder hundred = new StringBuilder("{\"data\":[");
            for (int i = 0; i < 100; i++) {
                hundred.append(i == 0 ? "" : ",").append("{\"id\":\"a-").append(i).append("\"}");
            }
            StringBuilder fifty = new StringBuilder("{\"data\":[");
            for (int i = 0; i < 50; i++) {
                fifty.append(i == 0 ? "" : ",").append("{\"id\":\"b-").append(i).append("\"}");
            }
            stub.server.stubFor(WireMock.post("/emails/batch").withRequestBody(WireMock.matchingJsonPath("$[99]"))
                    .willReturn(ResendStub.json(200, hundred + "]}")));
            stub.server.stubFor(WireMock.post("/emails/batch").atPriority(10).willReturn(ResendStub.json(200, fifty + "]}")));
            List<Email> emails = new ArrayList<>();
            for (int i = 0; i < 150; i++) {
                emails.add(Email.builder().to("r" + i + "@example.com").subject("n" + i).text("t").build());
            }
            dev.comms.BulkResult<EmailReceipt> r = comms.email().sendBatch(emails, SendOptions.idempotencyKey("newsletter-12"));
            assertThat(r.sent()).isEqualTo(150);
            assertThat(r.receipts().get(0).providerMessageId()).isEqualTo("a-0");
            assertThat(r.receipts().get(149).providerMessageId()).isEqualTo("b-49");
            List<LoggedRequest> reqs = stub.requests();
            System.out.println("resend_batch_through_facade emails=150 batch_requests=" + reqs.size() + " keys="
                    + reqs.stream().map(q -> q.getHeader("Idempotency-Key")).sorted().toList());
            assertThat(reqs).hasSize(2).extracting(q -> q.getHeader("Idempotency-Key"))
                    .containsExactlyInAnyOrder("newsletter-12:batch:0", "newsletter-12:batch:1");
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

    /** A service without the package-private (String, IHttpClient) constructor, as a changed SDK would have. */
    static final class ChangedService extends BaseService {
        ChangedService() {
            super("k");
        }
    }

    @Test
    void injectionUsesOurClientAndFailsLoudlyIfTheSdkChanges() throws Exception {
        ResendHttp ours = new ResendHttp("http://127.0.0.1:" + stub.server.port(), Duration.ofSeconds(1), Duration.ofSeconds(1), 8, "t");
        assertThat(ResendProvider.create(Emails.class, "k", ours).getHttpClient()).isSameAs(ours);
        assertThatThrownBy(() -> ResendProvider.create(ChangedService.class, ResendStub.KEY, ours))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("resend-java").hasMessageContaining("ChangedService(String, IHttpClient)")
                .hasMessageNotContaining(ResendStub.KEY);
        ours.close();
    }
}
