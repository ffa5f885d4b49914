package dev.comms.providers.sendgrid;

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
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

/** A WireMock stub of SendGrid's v3 API on 127.0.0.1, and a provider on a fixed clock. */
final class SendGridStub implements AutoCloseable {
    static final String KEY = "SG.s3cr3t_api_key_value";
    static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");

    final WireMockServer server = new WireMockServer(WireMockConfiguration.options().bindAddress("127.0.0.1").dynamicPort());

    SendGridStub() {
        server.start();
    }

    ProviderContext context() {
        return context("http://127.0.0.1:" + server.port());
    }

    static ProviderContext context(String base) {
        return ProviderContexts.of("sendgrid", Map.of("comms.sendgrid.api-key", KEY, "comms.sendgrid.base-url", base,
                "comms.sendgrid.timeout", "1s", "comms.sendgrid.connect-timeout", "1s"), Clock.fixed(NOW, ZoneOffset.UTC));
    }

    /** A context on the stub with more settings and a clock. */
    ProviderContext context(Map<String, String> more, Clock clock) {
        Map<String, String> settings = new java.util.HashMap<>(Map.of("comms.sendgrid.api-key", KEY, "comms.sendgrid.base-url",
                "http://127.0.0.1:" + server.port()));
        settings.putAll(more);
        return ProviderContexts.of("sendgrid", settings, clock);
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

    void arrange(Scenario s) {
        server.resetAll();
        ResponseDefinitionBuilder r = switch (s) {
            case ACCEPTED, CONNECTION_REFUSED -> aResponse().withStatus(202).withHeader("X-Message-Id", "sg-msg-0001");
            case RATE_LIMITED -> json(429, "{\"errors\":[{\"field\":null,\"message\":\"too many requests\"}]}")
                    .withHeader("X-RateLimit-Limit", "600").withHeader("X-RateLimit-Remaining", "0")
                    .withHeader("X-RateLimit-Reset", Long.toString(NOW.getEpochSecond() + 7));
            case SERVER_ERROR -> json(503, "{\"errors\":[{\"message\":\"service unavailable\"}]}");
            case HTML_ERROR -> aResponse().withStatus(502).withHeader("Content-Type", "text/html").withBody("<html>Bad Gateway</html>");
            case EMPTY_ERROR -> aResponse().withStatus(500);
            case REJECTED -> json(400, "{\"errors\":[{\"message\":\"The from email does not contain a valid address.\","
                    + "\"field\":\"from.email\",\"help\":\"http://sendgrid.com/docs\"}]}");
            case UNAUTHORIZED -> json(401, "{\"errors\":[{\"field\":null,\"message\":\"The provided authorization grant is invalid\"}]}");
            case READ_TIMEOUT -> aResponse().withStatus(202).withHeader("X-Message-Id", "late").withFixedDelay(3000);
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
