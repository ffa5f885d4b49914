package dev.comms.providers.openai;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.http.Headers;
import com.openai.errors.InternalServerException;
import com.openai.errors.OpenAIIoException;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import dev.comms.ChatRequest;
import dev.comms.CommsConfigurationException;
import dev.comms.FailureClass;
import dev.comms.Mode;
import dev.comms.ProviderException;
import dev.comms.spi.ChatCompleter;
import dev.comms.spi.ChatResult;
import dev.comms.spi.CommsProvider;
import dev.comms.spi.ConfigKey;
import dev.comms.spi.SendContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Retries, timeouts, odd answers, secrets and classification details, on the real SDK against WireMock. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OpenAiWireTest {
    final OpenAiStub stub = new OpenAiStub();
    final ChatCompleter completer = new OpenAiProvider().chatCompleter(stub.context());

    @AfterAll
    void stop() {
        completer.close();
        stub.close();
    }

    static ChatRequest request() {
        return ChatRequest.builder().system("Be brief.").user("Hi").model("gpt-4o-mini").maxTokens(20).build();
    }

    void answer(ResponseDefinitionBuilder r) {
        stub.server.resetAll();
        stub.server.stubFor(any(anyUrl()).willReturn(r));
    }

    ProviderException failure(ChatCompleter c) {
        ProviderException e = catchThrowableOfType(ProviderException.class, () -> c.complete(request(), SendContext.of("m")));
        assertThat(e).as("a ProviderException").isNotNull();
        return e;
    }

    @Test
    void theSdksOwnRetriesAreOffAndWouldOtherwiseResend() {
        answer(OpenAiStub.json(503, OpenAiStub.error("overloaded", "server_error", null)).withHeader("retry-after-ms", "10"));
        ProviderException e = failure(completer);
        assertThat(e.failureClass()).isEqualTo(FailureClass.NOT_SENT);
        assertThat(e.httpStatus()).isEqualTo(503);
        assertThat(e.providerCode()).contains("server_error");
        assertThat(stub.requests()).as("maxRetries(0): one request per attempt").hasSize(1);

        // control: the same SDK with its default retry policy sends the request three times
        stub.server.resetRequests();
        OpenAIClient plain = OpenAIOkHttpClient.builder().apiKey(OpenAiStub.KEY)
                .baseUrl("http://127.0.0.1:" + stub.server.port() + "/v1").build();
        try {
            assertThatThrownBy(() -> plain.chat().completions().create(ChatCompletionCreateParams.builder()
                    .model("gpt-4o-mini").addUserMessage("Hi").build())).isInstanceOf(InternalServerException.class);
            assertThat(stub.requests()).as("the SDK's default policy retries a 503").hasSize(3);
        } finally {
            plain.close();
        }
    }

    @Test
    void theAttemptTimeoutBoundsTheCall() {
        ChatCompleter patient = new OpenAiProvider().chatCompleter(stub.context("comms.openai.timeout", "30s"));
        try {
            answer(OpenAiStub.json(200, OpenAiStub.OK).withFixedDelay(3000));
            SendContext oneSecond = new SendContext("m", "m", "default", Mode.TEST, 1, Duration.ofSeconds(1));
            long start = System.nanoTime();
            ProviderException e = catchThrowableOfType(ProviderException.class, () -> patient.complete(request(), oneSecond));
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            assertThat(e).isNotNull();
            assertThat(e.failureClass()).as("the model may have run: ambiguous").isEqualTo(FailureClass.AMBIGUOUS);
            assertThat(took).isLessThan(Duration.ofMillis(2500));
            assertThat(stub.requests()).hasSize(1);
        } finally {
            patient.close();
        }
    }

    @Test
    void organizationHeaderWhenConfigured() {
        ChatCompleter org = new OpenAiProvider().chatCompleter(stub.context("comms.openai.organization", "org-comms"));
        try {
            stub.arrange(dev.comms.testkit.contract.Scenario.ACCEPTED);
            org.complete(request(), SendContext.of("o"));
            assertThat(stub.requests().get(0).getHeader("OpenAI-Organization")).isEqualTo("org-comms");
            stub.arrange(dev.comms.testkit.contract.Scenario.ACCEPTED);
            completer.complete(request(), SendContext.of("p"));
            assertThat(stub.requests().get(0).containsHeader("OpenAI-Organization")).isFalse();
        } finally {
            org.close();
        }
    }

    @Test
    void aSparseCompatibleServerAnswerIsReadLeniently() {
        answer(OpenAiStub.json(200, "{\"choices\":[{\"message\":{\"role\":\"assistant\",\"content\":\"Hi there\"}}]}"));
        ChatResult r = completer.complete(request(), SendContext.of("msg-7"));
        assertThat(r.text()).isEqualTo("Hi there");
        assertThat(r.providerMessageId()).as("no id: the message id").isEqualTo("msg-7");
        assertThat(r.model()).as("no model: the requested one").isEqualTo("gpt-4o-mini");
        assertThat(r.usage().totalTokens()).isZero();
        assertThat(r.finishReason()).isEmpty();
    }

    @Test
    void aTotalMissingFromUsageIsTheSum() {
        answer(OpenAiStub.json(200, "{\"id\":\"c1\",\"model\":\"local\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\","
                + "\"content\":\"ok\"},\"finish_reason\":\"length\"}],\"usage\":{\"prompt_tokens\":5,\"completion_tokens\":20}}"));
        ChatResult r = completer.complete(request(), SendContext.of("m"));
        assertThat(r.usage().promptTokens()).isEqualTo(5);
        assertThat(r.usage().totalTokens()).isEqualTo(25);
        assertThat(r.finishReason()).isEqualTo("length");
    }

    @Test
    void aSuccessStatusWithoutAChatCompletionIsNotSent() {
        answer(aResponse().withStatus(200).withHeader("Content-Type", "text/html").withBody("<html>captive portal</html>"));
        ProviderException e = failure(completer);
        assertThat(e.failureClass()).isEqualTo(FailureClass.NOT_SENT);
        assertThat(e.getMessage()).contains("not a chat completion");
        assertThat(stub.requests()).hasSize(1);
    }

    @Test
    void everyStatusClassAndTheProviderCode() {
        record Case(int status, String type, String code, FailureClass expected, String providerCode) { }
        for (Case c : new Case[] {
            new Case(400, "invalid_request_error", "context_length_exceeded", FailureClass.PERMANENT, "context_length_exceeded"),
            new Case(403, "invalid_request_error", "unsupported_country_region_territory", FailureClass.PERMANENT,
                    "unsupported_country_region_territory"),
            new Case(404, "invalid_request_error", "model_not_found", FailureClass.PERMANENT, "model_not_found"),
            new Case(422, "invalid_request_error", null, FailureClass.PERMANENT, "invalid_request_error"),
            new Case(429, "insufficient_quota", "insufficient_quota", FailureClass.PERMANENT, "insufficient_quota"),
            new Case(429, "requests", "rate_limit_exceeded", FailureClass.NOT_SENT, "rate_limit_exceeded"),
            new Case(500, "server_error", null, FailureClass.NOT_SENT, "server_error"),
            new Case(504, "server_error", null, FailureClass.NOT_SENT, "server_error")}) {
            answer(OpenAiStub.json(c.status(), OpenAiStub.error("failed", c.type(), c.code())));
            ProviderException e = failure(completer);
            assertThat(e.failureClass()).as("HTTP %d %s", c.status(), c.code()).isEqualTo(c.expected());
            assertThat(e.httpStatus()).isEqualTo(c.status());
            assertThat(e.providerCode()).contains(c.providerCode());
            assertThat(e.retryAfter()).as("no retry-after header").isEmpty();
            assertThat(stub.requests()).as("HTTP %d: one request", c.status()).hasSize(1);
        }
    }

    @Test
    void retryAfterHeaders() {
        Instant now = Instant.parse("2026-11-23T10:00:00Z");
        assertThat(OpenAiChat.retryAfter(Headers.builder().put("retry-after-ms", "250.5").put("retry-after", "9").build(), now))
                .isEqualTo(Duration.ofMillis(250));
        assertThat(OpenAiChat.retryAfter(Headers.builder().put("retry-after-ms", "soon").put("retry-after", "9").build(), now))
                .isEqualTo(Duration.ofSeconds(9));
        assertThat(OpenAiChat.retryAfter(Headers.builder().put("Retry-After", "Mon, 23 Nov 2026 10:00:30 GMT").build(), now))
                .isEqualTo(Duration.ofSeconds(30));
        assertThat(OpenAiChat.retryAfter(Headers.builder().put("retry-after", "-5").build(), now)).isEqualTo(Duration.ZERO);
        assertThat(OpenAiChat.retryAfter(Headers.builder().put("retry-after", "later").build(), now)).isNull();
        assertThat(OpenAiChat.retryAfter(Headers.builder().build(), now)).isNull();
    }

    @Test
    void aConnectTimeoutWasNotSentButAReadTimeoutIsAmbiguous() {
        assertThat(OpenAiChat.network(new OpenAIIoException("io", new SocketTimeoutException("Connect timed out")), "k").failureClass())
                .isEqualTo(FailureClass.NOT_SENT);
        assertThat(OpenAiChat.network(new OpenAIIoException("io", new ConnectException("Connection refused")), "k").failureClass())
                .isEqualTo(FailureClass.NOT_SENT);
        assertThat(OpenAiChat.network(new OpenAIIoException("io", new SocketTimeoutException("Read timed out")), "k").failureClass())
                .isEqualTo(FailureClass.AMBIGUOUS);
        assertThat(OpenAiChat.timeouts(Duration.ofSeconds(30)).connect()).isEqualTo(Duration.ofSeconds(10));
        assertThat(OpenAiChat.timeouts(Duration.ofSeconds(2)).connect()).isEqualTo(Duration.ofSeconds(2));
        assertThat(OpenAiChat.timeouts(Duration.ofSeconds(30)).read()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void theKeyIsNeverShownEvenWhenAServerEchoesIt() {
        answer(OpenAiStub.json(401, OpenAiStub.error("Incorrect API key provided: " + OpenAiStub.KEY, "invalid_request_error",
                "invalid_api_key")));
        ProviderException e = failure(completer);
        assertThat(e.failureClass()).isEqualTo(FailureClass.PERMANENT);
        StringWriter trace = new StringWriter();
        e.printStackTrace(new PrintWriter(trace));
        assertThat(trace.toString()).contains("HTTP 401").doesNotContain(OpenAiStub.KEY);
        assertThat(e.toString()).doesNotContain(OpenAiStub.KEY);
        assertThat(completer.toString()).doesNotContain(OpenAiStub.KEY);
        assertThat(new OpenAiProvider().toString()).doesNotContain(OpenAiStub.KEY);
        assertThat(OpenAiChat.redact("key " + OpenAiStub.KEY + " end", OpenAiStub.KEY)).isEqualTo("key **** end");
    }

    @Test
    void settingsAndDiscovery() throws IOException {
        OpenAiProvider p = new OpenAiProvider();
        assertThat(p.configKeys()).extracting(ConfigKey::name).contains("comms.openai.api-key", "comms.openai.base-url",
                "comms.openai.timeout", "comms.openai.organization");
        assertThat(p.configKeys()).filteredOn(ConfigKey::isSecret).extracting(ConfigKey::name).containsExactly("comms.openai.api-key");
        assertThat(p.configKeys()).filteredOn(k -> k.name().equals("comms.openai.base-url"))
                .extracting(k -> k.defaultValue().orElse("")).containsExactly("https://api.openai.com/v1");
        assertThat(p.configKeys()).filteredOn(k -> k.name().equals("comms.openai.timeout"))
                .extracting(k -> k.defaultValue().orElse("")).containsExactly("30s");
        try (InputStream in = OpenAiProvider.class.getResourceAsStream("/META-INF/services/dev.comms.spi.CommsProvider")) {
            assertThat(in).as("service file").isNotNull();
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8).strip()).isEqualTo(OpenAiProvider.class.getName());
        }
        Module module = OpenAiProvider.class.getModule();
        if (module.isNamed()) {
            assertThat(module.getDescriptor().provides()).anySatisfy(pr -> {
                assertThat(pr.service()).isEqualTo(CommsProvider.class.getName());
                assertThat(pr.providers()).contains(OpenAiProvider.class.getName());
            });
        }
        assertThatThrownBy(() -> p.chatCompleter(stub.context("comms.openai.timeout", "0s")))
                .isInstanceOf(CommsConfigurationException.class);
        assertThatThrownBy(() -> p.chatCompleter(stub.context("comms.openai.token-limit-field", "max_output_tokens")))
                .isInstanceOf(CommsConfigurationException.class);
    }

    @Test
    void aRequestWithoutAModelIsRefusedBeforeAnyHttp() {
        stub.arrange(dev.comms.testkit.contract.Scenario.ACCEPTED);
        assertThatThrownBy(() -> completer.complete(ChatRequest.builder().user("Hi").build(), SendContext.of("m")))
                .isInstanceOf(CommsConfigurationException.class).hasMessageContaining("comms.ai.model");
        assertThat(stub.requests()).isEmpty();
    }
}
