package dev.comms.providers.openai;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.comms.spi.ProviderContext;
import dev.comms.testkit.ProviderContexts;
import dev.comms.testkit.contract.Scenario;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A WireMock stub of the OpenAI chat completions API on 127.0.0.1. */
final class OpenAiStub implements AutoCloseable {
    static final String KEY = "sk-s3cr3t-api-key-value";
    static final String OK = "{\"id\":\"chatcmpl-123\",\"object\":\"chat.completion\",\"created\":1700000000,\"model\":\"gpt-4o-mini-2024-07-18\","
            + "\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"Hello!\",\"refusal\":null},"
            + "\"logprobs\":null,\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":21,\"completion_tokens\":3,\"total_tokens\":24}}";

    final WireMockServer server = new WireMockServer(WireMockConfiguration.options().bindAddress("127.0.0.1").dynamicPort());

    OpenAiStub() {
        server.start();
    }

    ProviderContext context(String... extra) {
        return contextAt("http://127.0.0.1:" + server.port() + "/v1", extra);
    }

    static ProviderContext contextAt(String base, String... extra) {
        // 5 s, not less: a class's first request (JIT, WireMock's first match) can take over a second on a
        // loaded 2-core machine; the timeout tests set their own, shorter attempt timeouts
        Map<String, String> m = new HashMap<>(Map.of("comms.openai.api-key", KEY, "comms.openai.base-url", base,
                "comms.openai.timeout", "5s"));
        for (int i = 0; i + 1 < extra.length; i += 2) {
            m.put(extra[i], extra[i + 1]);
        }
        return ProviderContexts.of("openai", m);
    }

    static String closedPortUrl() {
        return dev.comms.testkit.contract.Ports.closedPortUrl() + "/v1";
    }

    static String error(String message, String type, String code) {
        return "{\"error\":{\"message\":\"" + message + "\",\"type\":\"" + type + "\",\"param\":null,\"code\":"
                + (code == null ? "null" : "\"" + code + "\"") + "}}";
    }

    void arrange(Scenario s) {
        server.resetAll();
        ResponseDefinitionBuilder r = switch (s) {
            case ACCEPTED, CONNECTION_REFUSED -> json(200, OK);
            case RATE_LIMITED -> json(429, error("Rate limit reached", "requests", "rate_limit_exceeded")).withHeader("retry-after", "7");
            case SERVER_ERROR -> json(503, error("The engine is currently overloaded", "server_error", null));
            case HTML_ERROR -> aResponse().withStatus(502).withHeader("Content-Type", "text/html").withBody("<html>502</html>");
            case EMPTY_ERROR -> aResponse().withStatus(500);
            case REJECTED -> json(400, error("Invalid value for 'model'", "invalid_request_error", "model_not_found"));
            case UNAUTHORIZED -> json(401, error("Incorrect API key provided", "invalid_request_error", "invalid_api_key"));
            case READ_TIMEOUT -> json(200, OK).withFixedDelay(3000);
        };
        server.stubFor(any(anyUrl()).willReturn(r));
    }

    static ResponseDefinitionBuilder json(int status, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body);
    }

    List<LoggedRequest> requests() {
        return server.findAll(WireMock.anyRequestedFor(anyUrl()));
    }

    @Override
    public void close() {
        server.stop();
    }
}
