package dev.comms.providers.openai;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
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
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpHeaders;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Retries, timeouts, odd answers, secrets and classification details, on the JDK HttpClient against WireMock. */
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

    static HttpHeaders headers(String... nameValue) {
        Map<String, List<String>> m = new LinkedHashMap<>();
        for (int i = 0; i + 1 < nameValue.length; i += 2) {
            m.put(nameValue[i], List.of(nameValue[i + 1]));
        }
        return HttpHeaders.of(m, (a, b) -> true);
    }

    @Test
    void aServerErrorIsOneRequestAndItsRetryAfterIsKept() {
        answer(OpenAiStub.json(503, OpenAiStub.error("overloaded", "server_error", null)).withHeader("retry-after-ms", "10"));
        ProviderException e = failure(completer);
        assertThat(e.failureClass()).isEqualTo(FailureClass.NOT_SENT);
        assertThat(e.httpStatus()).isEqualTo(503);
        assertThat(e.providerCode()).contains("server_error");
        assertThat(e.retryAfter()).contains(Duration.ofMillis(10));
        assertThat(stub.requests()).as("no retry inside the provider: one request per attempt").hasSize(1);
    }

    @Test
    void aConnectionDroppedAfterTheRequestIsOneRequestAndAmbiguous() {
        // OkHttp's retryOnConnectionFailure would resend here; the JDK client never retries a POST
        for (Fault fault : new Fault[] {Fault.EMPTY_RESPONSE, Fault.CONNECTION_RESET_BY_PEER, Fault.RANDOM_DATA_THEN_CLOSE}) {
            answer(aResponse().withFault(fault));
            ProviderException e = failure(completer);
            assertThat(e.failureClass()).as("%s: the model may have run", fault).isEqualTo(FailureClass.AMBIGUOUS);
            assertThat(e.httpStatus()).isZero();
            assertThat(stub.requests()).as("%s: one request", fault).hasSize(1);
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
    void theAttemptTimeoutAlsoBoundsABodyThatTrickles() {
        // the JDK's request timeout stops at the headers: a server that sends them and then dribbles
        // the body must still be cut off at the attempt's end
        ChatCompleter patient = new OpenAiProvider().chatCompleter(stub.context("comms.openai.timeout", "30s"));
        try {
            answer(OpenAiStub.json(200, OpenAiStub.OK).withChunkedDribbleDelay(20, 4000));
            SendContext oneSecond = new SendContext("m", "m", "default", Mode.TEST, 1, Duration.ofSeconds(1));
            long start = System.nanoTime();
            ProviderException e = catchThrowableOfType(ProviderException.class, () -> patient.complete(request(), oneSecond));
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            assertThat(e).isNotNull();
            assertThat(e.failureClass()).isEqualTo(FailureClass.AMBIGUOUS);
            assertThat(e.getMessage()).contains("timed out");
            assertThat(took).isLessThan(Duration.ofMillis(3000));
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
    void plainHttpToLoopbackIsHttp11WithoutAnUpgradeOffer() {
        stub.arrange(dev.comms.testkit.contract.Scenario.ACCEPTED);
        completer.complete(request(), SendContext.of("v"));
        LoggedRequest r = stub.requests().get(0);
        assertThat(r.getProtocol()).isEqualTo("HTTP/1.1");
        assertThat(r.containsHeader("Upgrade")).as("no h2c upgrade offer on a POST").isFalse();
        assertThat(r.getHeader("Content-Type")).startsWith("application/json");
        assertThat(r.getHeader("User-Agent")).startsWith("comms-java");
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
        assertThat(stub.requests()).hasSize(1);
    }

    @Test
    void aServerThatOmitsUsageIsAnsweredWithNoUsage() {
        answer(OpenAiStub.json(200, "{\"id\":\"cmpl-local-1\",\"object\":\"chat.completion\",\"model\":\"llama3\",\"choices\":[{\"index\":0,"
                + "\"message\":{\"role\":\"assistant\",\"content\":\"ok\"},\"finish_reason\":\"stop\"}]}"));
        ChatResult r = completer.complete(request(), SendContext.of("m"));
        assertThat(r.providerMessageId()).isEqualTo("cmpl-local-1");
        assertThat(r.model()).isEqualTo("llama3");
        assertThat(r.text()).isEqualTo("ok");
        assertThat(r.usage()).isEqualTo(dev.comms.TokenUsage.NONE);
        assertThat(r.finishReason()).isEqualTo("stop");
    }

    @Test
    void aServerThatOmitsTheIdGetsTheMessageId() {
        answer(OpenAiStub.json(200, "{\"model\":\"mistral\",\"choices\":[{\"message\":{\"role\":\"assistant\",\"content\":\"ok\"},"
                + "\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":4,\"completion_tokens\":1,\"total_tokens\":5}}"));
        ChatResult r = completer.complete(request(), SendContext.of("msg-no-id"));
        assertThat(r.providerMessageId()).isEqualTo("msg-no-id");
        assertThat(r.usage().totalTokens()).isEqualTo(5);
        answer(OpenAiStub.json(200, "{\"id\":\"\",\"choices\":[{\"message\":{\"content\":\"ok\"}}]}"));
        assertThat(completer.complete(request(), SendContext.of("msg-blank-id")).providerMessageId()).isEqualTo("msg-blank-id");
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
        for (String[] body : new String[][] {
            {"text/html", "<html>captive portal</html>"},
            {"application/json", "{\"error\":{\"message\":\"upstream failed\",\"type\":\"proxy_error\"}}"},
            {"application/json", "[]"},
            {"application/json", ""}}) {
            answer(aResponse().withStatus(200).withHeader("Content-Type", body[0]).withBody(body[1]));
            ProviderException e = failure(completer);
            assertThat(e.failureClass()).as(body[1]).isEqualTo(FailureClass.NOT_SENT);
            assertThat(e.getMessage()).contains("not a chat completion");
            assertThat(e.httpStatus()).isEqualTo(200);
            if (body[1].contains("upstream failed")) {
                assertThat(e.getMessage()).as("what the server said").contains("upstream failed");
            }
            assertThat(stub.requests()).hasSize(1);
        }
    }

    @Test
    void anAnswerLargerThanTheLimitIsNotReadWhole() {
        String huge = "{\"choices\":[{\"message\":{\"content\":\"" + "a".repeat((int) OpenAiChat.MAX_ANSWER_BYTES) + "\"}}]}";
        answer(OpenAiStub.json(200, huge));
        ProviderException e = failure(completer);
        assertThat(e.failureClass()).isEqualTo(FailureClass.NOT_SENT);
        assertThat(e.getMessage()).contains("longer than " + OpenAiChat.MAX_ANSWER_BYTES + " bytes");
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
            assertThat(e.failureClass()).as("HTTP %d %s: %s caused by %s", c.status(), c.code(), e, e.getCause()).isEqualTo(c.expected());
            assertThat(e.httpStatus()).isEqualTo(c.status());
            assertThat(e.providerCode()).contains(c.providerCode());
            assertThat(e.retryAfter()).as("no retry-after header").isEmpty();
            assertThat(stub.requests()).as("HTTP %d: one request", c.status()).hasSize(1);
        }
    }

    @Test
    void compatibleServersErrorShapesAreRead() {
        answer(OpenAiStub.json(404, "{\"error\":\"model 'llama9' not found\"}"));
        ProviderException e = failure(completer);
        assertThat(e.failureClass()).isEqualTo(FailureClass.PERMANENT);
        assertThat(e.getMessage()).contains("model 'llama9' not found");
        assertThat(e.providerCode()).isEmpty();
        answer(OpenAiStub.json(429, "{\"error\":{\"message\":\"slow down\",\"type\":\"rate_limit\",\"code\":429}}").withHeader("Retry-After", "3"));
        ProviderException r = failure(completer);
        assertThat(r.failureClass()).isEqualTo(FailureClass.NOT_SENT);
        assertThat(r.providerCode()).contains("429");
        assertThat(r.retryAfter()).contains(Duration.ofSeconds(3));
        answer(aResponse().withStatus(502).withHeader("Content-Type", "text/html").withBody("<html>bad gateway</html>"));
        ProviderException h = failure(completer);
        assertThat(h.getMessage()).contains("HTTP 502").contains("text/html").doesNotContain("<html>");
        assertThat(stub.requests()).hasSize(1);
    }

    @Test
    void retryAfterHeaders() {
        Instant now = Instant.parse("2026-11-23T10:00:00Z");
        assertThat(ProviderHttp.retryAfter(headers("retry-after-ms", "250.5", "retry-after", "9"), now)).isEqualTo(Duration.ofMillis(250));
        assertThat(ProviderHttp.retryAfter(headers("retry-after-ms", "soon", "retry-after", "9"), now)).isEqualTo(Duration.ofSeconds(9));
        assertThat(ProviderHttp.retryAfter(headers("Retry-After", "Mon, 23 Nov 2026 10:00:30 GMT"), now)).isEqualTo(Duration.ofSeconds(30));
        assertThat(ProviderHttp.retryAfter(headers("retry-after", "-5"), now)).isEqualTo(Duration.ZERO);
        assertThat(ProviderHttp.retryAfter(headers("retry-after-ms", "1e12"), now)).isEqualTo(Duration.ofDays(1));
        assertThat(ProviderHttp.retryAfter(headers("retry-after", "later"), now)).isNull();
        assertThat(ProviderHttp.retryAfter(headers(), now)).isNull();
    }

    @Test
    void aConnectFailureWasNotSentButATimeoutWaitingIsAmbiguous() {
        assertThat(OpenAiChat.network(new HttpConnectTimeoutException("HTTP connect timed out")).failureClass())
                .isEqualTo(FailureClass.NOT_SENT);
        assertThat(OpenAiChat.network(new ConnectException()).failureClass()).isEqualTo(FailureClass.NOT_SENT);
        assertThat(OpenAiChat.network(new IOException("wrapped", new ConnectException("refused"))).failureClass())
                .isEqualTo(FailureClass.NOT_SENT);
        assertThat(OpenAiChat.network(new UnknownHostException("api.example")).failureClass()).isEqualTo(FailureClass.NOT_SENT);
        assertThat(OpenAiChat.network(new HttpTimeoutException("request timed out")).failureClass()).isEqualTo(FailureClass.AMBIGUOUS);
        assertThat(OpenAiChat.network(new IOException("connection reset")).failureClass()).isEqualTo(FailureClass.AMBIGUOUS);
        assertThat(ProviderHttp.connectTimeout(Duration.ofSeconds(30))).isEqualTo(Duration.ofSeconds(10));
        assertThat(ProviderHttp.connectTimeout(Duration.ofSeconds(2))).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void aRefusedConnectionSendsNothingAndIsNotSent() {
        ChatCompleter refused = new OpenAiProvider().chatCompleter(OpenAiStub.contextAt(OpenAiStub.closedPortUrl()));
        try {
            ProviderException e = failure(refused);
            assertThat(e.failureClass()).isEqualTo(FailureClass.NOT_SENT);
            assertThat(e.getMessage()).contains("could not connect");
        } finally {
            refused.close();
        }
    }

    @Test
    void theKeyIsNeverShownEvenWhenAServerEchoesIt() {
        answer(OpenAiStub.json(401, OpenAiStub.error("Incorrect API key provided: " + OpenAiStub.KEY, "invalid_request_error",
                "invalid_api_key")));
        ProviderException e = failure(completer);
        assertThat(e.failureClass()).isEqualTo(FailureClass.PERMANENT);
        StringWriter trace = new StringWriter();
        e.printStackTrace(new PrintWriter(trace));
        assertThat(trace.toString()).contains("HTTP 401").contains("Incorrect API key provided: ****").doesNotContain(OpenAiStub.KEY);
        assertThat(e.toString()).doesNotContain(OpenAiStub.KEY);
        assertThat(completer.toString()).doesNotContain(OpenAiStub.KEY);
        assertThat(new OpenAiProvider().toString()).doesNotContain(OpenAiStub.KEY);
        assertThat(ProviderHttp.redact("key " + OpenAiStub.KEY + " end", OpenAiStub.KEY)).isEqualTo("key **** end");
        // echoed in a 2xx that is not a completion, and in an error code
        answer(OpenAiStub.json(200, "{\"error\":\"bad key " + OpenAiStub.KEY + "\"}"));
        assertThat(failure(completer).getMessage()).contains("bad key ****").doesNotContain(OpenAiStub.KEY);
        answer(OpenAiStub.json(400, OpenAiStub.error("no", "invalid_request_error", OpenAiStub.KEY)));
        ProviderException c = failure(completer);
        assertThat(c.getMessage()).doesNotContain(OpenAiStub.KEY);
        assertThat(c.providerCode().orElse("")).doesNotContain(OpenAiStub.KEY);
    }

    @Test
    void settingsAndDiscovery() throws IOException {
        OpenAiProvider p = new OpenAiProvider();
        assertThat(p.configKeys()).extracting(ConfigKey::name).contains("comms.openai.api-key", "comms.openai.base-url",
                "comms.openai.timeout", "comms.openai.organization", "comms.openai.token-limit-field",
                "comms.openai.azure-deployment", "comms.openai.azure-api-version");
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
        assertThatThrownBy(() -> p.chatCompleter(stub.context("comms.openai.api-key", "sk-with\nnewline")))
                .isInstanceOf(CommsConfigurationException.class).hasMessageContaining("comms.openai.api-key").hasMessageNotContaining("newline");
    }

    @Test
    void everyWrongSettingIsReportedAtOnce() {
        CommsConfigurationException e = catchThrowableOfType(CommsConfigurationException.class, () -> new OpenAiProvider().chatCompleter(
                dev.comms.testkit.ProviderContexts.of("openai", Map.of("comms.openai.base-url", "http://api.example.com/v1",
                        "comms.openai.timeout", "soon", "comms.openai.token-limit-field", "tokens"))));
        assertThat(e.problems()).hasSize(4).anySatisfy(m -> assertThat(m).contains("comms.openai.api-key"))
                .anySatisfy(m -> assertThat(m).contains("comms.openai.base-url"))
                .anySatisfy(m -> assertThat(m).contains("comms.openai.timeout"))
                .anySatisfy(m -> assertThat(m).contains("comms.openai.token-limit-field"));
    }

    @Test
    void aRequestWithoutAModelIsRefusedBeforeAnyHttp() {
        stub.arrange(dev.comms.testkit.contract.Scenario.ACCEPTED);
        assertThatThrownBy(() -> completer.complete(ChatRequest.builder().user("Hi").build(), SendContext.of("m")))
                .isInstanceOf(CommsConfigurationException.class).hasMessageContaining("comms.ai.model");
        assertThat(stub.requests()).isEmpty();
    }

    @Test
    void aClosedCompleterSendsNothing() {
        ChatCompleter c = new OpenAiProvider().chatCompleter(stub.context());
        stub.arrange(dev.comms.testkit.contract.Scenario.ACCEPTED);
        c.close();
        ProviderException e = failure(c);
        assertThat(e.failureClass()).isEqualTo(FailureClass.NOT_SENT);
        assertThat(stub.requests()).isEmpty();
    }
}
