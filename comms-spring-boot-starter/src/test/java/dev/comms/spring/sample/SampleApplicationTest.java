package dev.comms.spring.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.comms.Comms;
import dev.comms.CommsException;
import dev.comms.Email;
import dev.comms.ErrorCode;
import dev.comms.Mode;
import dev.comms.Sms;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The sample application with nothing but comms.* settings (and the Actuator exposure a test needs to
 * read it over HTTP): the testkit on the class path is the sandbox of test mode.
 */
@SpringBootTest(classes = SampleApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "comms.mode=test", "comms.sms.from=Sample", "comms.webhooks.path=/comms/webhooks/{provider}", "comms.email.from=hello@example.org", "comms.twilio.auth-token=s3cret-token",
        "server.address=127.0.0.1",
        "management.endpoints.web.exposure.include=health,metrics,comms,info", "management.endpoint.health.show-details=always"})
class SampleApplicationTest {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final ObjectMapper JSON = new ObjectMapper();

    @LocalServerPort
    int port;
    @Autowired
    Comms comms;
    @Autowired
    SampleApplication.Signup signup;
    @Autowired
    org.springframework.context.ApplicationContext context;

    private HttpResponse<String> call(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(10)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode get(String path) throws Exception {
        HttpResponse<String> r = call(path);
        assertThat(r.statusCode()).as(path + " -> " + r.body()).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    /** 0 while no such send happened yet (Actuator answers 404 for a meter that does not exist). */
    private double sendsCounted() throws Exception {
        String path = "/actuator/metrics/comms.sends?tag=channel:sms&tag=outcome:sent";
        if (call(path).statusCode() == 404) {
            return 0;
        }
        return get(path).path("measurements").get(0).path("value").asDouble();
    }

    @Test
    void sendsThroughTheFakesAndCountsThemInActuatorMetrics() throws Exception {
        double counted = sendsCounted();
        assertThat(signup.start("+447123456789").provider()).isEqualTo("fake");
        assertThat(comms.sms().send(Sms.to("+447123456789").body("again").build()).mode()).isEqualTo(Mode.TEST);
        comms.email().send(Email.to("ada@example.com").subject("Hi").text("Hello").build());
        assertThat(sendsCounted()).isEqualTo(counted + 2);
        JsonNode tags = get("/actuator/metrics/comms.sends").path("availableTags");
        assertThat(tags.findValuesAsText("tag")).contains("channel", "provider", "outcome", "error");
        assertThat(get("/actuator/metrics/comms.attempts").path("measurements").get(0).path("value").asDouble()).isGreaterThanOrEqualTo(3);
    }

    @Test
    void healthShowsEveryChannel() throws Exception {
        JsonNode comms = get("/actuator/health").path("components").path("comms");
        assertThat(comms.path("status").asText()).isEqualTo("UP");
        for (String channel : new String[] {"email", "sms", "voice", "ai"}) {
            JsonNode c = comms.path("components").path(channel);
            assertThat(c.path("status").asText()).as(channel).isEqualTo("UP");
            assertThat(c.path("details").path("providers").get(0).path("circuit").asText()).isEqualTo("closed");
        }
        assertThat(get("/actuator/health/comms/sms").path("details").path("mode").asText()).isEqualTo("test");
    }

    @Test
    void endpointShowsStatusAndVersionWithSecretsOnlyAsSetOrUnset() throws Exception {
        JsonNode body = get("/actuator/comms");
        assertThat(body.path("status").path("mode").asText()).isEqualTo("TEST");
        assertThat(body.path("status").path("settings").path("comms.sms.from").asText()).isEqualTo("Sample");
        assertThat(body.path("version").path("providers").findValuesAsText("id")).contains("fake");
        assertThat(body.toString()).doesNotContain("s3cret-token");
        assertThat(get("/actuator/info").path("comms").path("providers").findValuesAsText("id")).contains("fake");
    }

    @Test
    void bootDefaultsToJackson3AndCommsKeepsItsJackson2BesideIt() throws Exception {
        assertThat(context.getBeansOfType(tools.jackson.databind.json.JsonMapper.class)).isNotEmpty();
        assertThat(context.getBeanNamesForType(com.fasterxml.jackson.databind.ObjectMapper.class)).isEmpty();
        // comms-api's own JSON (Jackson 2) in the same JVM as Boot's Jackson 3
        assertThat(JSON.readTree(comms.health().toJson()).path("channels").size()).isEqualTo(4);
        assertThat(com.fasterxml.jackson.databind.cfg.PackageVersion.VERSION.getMinorVersion()).isEqualTo(21);
        assertThat(tools.jackson.databind.cfg.PackageVersion.VERSION.getMajorVersion()).isEqualTo(3);
    }

    @Test
    void theCommsBeanIsClosedWithItsContext() {
        ConfigurableApplicationContext app = new SpringApplicationBuilder(SampleApplication.class).web(WebApplicationType.NONE)
                .properties("comms.mode=test", "comms.sms.from=Sample", "comms.webhooks.path=/comms/webhooks/{provider}", "spring.main.banner-mode=off").run();
        Comms own = app.getBean(Comms.class);
        assertThat(own.sms().send(Sms.to("+447123456789").body("before").build()).provider()).isEqualTo("fake");
        app.close();
        assertThatThrownBy(() -> own.sms().send(Sms.to("+447123456789").body("after").build()))
                .isInstanceOfSatisfying(CommsException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.SERVICE_UNAVAILABLE))
                .hasMessageContaining("closed");
    }

    @Test
    void aProviderWebhookPostedToTheMappedPathIsVerifiedAndProcessedOnce() throws Exception {
        dev.comms.SmsReceipt sms = comms.sms().send(Sms.to("+447123456789").body("webhook me").build());
        dev.comms.testkit.FakeWebhooks hooks = dev.comms.testkit.FakeWebhooks.withDefaultSecret(java.time.Clock.systemUTC());
        dev.comms.event.WebhookRequest delivered = hooks.delivered(sms);
        URI url = URI.create("http://127.0.0.1:" + port + "/comms/webhooks/fake");
        HttpResponse<String> first = hooks.post(url, delivered);
        HttpResponse<String> again = hooks.post(url, delivered);
        byte[] tampered = delivered.body();
        tampered[tampered.length - 5] ^= 1;
        HttpResponse<String> forged = hooks.post(url, new dev.comms.event.WebhookRequest("POST", delivered.url(), delivered.headers(), tampered));
        System.out.println("starter_webhook first=" + first.statusCode() + " " + first.body() + " again=" + again.statusCode() + " forged="
                + forged.statusCode());
        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(first.body()).path("processed").asInt()).isEqualTo(1);
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(again.body()).path("duplicates").asInt()).isEqualTo(1);
        assertThat(forged.statusCode()).isEqualTo(401);
        assertThat(comms.events().status(sms.id())).contains(dev.comms.event.EventStatus.SMS_DELIVERED);
    }
}
