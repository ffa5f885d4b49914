package dev.comms.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.comms.testkit.FakeClock;
import dev.comms.testkit.FakeEmail;
import dev.comms.testkit.FakeSms;
import dev.comms.testkit.Outcome;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** {@code POST /team-connect/executeAPI}: every service, the envelope, and every error case. */
class UnifiedApiTest extends SandboxServerTest {
    private static final String PATH = "/team-connect/executeAPI";

    @Autowired
    FakeSms sms;
    @Autowired
    FakeEmail email;
    @Autowired
    FakeClock clock;

    private Http.Response call(String service, String action, String data) throws Exception {
        return http().post(PATH, "{\"service\":\"" + service + "\",\"action\":\"" + action + "\",\"api_key\":\"tc_test_demo\",\"data\":" + data + "}");
    }

    private static void failed(Http.Response r, int status, String code) {
        assertThat(r.status()).as(r.toString()).isEqualTo(status);
        assertThat(r.at("/success").asBoolean(true)).isFalse();
        assertThat(r.at("/code").asString()).isEqualTo(code);
        assertThat(r.at("/error").asString()).isNotBlank();
        assertThat(r.at("/message").asString()).isNotBlank();
        assertThat(r.raw()).doesNotContain("at dev.comms").doesNotContain("Exception");
    }

    @Test
    void smsIsSentAndBilledInTheEnvelope() throws Exception {
        Http.Response r = call("sms", "send", "{\"to\":\"+447123456789\",\"message\":\"Hello from the unified API\"}");
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        assertThat(r.at("/success").asBoolean()).isTrue();
        assertThat(r.at("/result/message_id").asString()).startsWith("msg_");
        assertThat(r.at("/result/status").asString()).isEqualTo("queued");
        assertThat(r.at("/result/to").asString()).isEqualTo("+447123456789");
        assertThat(r.at("/result/from").asString()).isEqualTo("Comms");
        assertThat(r.at("/billing/cost").isIntegralNumber()).isTrue();
        assertThat(r.at("/billing/cost").asInt()).isEqualTo(3);
        assertThat(r.at("/billing/costFormatted").asString()).isEqualTo("3p");
        assertThat(r.at("/billing/service").asString()).isEqualTo("sms");
        assertThat(r.at("/billing/action").asString()).isEqualTo("send");
        assertThat(r.at("/billing/isLive").asBoolean(true)).isFalse();
        assertThat(r.at("/billing/creditsRemainingFormatted").asString()).startsWith("£");
        assertThat(r.at("/timestamp").asString()).isNotBlank();
        assertThat(sms.last().orElseThrow().message().body()).isEqualTo("Hello from the unified API");
    }

    @Test
    void voiceEmailAndAiAnswerAsDocumented() throws Exception {
        Http.Response voice = call("voice", "make_call", "{\"to\":\"+447123456789\",\"message\":\"Your table is ready\",\"voice\":\"Polly.Brian\"}");
        assertThat(voice.status()).as(voice.toString()).isEqualTo(200);
        assertThat(voice.at("/result/call_id").asString()).isNotBlank();
        assertThat(voice.at("/result/status").asString()).isEqualTo("initiated");
        assertThat(voice.at("/result/estimated_duration").asInt()).isEqualTo(600);
        assertThat(voice.at("/billing/held").asInt()).isEqualTo(70);
        assertThat(voice.at("/billing/cost").asInt()).isZero();

        Http.Response mail = call("email", "send", "{\"to\":\"ada@example.com\",\"subject\":\"Hi\",\"html\":\"<p>Hello</p>\",\"from_name\":\"Acme\"}");
        assertThat(mail.status()).as(mail.toString()).isEqualTo(200);
        assertThat(mail.at("/billing/costFormatted").asString()).isEqualTo("0.15p");
        assertThat(mail.at("/billing/cost").decimalValue()).isEqualByComparingTo("0.15");
        assertThat(email.last().orElseThrow().message().from().orElseThrow().displayName()).contains("Acme");

        Http.Response ai = call("ai", "chat", "{\"messages\":[{\"role\":\"user\",\"content\":\"Say hi\"}],\"model\":\"gpt-4o\"}");
        assertThat(ai.status()).as(ai.toString()).isEqualTo(200);
        assertThat(ai.at("/result/response").asString()).isNotBlank();
        assertThat(ai.at("/result/model").asString()).isEqualTo("gpt-4o");
        assertThat(ai.at("/result/tokens_used").asInt()).isPositive();
        assertThat(ai.at("/billing/cost").asInt()).isEqualTo(15);
    }

