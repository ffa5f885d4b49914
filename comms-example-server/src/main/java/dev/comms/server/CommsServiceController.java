package dev.comms.server;

import dev.comms.CallReceipt;
import dev.comms.ChannelHealth;
import dev.comms.Comms;
import dev.comms.Email;
import dev.comms.EmailReceipt;
import dev.comms.Health;
import dev.comms.HealthState;
import dev.comms.ProviderHealth;
import dev.comms.Sms;
import dev.comms.SmsReceipt;
import dev.comms.Status;
import dev.comms.Version;
import dev.comms.VoiceCall;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;

/**
 * The communications service (FastAPI style) over Resend and Twilio: {@code /api/v1/comms/email/send},
 * {@code /sms/send}, {@code /call/make}, {@code /health}, {@code /status}, {@code /version}; errors
 * {@code {"detail": ...}} with 400 (invalid), 502 (provider), 503 (not configured). No key on the
 * sandbox, as documented; a configured key ({@code X-API-Key} or {@code Authorization: Bearer}) when live.
 */
@RestController
@RequestMapping("/api/v1/comms")
class CommsServiceController {
    static final List<String> ENDPOINTS = List.of("POST /api/v1/comms/email/send", "POST /api/v1/comms/sms/send",
            "POST /api/v1/comms/call/make", "GET /api/v1/comms/health", "GET /api/v1/comms/status", "GET /api/v1/comms/version");

    private final Callers callers;
    private final Comms comms;
    private final JsonMapper json;

    CommsServiceController(Callers callers, Comms comms, JsonMapper json) {
        this.callers = callers;
        this.comms = comms;
        this.json = json;
    }

    @PostMapping("/email/send")
    Map<String, Object> email(@RequestAttribute(name = RequestSizeLimit.BODY, required = false) byte[] bytes, @RequestHeader(name = "X-API-Key", required = false) String key,
            @RequestHeader(name = "Authorization", required = false) String authorization,
            @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey) {
        ApiKeys.Caller caller = callers.service(key, authorization);
        Body body = Body.parse(json, bytes);
        Email.Builder b = Email.to(body.strings("to", true).toArray(String[]::new)).subject(body.string("subject"));
        String text = body.optionalString("text");
        String html = body.optionalString("html");
        if (text == null && html == null) {
            throw ApiException.badRequest("INVALID_REQUEST", "one of 'text' and 'html' is required");
        }
        if (text != null) {
            b.text(text);
        }
        if (html != null) {
            b.html(html);
        }
        String from = body.optionalString("from_email");
        if (from != null) {
            b.from(from);
        }
        List<String> cc = body.strings("cc", false);
        if (!cc.isEmpty()) {
            b.cc(cc.toArray(String[]::new));
        }
        List<String> bcc = body.strings("bcc", false);
        if (!bcc.isEmpty()) {
            b.bcc(bcc.toArray(String[]::new));
        }
        List<String> replyTo = body.strings("reply_to", false);
        if (!replyTo.isEmpty()) {
            b.replyTo(replyTo.toArray(String[]::new));
        }
        if (body.has("tags")) {
            for (Body tag : body.objects("tags")) {
                b.tag(tag.string("name"), tag.string("value"));
            }
        }
        EmailReceipt r = callers.view(caller).email().send(b.build(), Callers.options(idempotencyKey));
        Map<String, Object> out = sent(r.id(), r.provider(), r.providerMessageId(), r.status().name());
        out.put("recipients", r.recipients());
        return out;
    }

