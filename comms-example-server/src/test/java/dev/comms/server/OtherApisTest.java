package dev.comms.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.comms.testkit.FakeVoice;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Voice2Phone, the CRM connector, Relatel, provider webhooks, and Spring's own failures as JSON. */
class OtherApisTest extends SandboxServerTest {
    private static final Map<String, String> DEMO = Map.of("Authorization", "tc_test_demo");
    private static final Map<String, String> CRM = Map.of("x-api-key", "tc_test_demo");

    @Autowired
    FakeVoice voice;

    private static void error(Http.Response r, int status, String code) {
        assertThat(r.status()).as(r.toString()).isEqualTo(status);
        assertThat(r.at("/error/code").asString()).isEqualTo(code);
        assertThat(r.at("/error/message").asString()).isNotBlank();
    }

    @Test
    void voice2phoneCallsThenReportsStatusAndTheKeyPressedAndSettles() throws Exception {
        Http.Response placed = http().post("/voice2phone/call", "{\"Phone\":{\"Number\":\"4252337837\",\"CountryCode\":\"US\"},"
                + "\"Message\":\"Press 1 to confirm\",\"Dtmf\":{\"1\":\"Thank you\"}}", DEMO);
        assertThat(placed.status()).as(placed.toString()).isEqualTo(200);
        String id = placed.at("/CallId").asString();
        assertThat(voice.last().orElseThrow().message().to().e164()).isEqualTo("+14252337837");
        Http.Response queued = http().get("/voice2phone/call/" + id, DEMO);
        assertThat(queued.at("/Status").asString()).isEqualTo("queued");
        assertThat(queued.at("/KeyPressed").isNull()).isTrue();
        voice.answer(voice.last().orElseThrow().providerId(), Duration.ofSeconds(61), "1");
        Http.Response done = http().get("/voice2phone/call/" + id, DEMO);
        assertThat(done.at("/Status").asString()).isEqualTo("completed");
        assertThat(done.at("/KeyPressed").asString()).isEqualTo("1");
        assertThat(done.at("/Duration").asInt()).isEqualTo(61);
        assertThat(done.at("/Cost").asInt()).isEqualTo(14);
        assertThat(http().get("/voice2phone/call/" + id, DEMO).json().has("Cost")).isFalse();
        error(http().get("/voice2phone/call/nope", DEMO), 404, "CALL_NOT_FOUND");
        error(http().post("/voice2phone/call", "{\"Phone\":{\"Number\":\"4252337837\"},\"Message\":\"x\"}", DEMO), 400, "INVALID_PHONE");
        error(http().post("/voice2phone/call", "{\"Message\":\"x\"}", Map.of()), 401, "MISSING_API_KEY");
    }

    @Test
    void crmGrantsAreIdempotentByKey() throws Exception {
        String grant = "{\"email\":\"Shop@Example.com\",\"amount\":250,\"description\":\"welcome\"}";
        Http.Response first = http().post("/ai-connector/subaccounts/credits", grant, Map.of("x-api-key", "tc_test_demo", "Idempotency-Key", "g-1"));
        assertThat(first.status()).as(first.toString()).isEqualTo(200);
        assertThat(first.at("/success").asBoolean()).isTrue();
        assertThat(first.at("/sub_account_id").asString()).isEqualTo("shop@example.com");
        assertThat(first.at("/credits_added").asInt()).isEqualTo(250);
        assertThat(first.at("/new_balance").asInt()).isEqualTo(250);
        Http.Response again = http().post("/ai-connector/subaccounts/credits", grant, Map.of("x-api-key", "tc_test_demo", "Idempotency-Key", "g-1"));
        assertThat(again.at("/new_balance").asInt()).isEqualTo(250);
        assertThat(again.at("/replayed").asBoolean()).isTrue();
        Http.Response inBody = http().post("/ai-connector/subaccounts/credits",
                "{\"email\":\"shop@example.com\",\"amount\":50,\"idempotency_key\":\"g-2\"}", CRM);
        assertThat(inBody.at("/new_balance").asInt()).isEqualTo(300);
        error(http().post("/ai-connector/subaccounts/credits", "{\"email\":\"shop@example.com\",\"amount\":5}", CRM), 400, "MISSING_IDEMPOTENCY_KEY");
        error(http().post("/ai-connector/subaccounts/credits", "{\"email\":\"shop@example.com\",\"amount\":-5,\"idempotency_key\":\"g-3\"}", CRM),
                400, "INVALID_AMOUNT");
        error(http().post("/ai-connector/subaccounts/credits", "{\"email\":\"not an email\",\"amount\":5,\"idempotency_key\":\"g-4\"}", CRM),
                400, "INVALID_EMAIL");
        error(http().post("/ai-connector/subaccounts/credits", grant, Map.of("x-api-key", "wrong")), 401, "INVALID_API_KEY");
    }

