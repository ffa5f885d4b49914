package dev.comms.spring;

import dev.comms.Comms;
import dev.comms.event.WebhookOutcome;
import dev.comms.event.WebhookRequest;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;

/**
 * Provider webhooks at {@code comms.webhooks.path} (such as {@code /comms/webhooks/{provider}}): the raw
 * body, the full URL as received and the headers go to {@code comms.events().handle(...)} unchanged
 * (nothing is re-serialised: signatures are over those bytes). Answers 200 once processed (a
 * duplicate too, so the provider stops retrying), 401 when the signature fails, 400 when the body
 * cannot be read, 404 for a provider that takes no webhooks here, 413 for a body over
 * {@value #MAX_BODY_BYTES} bytes, 503 when the credit ledger cannot be read (nothing recorded).
 *
 * <p>The body is read from the request's own stream, never through Spring's message converters
 * (which rebuild a form body from parsed parameters). If something before this endpoint already
 * parsed a form body into parameters (a security filter reading a parameter), the form is rebuilt
 * from the body's parameters alone (the query string's are left out), which is enough for Twilio,
 * whose form signature is over the decoded parameters, not the bytes.
 *
 * <p>Behind a proxy that rewrites the scheme or host, set the provider's public base URL (Twilio:
 * {@code comms.twilio.webhook-base-url}). Nothing in front of this endpoint may read a form body
 * (a filter calling {@code getParameter}), or the raw body is gone.
 */
@org.springframework.web.bind.annotation.RestController
public class CommsWebhookController {
    /** The largest webhook body read (SendGrid batches events; a few hundred KB is typical). */
    public static final int MAX_BODY_BYTES = 4 * 1024 * 1024;

    private final Comms comms;

    /** @param comms the facade */
    public CommsWebhookController(Comms comms) {
        this.comms = comms;
    }

    /**
     * @param provider the provider id from the path
     * @param request the servlet request: its URL, headers and raw body
     * @return the outcome as JSON, with the status to answer
     * @throws IOException if the body cannot be read
     */
    @PostMapping(path = "${comms.webhooks.path}", produces = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<Map<String, Object>> handle(@PathVariable("provider") String provider, HttpServletRequest request)
            throws IOException {
        byte[] body;
        try (InputStream in = request.getInputStream()) {
            body = in.readNBytes(MAX_BODY_BYTES + 1);
        }
        if (body.length > MAX_BODY_BYTES) {
            Map<String, Object> tooLarge = new LinkedHashMap<>();
            tooLarge.put("accepted", false);
            tooLarge.put("reason", "the body is over " + MAX_BODY_BYTES + " bytes");
            return ResponseEntity.status(413).body(tooLarge);
        }
        if (body.length == 0 && isForm(request) && !request.getParameterMap().isEmpty()) {
            body = formFromParameters(request);
        }
        StringBuffer url = request.getRequestURL();
        if (request.getQueryString() != null) {
            url.append('?').append(request.getQueryString());
        }
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (String name : Collections.list(request.getHeaderNames())) {
            headers.put(name, new ArrayList<>(Collections.list(request.getHeaders(name))));
        }
        WebhookOutcome o = comms.events().handle(provider, new WebhookRequest(request.getMethod(), url.toString(), headers, body));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("accepted", o.accepted());
        if (!o.accepted()) {
            out.put("reason", o.reason());
        }
        out.put("processed", o.processed().size());
        out.put("duplicates", o.duplicates());
        out.put("ignored", o.ignored());
        out.put("inbound", o.inbound().size());
        return ResponseEntity.status(o.status()).body(out);
    }

    private static boolean isForm(HttpServletRequest request) {
        String type = request.getContentType();
        return type != null && type.toLowerCase(java.util.Locale.ROOT).startsWith(MediaType.APPLICATION_FORM_URLENCODED_VALUE);
    }

    /** The body's form parameters, re-encoded: every parameter value less those the query string carries. */
    static byte[] formFromParameters(HttpServletRequest request) {
        Map<String, List<String>> fromQuery = new LinkedHashMap<>();
        String query = request.getQueryString();
        if (query != null) {
            for (String pair : query.split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                fromQuery.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
            }
        }
        StringBuilder b = new StringBuilder();
        for (Map.Entry<String, String[]> e : request.getParameterMap().entrySet()) {
            List<String> skip = new ArrayList<>(fromQuery.getOrDefault(e.getKey(), List.of()));
            for (String v : e.getValue()) {
                if (skip.remove(v)) {
                    continue;
                }
                b.append(b.length() == 0 ? "" : "&").append(URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8)).append('=')
                        .append(URLEncoder.encode(v, StandardCharsets.UTF_8));
            }
        }
        return b.toString().getBytes(StandardCharsets.UTF_8);
    }
}
