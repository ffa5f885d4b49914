package dev.comms.providers.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.comms.ChatRequest;
import dev.comms.CommsConfigurationException;
import dev.comms.spi.HttpProviders;
import dev.comms.FailureClass;
import dev.comms.ProviderException;
import dev.comms.spi.ChatCompleter;
import dev.comms.spi.ChatResult;
import dev.comms.spi.SendContext;
import dev.comms.testkit.ProviderContexts;
import dev.comms.testkit.contract.Scenario;
import java.net.Socket;
import java.net.URI;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** OpenAI-compatible servers as settings: the base URL rule, a server under another path, Azure OpenAI; on the wire against WireMock. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OpenAiCompatibleServersTest {
    final OpenAiStub stub = new OpenAiStub();
    final ObjectMapper json = new ObjectMapper();

    @AfterAll
    void stop() {
        stub.close();
    }

    String root() {
        return "http://127.0.0.1:" + stub.server.port();
    }

    static ChatRequest request() {
        return ChatRequest.builder().user("Hi").model("gpt-4o-mini").maxTokens(10).build();
    }

    ChatResult completeOnce(Map<String, String> settings) {
        ChatCompleter c = new OpenAiProvider().chatCompleter(ProviderContexts.of("openai", settings));
        try {
            return c.complete(request(), SendContext.of("m"));
        } finally {
            c.close();
        }
    }

    @Test
    void aCompatibleServerUnderItsOwnPathGetsBearerAuth() throws Exception {
        stub.arrange(Scenario.ACCEPTED);
        ChatResult r = completeOnce(Map.of("comms.openai.api-key", OpenAiStub.KEY, "comms.openai.base-url", root() + "/api/openai/v1/"));
        assertThat(r.text()).isEqualTo("Hello!");
        LoggedRequest req = stub.requests().get(0);
        assertThat(stub.requests()).hasSize(1);
        assertThat(req.getMethod().value()).isEqualTo("POST");
        assertThat(req.getUrl()).as("trailing slash dropped, path kept").isEqualTo("/api/openai/v1/chat/completions");
        assertThat(req.getHeader("Authorization")).isEqualTo("Bearer " + OpenAiStub.KEY);
        assertThat(req.containsHeader("api-key")).isFalse();
        assertThat(json.readTree(req.getBodyAsString()).get("model").asText()).isEqualTo("gpt-4o-mini");
    }

    @Test
    void azureOpenAiPutsTheDeploymentInThePathTheVersionInTheQueryAndTheKeyInApiKey() throws Exception {
        stub.arrange(Scenario.ACCEPTED);
        ChatResult r = completeOnce(Map.of("comms.openai.api-key", OpenAiStub.KEY, "comms.openai.base-url", root(),
                "comms.openai.azure-deployment", "gpt-4o-mini-prod"));
        assertThat(r.text()).isEqualTo("Hello!");
        assertThat(r.usage().totalTokens()).isEqualTo(24);
        LoggedRequest req = stub.requests().get(0);
        assertThat(stub.requests()).hasSize(1);
        assertThat(req.getUrl()).isEqualTo("/openai/deployments/gpt-4o-mini-prod/chat/completions?api-version="
                + OpenAiProvider.AZURE_API_VERSION);
        assertThat(req.getHeader("api-key")).isEqualTo(OpenAiStub.KEY);
        assertThat(req.containsHeader("Authorization")).as("Azure keys go in api-key, never as a Bearer token").isFalse();
        JsonNode body = json.readTree(req.getBodyAsString());
        assertThat(body.at("/messages/0/content").asText()).isEqualTo("Hi");
        assertThat(body.get("max_completion_tokens").asInt()).isEqualTo(10);
    }

    @Test
    void azureWithItsOwnApiVersionAndAnEndpointEndingInOpenai() {
        stub.arrange(Scenario.ACCEPTED);
        completeOnce(Map.of("comms.openai.api-key", OpenAiStub.KEY, "comms.openai.base-url", root() + "/openai/",
                "comms.openai.azure-deployment", "chat", "comms.openai.azure-api-version", "2025-04-01-preview"));
        assertThat(stub.requests().get(0).getUrl()).isEqualTo("/openai/deployments/chat/chat/completions?api-version=2025-04-01-preview");
    }

    @Test
    void azureErrorsAreClassifiedAsOpenAis() {
        stub.arrange(Scenario.RATE_LIMITED);
        ChatCompleter c = new OpenAiProvider().chatCompleter(ProviderContexts.of("openai", Map.of("comms.openai.api-key", OpenAiStub.KEY,
                "comms.openai.base-url", root(), "comms.openai.azure-deployment", "chat")));
        try {
            ProviderException e = catchThrowableOfType(ProviderException.class, () -> c.complete(request(), SendContext.of("m")));
            assertThat(e.failureClass()).isEqualTo(FailureClass.NOT_SENT);
            assertThat(e.retryAfter()).contains(java.time.Duration.ofSeconds(7));
            assertThat(stub.requests()).hasSize(1);
        } finally {
            c.close();
        }
    }

    @Test
    void azureSettingsAreCheckedTogether() {
        assertThat(problems(Map.of("comms.openai.api-key", "k", "comms.openai.azure-deployment", "chat")))
                .singleElement().asString().contains("comms.openai.base-url").contains("openai.azure.com");
        assertThat(problems(Map.of("comms.openai.api-key", "k", "comms.openai.azure-api-version", "2024-10-21")))
                .singleElement().asString().contains("comms.openai.azure-deployment");
        assertThat(problems(Map.of("comms.openai.api-key", "k", "comms.openai.base-url", "https://acme.openai.azure.com",
                "comms.openai.azure-deployment", "../admin", "comms.openai.azure-api-version", "1&x=y")))
                .hasSize(2).anySatisfy(p -> assertThat(p).contains("comms.openai.azure-deployment"))
                .anySatisfy(p -> assertThat(p).contains("comms.openai.azure-api-version"));
    }

    @Test
    void theBaseUrlIsHttpsOrHttpOnlyToLoopback() {
        for (String ok : new String[] {"https://api.openai.com/v1", "https://acme.openai.azure.com/", "http://127.0.0.1:8080/v1",
            "http://127.3.2.1:1234", "http://localhost:11434/v1", "HTTP://LOCALHOST/v1", "http://[::1]:8000/v1"}) {
            assertThat(HttpProviders.checkBaseUrl("comms.openai.base-url", ok)).as(ok).isInstanceOf(URI.class);
        }
        for (String bad : new String[] {"http://api.openai.com/v1", "http://10.0.0.5:8080/v1", "http://localhost.example.com/v1",
            "http://127.0.0.1.nip.io/v1", "http://[::2]/v1", "http://0x7f000001/v1", "ftp://127.0.0.1/v1", "api.openai.com/v1",
            "https:///v1", "not a url", "https://api.openai.com/v1?x=1", "https://api.openai.com/v1#frag"}) {
            CommsConfigurationException e = catchThrowableOfType(CommsConfigurationException.class,
                    () -> HttpProviders.checkBaseUrl("comms.openai.base-url", bad));
            assertThat(e).as(bad).isNotNull();
            assertThat(e.getMessage()).as(bad).contains("comms.openai.base-url");
        }
        CommsConfigurationException creds = catchThrowableOfType(CommsConfigurationException.class,
                () -> HttpProviders.checkBaseUrl("comms.openai.base-url", "https://user:hunter2@api.openai.com/v1"));
        assertThat(creds.getMessage()).contains("comms.openai.base-url").doesNotContain("hunter2");
    }

    @Test
    void aPlainHttpBaseUrlToAnotherHostIsRefusedBeforeAnyRequest() {
        assertThat(problems(Map.of("comms.openai.api-key", "k", "comms.openai.base-url", "http://192.168.1.20:11434/v1")))
                .singleElement().asString().contains("comms.openai.base-url").contains("192.168.1.20").contains("https");
    }

    @Test
    void httpsNegotiatesHttp2() throws Exception {
        WireMockServer tls = new WireMockServer(WireMockConfiguration.options().bindAddress("127.0.0.1").dynamicPort().dynamicHttpsPort());
        tls.start();
        // the test server's certificate is self-signed (and not for 127.0.0.1): trust it here, and only here
        SSLContext trustAll = SSLContext.getInstance("TLS");
        trustAll.init(null, new TrustManager[] {new X509ExtendedTrustManager() {
            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType) {
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType) {
            }

            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {
            }

            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
            }

            @Override
            public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
        }}, null);
        Map<String, String> settings = Map.of("comms.openai.api-key", OpenAiStub.KEY,
                "comms.openai.base-url", "https://127.0.0.1:" + tls.httpsPort() + "/v1");
        OpenAiChat chat = new OpenAiChat(OpenAiProvider.httpClient(Duration.ofSeconds(5)).sslContext(trustAll).build(),
                OpenAiProvider.endpoint(ProviderContexts.of("openai", settings).config(), null), false, Duration.ofSeconds(5),
                OpenAiStub.KEY, "comms-java", Clock.systemUTC());
        try {
            tls.stubFor(WireMock.any(WireMock.anyUrl()).willReturn(OpenAiStub.json(200, OpenAiStub.OK)));
            assertThat(chat.complete(request(), SendContext.of("m")).text()).isEqualTo("Hello!");
            List<LoggedRequest> seen = tls.findAll(WireMock.anyRequestedFor(WireMock.anyUrl()));
            assertThat(seen).hasSize(1);
            assertThat(seen.get(0).getProtocol()).isEqualTo("HTTP/2.0");
            assertThat(seen.get(0).getHeader("Authorization")).isEqualTo("Bearer " + OpenAiStub.KEY);
        } finally {
            chat.close();
            tls.stop();
        }
    }

    static java.util.List<String> problems(Map<String, String> settings) {
        CommsConfigurationException e = catchThrowableOfType(CommsConfigurationException.class,
                () -> new OpenAiProvider().chatCompleter(ProviderContexts.of("openai", settings)));
        assertThat(e).as("a configuration error for %s", settings.keySet()).isNotNull();
        return e.problems();
    }
}
