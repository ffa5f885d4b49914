package dev.comms.providers.twilio;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import dev.comms.testkit.ProviderContexts;
import dev.comms.testkit.contract.Scenario;
import dev.comms.spi.ProviderContext;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/** A WireMock stub of Twilio's API on 127.0.0.1, and providers pointed at it. */
final class TwilioStub implements AutoCloseable {
    static final String SID = "AC00000000000000000000000000000001";
    static final String TOKEN = "s3cr3t-auth-token-value";

    final WireMockServer server = new WireMockServer(WireMockConfiguration.options().bindAddress("127.0.0.1").dynamicPort());

    TwilioStub() {
        server.start();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.port();
    }

    ProviderContext context() {
        return context(baseUrl());
    }

    static ProviderContext context(String baseUrl) {
        return ProviderContexts.of("twilio", Map.of("comms.twilio.account-sid", SID, "comms.twilio.auth-token", TOKEN,
                "comms.twilio.base-url", baseUrl, "comms.twilio.timeout", "1s", "comms.twilio.connect-timeout", "1s"));
    }

    /** A context with the stub's base URL and credentials, more settings, and a clock. */
    ProviderContext context(Map<String, String> more, Clock clock) {
        Map<String, String> settings = new HashMap<>(Map.of("comms.twilio.account-sid", SID, "comms.twilio.auth-token", TOKEN,
                "comms.twilio.base-url", baseUrl()));
        settings.putAll(more);
        return ProviderContexts.of("twilio", settings, clock);
    }

    static String closedPortUrl() {
        return dev.comms.testkit.contract.Ports.closedPortUrl();
    }

    /** Answers every request to the path (a regex) as the scenario says; {@code ok} is the success body. */
    void arrange(String pathRegex, Scenario s, int okStatus, String okBody) {
        server.resetAll();
        ResponseDefinitionBuilder r = switch (s) {
            case ACCEPTED -> json(okStatus, okBody);
            case RATE_LIMITED -> json(429, "{\"code\":20429,\"message\":\"Too Many Requests\",\"more_info\":"
                    + "\"https://www.twilio.com/docs/errors/20429\",\"status\":429}").withHeader("Retry-After", "7");
            case SERVER_ERROR -> json(503, "{\"code\":20500,\"message\":\"Service Unavailable\",\"status\":503}");
            case HTML_ERROR -> aResponse().withStatus(502).withHeader("Content-Type", "text/html")
                    .withBody("<html><body><h1>502 Bad Gateway</h1></body></html>");
            case EMPTY_ERROR -> aResponse().withStatus(500);
            case REJECTED -> json(400, "{\"code\":21211,\"message\":\"The 'To' number +15005550001 is not a valid phone number.\","
                    + "\"more_info\":\"https://www.twilio.com/docs/errors/21211\",\"status\":400}");
            case UNAUTHORIZED -> json(401, "{\"code\":20003,\"message\":\"Authenticate\",\"status\":401}");
            case READ_TIMEOUT -> json(okStatus, okBody).withFixedDelay(3000);
            case CONNECTION_REFUSED -> json(okStatus, okBody);
        };
        server.stubFor(any(urlPathMatching(pathRegex)).willReturn(r));
    }

    static ResponseDefinitionBuilder json(int status, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body);
    }

    int requests() {
        return server.getAllServeEvents().size();
    }

    @Override
    public void close() {
        server.stop();
    }

    /** Twilio's date format in JSON (RFC 2822). */
    static String rfc2822(Instant t) {
        return DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss Z", Locale.US).format(t.atZone(ZoneOffset.UTC));
    }

    /** One page of a v2010 list ({@code messages} or {@code calls}), with the next page's URI or none. */
    static String page(String key, String path, String nextPageUri, String... items) {
        return "{\"" + key + "\":[" + String.join(",", items) + "],\"page\":0,\"page_size\":100,\"start\":0,\"end\":"
                + Math.max(0, items.length - 1) + ",\"uri\":\"" + path + "\",\"first_page_uri\":\"" + path
                + "\",\"previous_page_uri\":null,\"next_page_uri\":" + (nextPageUri == null ? "null" : "\"" + nextPageUri + "\"") + "}";
    }

    static String listedMessage(String sid, String to, String body, String direction, Instant created) {
        return "{\"sid\":\"" + sid + "\",\"account_sid\":\"" + SID + "\",\"to\":\"" + to + "\",\"from\":\"+14155552671\","
                + "\"body\":\"" + body + "\",\"status\":\"delivered\",\"direction\":\"" + direction + "\",\"num_segments\":\"1\","
                + "\"date_created\":\"" + rfc2822(created) + "\",\"date_sent\":\"" + rfc2822(created.plusSeconds(1)) + "\"}";
    }

    static String listedCall(String sid, String to, String direction, Instant created) {
        return "{\"sid\":\"" + sid + "\",\"account_sid\":\"" + SID + "\",\"to\":\"" + to + "\",\"from\":\"+14155552671\","
                + "\"status\":\"completed\",\"direction\":\"" + direction + "\",\"date_created\":\"" + rfc2822(created) + "\"}";
    }

    static final String MESSAGE = "{\"sid\":\"SM00000000000000000000000000000001\",\"account_sid\":\"" + SID + "\",\"status\":\"queued\","
            + "\"num_segments\":\"2\",\"body\":\"x\",\"to\":\"+447123456789\",\"from\":\"+14155552671\",\"direction\":\"outbound-api\"}";
    static final String CALL = "{\"sid\":\"CA00000000000000000000000000000001\",\"account_sid\":\"" + SID + "\",\"status\":\"queued\","
            + "\"to\":\"+447123456789\",\"from\":\"+14155552671\",\"direction\":\"outbound-api\"}";
}
