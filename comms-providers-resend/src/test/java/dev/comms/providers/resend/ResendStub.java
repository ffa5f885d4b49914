package dev.comms.providers.resend;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.comms.spi.ProviderContext;
import dev.comms.testkit.ProviderContexts;
import dev.comms.testkit.contract.Scenario;
import java.util.List;
import java.util.Map;

/** A WireMock stub of Resend's API on 127.0.0.1. */
final class ResendStub implements AutoCloseable {
    static final String KEY = "re_s3cr3t_api_key_value";
    static final String OK = "{\"id\":\"49a3999c-0ce1-4ea6-ab68-afcd6dc2e794\"}";

    final WireMockServer server = new WireMockServer(WireMockConfiguration.options().bindAddress("127.0.0.1").dynamicPort());

    ResendStub() {
        server.start();
    }

    ProviderContext context() {
        return context("http://127.0.0.1:" + server.port());
    }

    /**
     * The stub with timeouts that survive a loaded machine (a cold WireMock can take over a second to
     * answer its first request), for tests that check what is sent, not how failures are classified.
     */
    ProviderContext relaxedContext() {
        return ProviderContexts.of("resend", Map.of("comms.resend.api-key", KEY, "comms.resend.base-url", "http://127.0.0.1:" + server.port(),
                "comms.resend.timeout", "10s", "comms.resend.connect-timeout", "5s"));
    }

    static ProviderContext context(String base) {
        return ProviderContexts.of("resend", Map.of("comms.resend.api-key", KEY, "comms.resend.base-url", base,
                "comms.resend.timeout", "1s", "comms.resend.connect-timeout", "1s"));
    }

    /**
     * The provider specs folder: system property {@code comms.shared.dir} or {@code commsSharedDir}
     * (set by the parent POM's surefire configuration), else {@code ../../shared} from the module.
     */
    static java.nio.file.Path specs() {
        String dir = System.getProperty("comms.shared.dir", System.getProperty("commsSharedDir", "../../shared"));
        return java.nio.file.Path.of(dir, "provider-specs");
    }

    static String closedPortUrl() {
        return dev.comms.testkit.contract.Ports.closedPortUrl();
    }

    void arrange(String path, Scenario s, String okBody) {
        server.resetAll();
        ResponseDefinitionBuilder r = switch (s) {
            case ACCEPTED, CONNECTION_REFUSED -> json(200, okBody);
            case RATE_LIMITED -> json(429, "{\"statusCode\":429,\"name\":\"rate_limit_exceeded\",\"message\":\"Too many requests.\"}")
                    .withHeader("retry-after", "7").withHeader("ratelimit-limit", "2").withHeader("ratelimit-remaining", "0");
            case SERVER_ERROR -> json(503, "{\"statusCode\":503,\"name\":\"application_error\",\"message\":\"Unavailable\"}");
            case HTML_ERROR -> aResponse().withStatus(502).withHeader("Content-Type", "text/html").withBody("<html>502 Bad Gateway</html>");
            case EMPTY_ERROR -> aResponse().withStatus(500);
            case REJECTED -> json(422, "{\"statusCode\":422,\"name\":\"validation_error\",\"message\":\"Invalid `to` field.\"}");
            case UNAUTHORIZED -> json(401, "{\"statusCode\":401,\"name\":\"missing_api_key\",\"message\":\"Missing API key\"}");
            case READ_TIMEOUT -> json(200, okBody).withFixedDelay(3000);
        };
        server.stubFor(any(urlPathMatching(path)).willReturn(r));
    }

    static ResponseDefinitionBuilder json(int status, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body);
    }

    List<LoggedRequest> requests() {
        return server.findAll(com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor(
                com.github.tomakehurst.wiremock.client.WireMock.anyUrl()));
    }

    @Override
    public void close() {
        server.stop();
    }
}