    @Test
    void crmCustomChannelMessagesGoOutAsSms() throws Exception {
        Http.Response sent = http().post("/ai-connector/send_custom_channel_message", "{\"phone\":\"+447123456789\",\"message\":\"Hi from the CRM\"}", CRM);
        assertThat(sent.status()).as(sent.toString()).isEqualTo(200);
        assertThat(sent.at("/message_id").asString()).startsWith("msg_");
        Http.Response bad = http().post("/ai-connector/send_custom_channel_message", "{\"phone\":\"4252337837\",\"message\":\"x\"}", CRM);
        error(bad, 400, "INVALID_PHONE");
        assertThat(bad.at("/error/message").asString()).contains("Phone number must include a valid country code");
    }

    @Autowired
    dev.comms.Comms comms;

    @Test
    void relatelSendsToManyNumbersAndNamesTheFailedOnes() throws Exception {
        Http.Response r = http().post("/relatel/messages", "{\"message\":{\"body\":\"Doors open at 7\",\"endpoint\":\"Employee#1\"},"
                + "\"to_numbers\":[\"447123456789\",\"+447123456780\",\"+15550000007\"]}", Map.of("Authorization", "Bearer tc_test_demo"));
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        assertThat(r.at("/sent").asInt()).isEqualTo(2);
        assertThat(r.at("/failed_numbers/0").asString()).isEqualTo("+15550000007");
        assertThat(r.at("/failures/+15550000007/code").asString()).isEqualTo("INVALID_PHONE");
        error(http().post("/relatel/messages", "{\"message\":{\"body\":\"x\"},\"to_numbers\":[\"4571999999\"]}", Map.of()), 401,
                "MISSING_API_KEY");
    }

    @Test
    void providerWebhooksAreVerifiedAndProcessedOnce() throws Exception {
        dev.comms.SmsReceipt sms = comms.forAccount("demo", dev.comms.Mode.TEST).sms()
                .send(dev.comms.Sms.to("+447123456789").body("webhook me").build());
        dev.comms.testkit.FakeWebhooks hooks = dev.comms.testkit.FakeWebhooks.withDefaultSecret(java.time.Clock.systemUTC());
        dev.comms.event.WebhookRequest delivered = hooks.delivered(sms);
        java.net.URI url = java.net.URI.create(http().base() + "/comms/webhooks/fake");
        var first = hooks.post(url, delivered);
        var again = hooks.post(url, delivered);
        byte[] tampered = delivered.body();
        tampered[tampered.length - 4] ^= 1;
        var forged = hooks.post(url, new dev.comms.event.WebhookRequest("POST", delivered.url(), delivered.headers(), tampered));
        assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
        assertThat(first.body()).contains("\"processed\":1");
        assertThat(again.body()).contains("\"duplicates\":1");
        assertThat(forged.statusCode()).isEqualTo(401);
        assertThat(hooks.post(java.net.URI.create(http().base() + "/comms/webhooks/nobody"), delivered).statusCode()).isEqualTo(404);
    }

    @Test
    void incomingCustomChannelMessagesAreReportedOnce() throws Exception {
        String msg = "{\"message_id\":\"crm-77\",\"phone\":\"+447123456789\",\"message\":\"STOP\"}";
        Http.Response first = http().post("/ai-connector/incoming_custom_channel_message", msg, CRM);
        Http.Response again = http().post("/ai-connector/incoming_custom_channel_message", msg, CRM);
        assertThat(first.status()).as(first.toString()).isEqualTo(200);
        assertThat(first.at("/duplicate").asBoolean()).isFalse();
        assertThat(again.at("/duplicate").asBoolean()).isTrue();
        error(http().post("/ai-connector/incoming_custom_channel_message", "{\"message_id\":\"x\",\"phone\":\"4252337837\",\"message\":\"y\"}",
                CRM), 400, "INVALID_PHONE");
    }

    @Test
    void unknownPathsAndMethodsAreJsonToo() throws Exception {
        error(http().get("/nowhere", Map.of()), 404, "NOT_FOUND");
        error(http().get("/voice2phone/call", Map.of()), 405, "METHOD_NOT_ALLOWED");
        Http.Response unified = http().get("/team-connect/executeAPI", Map.of());
        assertThat(unified.status()).isEqualTo(405);
        assertThat(unified.at("/code").asString()).isEqualTo("METHOD_NOT_ALLOWED");
    }
}
