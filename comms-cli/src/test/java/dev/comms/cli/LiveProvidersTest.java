package dev.comms.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The CLI sending through real provider modules (their SDKs) pointed at a local stub. */
class LiveProvidersTest {
    WireMockServer stub;

    @BeforeEach
    void start() {
        stub = new WireMockServer(WireMockConfiguration.options().bindAddress("127.0.0.1").dynamicPort());
        stub.start();
    }

    @AfterEach
    void stop() {
        stub.stop();
    }

    String base() {
        return "http://127.0.0.1:" + stub.port();
    }

    @Test
    void smsThroughTwilio() throws Exception {
        stub.stubFor(post(urlPathMatching("/2010-04-01/Accounts/.*/Messages.json")).willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"sid\":\"SM0123\",\"status\":\"queued\",\"num_segments\":\"1\"}")));
        CommsCliTest.Run r = CommsCliTest.run("--live", "-Dcomms.twilio.account-sid=AC0000000000000000000000000000000a",
                "-Dcomms.twilio.auth-token=tok", "-Dcomms.twilio.base-url=" + base(), "-Dcomms.sms.from=+14155552671",
                "send", "sms", "--to", "+447123456789", "--body", "Hello from the CLI");
        assertThat(r.status()).as(r.json().toString()).isZero();
        assertThat(r.first().at("/result/provider").asText()).isEqualTo("twilio");
        assertThat(r.first().at("/result/providerMessageId").asText()).isEqualTo("SM0123");
        assertThat(r.first().at("/result/mode").asText()).isEqualTo("live");
        assertThat(stub.findAll(anyRequestedFor(urlPathMatching(".*Messages.json")))).hasSize(1);
    }

    @Test
    void emailFailsOverFromResendToSendGrid() throws Exception {
        stub.stubFor(post(urlPathEqualTo("/emails")).willReturn(aResponse().withStatus(429).withHeader("retry-after", "0")
                .withHeader("Content-Type", "application/json")
                .withBody("{\"statusCode\":429,\"name\":\"rate_limit_exceeded\",\"message\":\"Too many requests\"}")));
        stub.stubFor(post(urlPathEqualTo("/v3/mail/send")).willReturn(aResponse().withStatus(202).withHeader("X-Message-Id", "sg-1")));
        CommsCliTest.Run r = CommsCliTest.run("--live", "-Dcomms.email.providers=resend,sendgrid",
                "-Dcomms.resend.api-key=re_x", "-Dcomms.resend.base-url=" + base(),
                "-Dcomms.sendgrid.api-key=SG.x", "-Dcomms.sendgrid.base-url=" + base(), "-Dcomms.email.from=a@example.com",
                "-Dcomms.retry.max-attempts=2", "-Dcomms.retry.base-delay=1ms",
                "send", "email", "--to", "ada@example.com", "--subject", "Hi", "--text", "Hello");
        assertThat(r.status()).as(r.json().toString()).isZero();
        assertThat(r.first().at("/result/provider").asText()).isEqualTo("sendgrid");
        assertThat(r.first().at("/result/providerMessageId").asText()).isEqualTo("sg-1");
        assertThat(stub.findAll(anyRequestedFor(urlPathEqualTo("/emails")))).isNotEmpty();
        assertThat(stub.findAll(anyRequestedFor(urlPathEqualTo("/v3/mail/send")))).hasSize(1);
    }

    @Test
    void chatThroughOpenAi() throws Exception {
        stub.stubFor(post(urlPathEqualTo("/v1/chat/completions")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"id\":\"chatcmpl-9\",\"object\":\"chat.completion\",\"created\":1,\"model\":\"gpt-4o-mini\",\"choices\":"
                        + "[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"Hi!\"},\"finish_reason\":\"stop\"}],"
                        + "\"usage\":{\"prompt_tokens\":5,\"completion_tokens\":2,\"total_tokens\":7}}")));
        CommsCliTest.Run r = CommsCliTest.run("--live", "-Dcomms.openai.api-key=sk-x", "-Dcomms.openai.base-url=" + base() + "/v1",
                "send", "chat", "--user", "Hello");
        assertThat(r.status()).as(r.json().toString()).isZero();
        assertThat(r.first().at("/result/response").asText()).isEqualTo("Hi!");
        assertThat(r.first().at("/result/tokensUsed").asInt()).isEqualTo(7);
    }

    @Test
    void statusShowsSecretsOnlyAsSet() throws Exception {
        CommsCliTest.Run r = CommsCliTest.run("--live", "-Dcomms.openai.api-key=sk-very-secret", "status");
        assertThat(r.status()).isZero();
        assertThat(r.json().toString()).doesNotContain("sk-very-secret");
    }
}
