package dev.comms.server;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The JDK HttpClient against the server on 127.0.0.1, every call bounded in time. */
final class Http {
    static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    static final JsonMapper JSON = JsonMapper.builder().build();

    record Response(int status, JsonNode json, String raw, java.net.http.HttpHeaders headers) {
        JsonNode at(String pointer) {
            return json.at(pointer);
        }

        @Override
        public String toString() {
            return status + " " + raw;
        }
    }

    private final int port;

    String base() {
        return "http://127.0.0.1:" + port;
    }

    Http(int port) {
        this.port = port;
    }

    Response post(String path, String body, Map<String, String> headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(15))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(b::header);
        return send(b.build());
    }

    Response post(String path, String body) throws Exception {
        return post(path, body, Map.of());
    }

    Response get(String path, Map<String, String> headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(15)).GET();
        headers.forEach(b::header);
        return send(b.build());
    }

    Response send(HttpRequest request) throws Exception {
        HttpResponse<String> r = CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
        JsonNode json;
        try {
            json = JSON.readTree(r.body());
        } catch (RuntimeException e) {
            throw new AssertionError("not JSON (" + r.statusCode() + "): " + r.body(), e);
        }
        return new Response(r.statusCode(), json, r.body(), r.headers());
    }
}
