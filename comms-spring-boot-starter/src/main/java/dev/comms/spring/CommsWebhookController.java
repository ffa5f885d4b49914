package dev.comms.spring;

import dev.comms.Comms;
import dev.comms.event.WebhookOutcome;
import dev.comms.event.WebhookRequest;
import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;

/**
 * Provider webhooks at {@code comms.webhooks.path} (such as {@code /comms/webhooks/{provider}}): the raw
 * body, the full URL as received and the headers go to {@code comms.events().handle(...)} unchanged
 * (nothing is re-serialised: signatures are over those bytes). Answers 200 once processed (a
 * duplicate too, so the provider stops retrying), 401 when the signature fails, 400 when the body
 * cannot be read, 404 for a provider that takes no webhooks here.
 *
 * <p>Behind a proxy that rewrites the scheme or host, set the provider's public base URL (Twilio:
 * {@code comms.twilio.webhook-base-url}). Nothing in front of this endpoint may read a form body
 * (a filter calling {@code getParameter}), or the raw body is gone.
 */
@org.springframework.web.bind.annotation.RestController
public class CommsWebhookController {
    private final Comms comms;

    /** @param comms the facade */
    public CommsWebhookController(Comms comms) {
        this.comms = comms;
    }

    /**
     * @param provider the provider id from the path
     * @param body the raw body
     * @param request the servlet request, for the URL and headers
     * @return the outcome as JSON, with the status to answer
     */
    @PostMapping(path = "${comms.webhooks.path}", produces = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<Map<String, Object>> handle(@PathVariable("provider") String provider, @RequestBody(required = false) byte[] body,
            HttpServletRequest request) {
        StringBuffer url = request.getRequestURL();
        if (request.getQueryString() != null) {
            url.append('?').append(request.getQueryString());
        }
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (String name : Collections.list(request.getHeaderNames())) {
            headers.put(name, new ArrayList<>(Collections.list(request.getHeaders(name))));
        }
        WebhookOutcome o = comms.events().handle(provider, new WebhookRequest(request.getMethod(), url.toString(), headers,
                body == null ? new byte[0] : body));
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
}
