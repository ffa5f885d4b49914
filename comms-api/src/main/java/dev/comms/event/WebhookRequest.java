package dev.comms.event;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A webhook as it arrived, in plain Java values so any framework can hand it over unchanged: the
 * method, the full URL as the provider called it (scheme, host, port, path and query), the headers
 * (names matched case-insensitively) and the raw body bytes (never re-serialised: signatures are over
 * these exact bytes).
 *
 * @param method the HTTP method, such as {@code POST}
 * @param url the full URL as received
 * @param headers every header, by name, with all its values
 * @param body the raw body
 */
public record WebhookRequest(String method, String url, Map<String, List<String>> headers, byte[] body) {
    /**
     * Copies the components; header names become case-insensitive.
     *
     * @param method the method
     * @param url the URL
     * @param headers the headers
     * @param body the body
     */
    public WebhookRequest {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(url, "url");
        TreeMap<String, List<String>> h = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        Objects.requireNonNull(headers, "headers").forEach((k, v) -> {
            if (k != null) {
                h.computeIfAbsent(k, x -> new ArrayList<>()).addAll(v == null ? List.of() : v);
            }
        });
        h.replaceAll((k, v) -> List.copyOf(v));
        headers = java.util.Collections.unmodifiableSortedMap(h);
        body = Objects.requireNonNull(body, "body").clone();
    }

    /**
     * A POST with single-valued headers and a UTF-8 body, for tests and simple adapters.
     *
     * @param url the full URL
     * @param headers header names and values
     * @param body the body text
     * @return the request
     */
    public static WebhookRequest post(String url, Map<String, String> headers, String body) {
        Map<String, List<String>> h = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.forEach((k, v) -> h.put(k, List.of(v)));
        return new WebhookRequest("POST", url, h, body.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * @param name a header name, any case
     * @return its first value, or null
     */
    public String header(String name) {
        List<String> v = headers.get(name);
        return v == null || v.isEmpty() ? null : v.get(0);
    }

    /** @return the body decoded as UTF-8 */
    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }

    /** @return a copy of the raw body */
    @Override
    public byte[] body() {
        return body.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof WebhookRequest w && method.equals(w.method) && url.equals(w.url) && headers.equals(w.headers)
                && Arrays.equals(body, w.body);
    }

    @Override
    public int hashCode() {
        return Objects.hash(method, url, headers, Arrays.hashCode(body));
    }

    /** @return method, URL without its query, header names and body size; never a secret or a body */
    @Override
    public String toString() {
        int q = url.indexOf('?');
        return "WebhookRequest[" + method.toUpperCase(Locale.ROOT) + " " + (q < 0 ? url : url.substring(0, q)) + ", headers="
                + headers.keySet() + ", body=" + body.length + " bytes]";
    }
}