    @PostMapping("/sms/send")
    Map<String, Object> sms(@RequestAttribute(name = RequestSizeLimit.BODY, required = false) byte[] bytes, @RequestHeader(name = "X-API-Key", required = false) String key,
            @RequestHeader(name = "Authorization", required = false) String authorization,
            @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey) {
        ApiKeys.Caller caller = callers.service(key, authorization);
        Body body = Body.parse(json, bytes);
        Sms.Builder b = Sms.to(body.string("to")).body(body.string("body"));
        String from = body.optionalString("from_number");
        if (from != null) {
            b.from(from);
        }
        SmsReceipt r = callers.view(caller).sms().send(b.build(), Callers.options(idempotencyKey));
        Map<String, Object> out = sent(r.id(), r.provider(), r.providerMessageId(), r.status().name());
        out.put("segments", r.segments().segmentCount());
        out.put("encoding", r.segments().encoding() == dev.comms.SmsEncoding.GSM_7 ? "GSM-7" : "UCS-2");
        return out;
    }

    @PostMapping("/call/make")
    Map<String, Object> call(@RequestAttribute(name = RequestSizeLimit.BODY, required = false) byte[] bytes, @RequestHeader(name = "X-API-Key", required = false) String key,
            @RequestHeader(name = "Authorization", required = false) String authorization,
            @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey) {
        ApiKeys.Caller caller = callers.service(key, authorization);
        Body body = Body.parse(json, bytes);
        VoiceCall.Builder b = VoiceCall.to(body.string("to")).twimlUrl(body.string("twiml_url"));
        String from = body.optionalString("from_number");
        if (from != null) {
            b.from(from);
        }
        Integer timeout = body.optionalInt("timeout");
        b.ringTimeout(Duration.ofSeconds(timeout == null ? 30 : timeout));
        CallReceipt r = callers.view(caller).voice().send(b.build(), Callers.options(idempotencyKey));
        Map<String, Object> out = sent(r.id(), r.provider(), r.providerMessageId(), r.callStatus().name());
        out.put("call_status", r.callStatus().key());
        return out;
    }

    private static Map<String, Object> sent(String id, String provider, String providerId, String status) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("success", true);
        m.put("id", id);
        m.put("provider", provider);
        m.put("provider_message_id", providerId);
        m.put("status", status.toLowerCase(Locale.ROOT));
        return m;
    }

    @GetMapping("/health")
    Map<String, Object> health() {
        Health h = comms.health();
        Map<String, Object> channels = new LinkedHashMap<>();
        for (ChannelHealth c : h.channels()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("configured", c.configured());
            m.put("provider", c.providers().isEmpty() ? null : c.providers().get(0).provider());
            List<Map<String, Object>> errors = new ArrayList<>();
            for (ProviderHealth p : c.providers()) {
                for (ProviderHealth.RecentError e : p.recentErrors()) {
                    Map<String, Object> em = new LinkedHashMap<>();
                    em.put("at", e.at().toString());
                    em.put("provider", p.provider());
                    em.put("code", e.code());
                    em.put("http_status", e.httpStatus());
                    errors.add(em);
                }
            }
            m.put("errors", errors);
            m.put("total_errors", c.totalErrors());
            m.put("state", c.state().name().toLowerCase(Locale.ROOT));
            channels.put(c.channel().key(), m);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("status", h.state() == HealthState.HEALTHY ? "healthy" : "degraded");
        out.put("mode", comms.mode().name().toLowerCase(Locale.ROOT));
        out.put("channels", channels);
        out.put("checked_at", h.checkedAt().toString());
        return out;
    }

    @GetMapping("/status")
    Map<String, Object> status() {
        Status s = comms.status();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("mode", s.mode().name().toLowerCase(Locale.ROOT));
        out.put("providers", s.providers());
        out.put("settings", s.settings());
        return out;
    }

    @GetMapping("/version")
    Map<String, Object> version() {
        Version v = comms.version();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("version", v.version());
        out.put("features", v.features());
        List<Map<String, Object>> providers = new ArrayList<>();
        for (Version.ProviderInfo p : v.providers()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", p.id());
            m.put("version", p.version());
            m.put("channels", p.channels().stream().map(c -> c.key()).sorted().toList());
            m.put("sandbox", p.sandbox());
            m.put("configured", p.configured());
            providers.add(m);
        }
        out.put("providers", providers);
        out.put("endpoints", ENDPOINTS);
        return out;
    }
}
