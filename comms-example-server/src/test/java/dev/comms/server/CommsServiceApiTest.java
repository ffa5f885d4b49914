package dev.comms.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.comms.testkit.FakeSms;
import dev.comms.testkit.FakeVoice;
import dev.comms.testkit.Outcome;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** {@code /api/v1/comms}: no key on the sandbox, {@code {"detail": ...}} errors, health/status/version. */
class CommsServiceApiTest extends SandboxServerTest {
    @Autowired
    FakeSms sms;
    @Autowired
    FakeVoice voice;

    private static void detail(Http.Response r, int status, String contains) {
        assertThat(r.status()).as(r.toString()).isEqualTo(status);
        assertThat(r.json().propertyNames()).containsExactly("detail");
        assertThat(r.at("/detail").asString()).contains(contains);
    }

    @Test
    void sendsEmailSmsAndCallsWithoutAKeyOnTheSandbox() throws Exception {
        Http.Response mail = http().post("/api/v1/comms/email/send", "{\"to\":[\"ada@example.com\",\"bob@example.com\"],\"subject\":\"Hi\","
                + "\"text\":\"Hello\",\"cc\":[\"cc@example.com\"],\"reply_to\":\"r@example.com\",\"tags\":[{\"name\":\"kind\",\"value\":\"welcome\"}]}");
        assertThat(mail.status()).as(mail.toString()).isEqualTo(200);
        assertThat(mail.at("/recipients").asInt()).isEqualTo(3);
        Http.Response text = http().post("/api/v1/comms/sms/send", "{\"to\":\"+447123456789\",\"body\":\"" + "a".repeat(161) + "\"}");
        assertThat(text.status()).as(text.toString()).isEqualTo(200);
        assertThat(text.at("/segments").asInt()).isEqualTo(2);
        assertThat(sms.last().orElseThrow().message().body()).hasSize(161);
        Http.Response call = http().post("/api/v1/comms/call/make", "{\"to\":\"+447123456789\",\"twiml_url\":\"https://example.org/t.xml\","
                + "\"timeout\":20}");
        assertThat(call.status()).as(call.toString()).isEqualTo(200);
        assertThat(call.at("/call_status").asString()).isEqualTo("queued");
        assertThat(voice.last().orElseThrow().message().ringTimeout().toSeconds()).isEqualTo(20);
    }

    @Test
    void errorsAreDetailWith400And502() throws Exception {
        detail(http().post("/api/v1/comms/email/send", "{\"to\":[\"ada@example.com\"],\"subject\":\"Hi\"}"), 400, "'text' and 'html'");
        detail(http().post("/api/v1/comms/sms/send", "{\"to\":\"+441234567890\",\"body\":\"landline\"}"), 400, "mobile");
        detail(http().post("/api/v1/comms/sms/send", "{oops"), 400, "not valid JSON");
        detail(http().post("/api/v1/comms/call/make", "{\"to\":\"+447123456789\",\"twiml_url\":\"https://example.org/t.xml\",\"timeout\":\"soon\"}"),
                400, "'timeout' must be a whole number");
        sms.enqueue(Outcome.permanent());
        detail(http().post("/api/v1/comms/sms/send", "{\"to\":\"+447123456789\",\"body\":\"x\"}"), 502, "");
    }

    @Test
    void healthStatusAndVersionAsTheServiceHadThem() throws Exception {
        Http.Response health = http().get("/api/v1/comms/health", Map.of());
        assertThat(health.at("/status").asString()).isIn("healthy", "degraded");
        for (String c : new String[] {"email", "sms", "voice", "ai"}) {
            assertThat(health.at("/channels/" + c + "/configured").asBoolean()).isTrue();
            assertThat(health.at("/channels/" + c + "/provider").asString()).isEqualTo("fake");
            assertThat(health.at("/channels/" + c + "/errors").isArray()).isTrue();
            assertThat(health.at("/channels/" + c + "/total_errors").isIntegralNumber()).isTrue();
        }
        Http.Response status = http().get("/api/v1/comms/status", Map.of());
        assertThat(status.at("/mode").asString()).isEqualTo("test");
        assertThat(status.at("/settings/comms.twilio.auth-token").asString()).isEqualTo("unset");
        Http.Response version = http().get("/api/v1/comms/version", Map.of());
        assertThat(version.at("/features").toString()).contains("credits");
        assertThat(version.at("/endpoints").toString()).contains("POST /api/v1/comms/sms/send");
        assertThat(version.at("/providers").findValuesAsString("id")).contains("fake", "twilio", "resend");
    }
}
