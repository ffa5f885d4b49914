package dev.comms.server;

import dev.comms.CallReceipt;
import dev.comms.ChatReceipt;
import dev.comms.ChatRequest;
import dev.comms.ChatRole;
import dev.comms.Comms;
import dev.comms.Email;
import dev.comms.EmailReceipt;
import dev.comms.Receipt;
import dev.comms.SendOptions;
import dev.comms.Sms;
import dev.comms.SmsReceipt;
import dev.comms.Voice;
import dev.comms.VoiceCall;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.core.env.Environment;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;

/**
 * The unified API: {@code POST /team-connect/executeAPI} with {@code {service, action, data, api_key}};
 * {@code tc_live_} keys send live, {@code tc_test_} keys on the sandbox; answers
 * {@code {success, result, billing{...}, timestamp}} or {@code {success:false, error, code, message}}.
 */
@RestController
class UnifiedApiController {
    private final Callers callers;
    private final JsonMapper json;
    private final Environment env;

    UnifiedApiController(Callers callers, JsonMapper json, Environment env) {
        this.callers = callers;
        this.json = json;
        this.env = env;
    }

    @PostMapping("/team-connect/executeAPI")
    Map<String, Object> execute(@RequestAttribute(name = RequestSizeLimit.BODY, required = false) byte[] bytes,
            @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey) {
        Body body = Body.parse(json, bytes);
        ApiKeys.Caller caller = callers.require(body.optionalString("api_key"), "api_key");
        String service = body.string("service").toLowerCase(Locale.ROOT);
        String action = body.string("action").toLowerCase(Locale.ROOT);
        Body data = body.object("data");
        Comms comms = callers.view(caller);
        SendOptions options = Callers.options(idempotencyKey);
        Receipt receipt;
        Map<String, Object> result = new LinkedHashMap<>();
        switch (service) {
            case "sms" -> {
                expect(service, action, "send");
                Sms.Builder b = Sms.to(data.string("to")).body(data.string("message"));
                String from = data.optionalString("from");
                if (from != null) {
                    b.from(from);
                }
                SmsReceipt r = comms.sms().send(b.build(), options);
                result.put("message_id", r.id());
                result.put("status", r.status().name().toLowerCase(Locale.ROOT));
                result.put("to", r.to());
                result.put("from", from != null ? from : env.getProperty("comms.sms.from", ""));
                result.put("segments", r.segments().segmentCount());
                receipt = r;
            }
            case "voice" -> {
                expect(service, action, "make_call");
                VoiceCall.Builder b = VoiceCall.to(data.string("to")).say(data.string("message"));
                String voice = data.optionalString("voice");
                if (voice != null) {
                    b.voice(Voice.parse(voice));
                }
                String from = data.optionalString("from");
                if (from != null) {
                    b.from(from);
                }
                String webhook = data.optionalString("webhook_url");
                if (webhook != null) {
                    b.statusCallback(webhook);
                }
                CallReceipt r = comms.voice().send(b.build(), options);
                result.put("call_id", r.id());
                result.put("status", "initiated");
                result.put("estimated_duration", r.estimatedMinutes() * 60);
                receipt = r;
            }
            case "email" -> {
                expect(service, action, "send");
                List<String> to = data.strings("to", true);
                Email.Builder b = Email.to(to.toArray(String[]::new)).subject(data.string("subject")).html(data.string("html"));
                String fromName = data.optionalString("from_name");
                String fromAddress = env.getProperty("comms.email.from");
                if (fromName != null && fromAddress != null) {
                    b.from(fromAddress, fromName);
                }
                EmailReceipt r = comms.email().send(b.build(), options);
                result.put("message_id", r.id());
                result.put("status", r.status().name().toLowerCase(Locale.ROOT));
                result.put("to", to);
                receipt = r;
            }
            case "ai" -> {
                expect(service, action, "chat");
                ChatRequest.Builder b = ChatRequest.builder();
                for (Body m : data.objects("messages")) {
                    b.message(role(m.string("role")), m.string("content"));
                }
                String model = data.optionalString("model");
                if (model != null) {
                    b.model(model);
                }
                ChatReceipt r = comms.ai().send(b.build(), options);
                result.put("response", r.text());
                result.put("model", r.model());
                result.put("tokens_used", r.usage().totalTokens());
                receipt = r;
            }
            default -> throw ApiException.badRequest("UNKNOWN_SERVICE", "unknown service '" + service + "': use voice, sms, email or ai");
        }
        Map<String, Object> envelope = new LinkedHashMap<>();
        envelope.put("success", true);
        envelope.put("result", result);
        envelope.put("billing", Pence.billing(receipt.billing(), service, action, caller.live()));
        envelope.put("timestamp", Instant.now().toString());
        return envelope;
    }

    private static void expect(String service, String action, String supported) {
        if (!action.equals(supported)) {
            throw ApiException.badRequest("UNKNOWN_ACTION", "unknown action '" + action + "' for " + service + ": use " + supported);
        }
    }

    private static ChatRole role(String role) {
        for (ChatRole r : ChatRole.values()) {
            if (r.key().equalsIgnoreCase(role)) {
                return r;
            }
        }
        throw ApiException.badRequest("INVALID_REQUEST", "unknown role '" + role + "': use system, user or assistant");
    }
}