    @Test
    void keysAreRequiredAndChecked() throws Exception {
        failed(http().post(PATH, "{\"service\":\"sms\",\"action\":\"send\",\"data\":{}}"), 401, "MISSING_API_KEY");
        failed(http().post(PATH, "{\"service\":\"sms\",\"action\":\"send\",\"api_key\":\"tc_test_nope\",\"data\":{}}"), 401, "INVALID_API_KEY");
    }

    @Test
    void malformedJsonWrongTypesAndUnknownServicesAreJson4xx() throws Exception {
        failed(http().post(PATH, "{not json"), 400, "INVALID_JSON");
        failed(http().post(PATH, "[1,2]"), 400, "INVALID_JSON");
        failed(http().post(PATH, ""), 400, "INVALID_JSON");
        failed(http().post(PATH, "{\"service\":7,\"action\":\"send\",\"api_key\":\"tc_test_demo\",\"data\":{}}"), 400, "INVALID_REQUEST");
        failed(call("sms", "send", "\"not an object\""), 400, "INVALID_REQUEST");
        failed(call("sms", "send", "{\"to\":[\"+447123456789\"],\"message\":\"x\"}"), 400, "INVALID_REQUEST");
        failed(call("fax", "send", "{}"), 400, "UNKNOWN_SERVICE");
        failed(call("sms", "make_call", "{}"), 400, "UNKNOWN_ACTION");
        failed(call("ai", "chat", "{\"messages\":[{\"role\":\"robot\",\"content\":\"x\"}]}"), 400, "INVALID_REQUEST");
        failed(http().post(PATH, "{\"pad\":\"" + "x".repeat(5000) + "\"}"), 413, "REQUEST_TOO_LARGE");
    }

    @Test
    void theLibrarysValidationCodesComeThrough() throws Exception {
        Http.Response phone = call("sms", "send", "{\"to\":\"4252337837\",\"message\":\"x\"}");
        failed(phone, 400, "INVALID_PHONE");
        assertThat(phone.at("/message").asString()).contains("country code");
        failed(call("sms", "send", "{\"to\":\"+447123456789\",\"message\":\"" + "a".repeat(1601) + "\"}"), 400, "MESSAGE_TOO_LONG");
        failed(call("email", "send", "{\"to\":\"not-an-address\",\"subject\":\"s\",\"html\":\"h\"}"), 400, "INVALID_EMAIL");
        failed(call("voice", "make_call", "{\"to\":\"+447123456789\",\"message\":\"x\",\"voice\":\"Robot\"}"), 400, "INVALID_MESSAGE");
    }

    @Test
    void providerFailuresAndOpenCircuitsAre502Then503() throws Exception {
        email.enqueue(3, Outcome.unavailable());
        String mail = "{\"to\":\"ada@example.com\",\"subject\":\"s\",\"html\":\"h\"}";
        failed(call("email", "send", mail), 502, "PROVIDER_ERROR");
        Http.Response open = call("email", "send", mail);
        failed(open, 503, "SERVICE_UNAVAILABLE");
        clock.advance(Duration.ofSeconds(31));
        assertThat(call("email", "send", mail).status()).isEqualTo(200);
    }

    @Test
    void anIdempotencyKeySendsOnce() throws Exception {
        String body = "{\"service\":\"sms\",\"action\":\"send\",\"api_key\":\"tc_test_demo\",\"data\":{\"to\":\"+447123456789\",\"message\":\"once\"}}";
        Http.Response first = http().post(PATH, body, Map.of("Idempotency-Key", "order-42"));
        Http.Response again = http().post(PATH, body, Map.of("Idempotency-Key", "order-42"));
        assertThat(again.at("/result/message_id").asString()).isEqualTo(first.at("/result/message_id").asString());
        assertThat(sms.sent()).hasSize(1);
    }
}
