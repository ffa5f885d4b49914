package dev.comms.server;

import dev.comms.CommsException;
import dev.comms.Sms;
import dev.comms.SmsBulkResult;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;

/**
 * Relatel's SMS gateway ({@code POST /relatel/messages}, key as {@code Authorization: Bearer}): one
 * message to many numbers through {@code sms().sendToMany}, answering {@code {sent, failed_numbers}}
 * (and, beyond Relatel's shape, each failed number's reason). The message's {@code endpoint} names the
 * sending endpoint, mapped to an approved sender by {@code comms.server.relatel-senders.<endpoint>}.
 */
@RestController
class RelatelController {
    private final Callers callers;
    private final JsonMapper json;
    private final ServerProperties properties;

    RelatelController(Callers callers, JsonMapper json, ServerProperties properties) {
        this.callers = callers;
        this.json = json;
        this.properties = properties;
    }

    @PostMapping("/relatel/messages")
    Map<String, Object> relatel(@RequestAttribute(name = RequestSizeLimit.BODY, required = false) byte[] bytes,
            @RequestHeader(name = "Authorization", required = false) String authorization,
            @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey) {
        ApiKeys.Caller caller = callers.require(authorization, "Authorization: Bearer");
        Body body = Body.parse(json, bytes);
        Body message = body.object("message");
        List<String> numbers = body.strings("to_numbers", true);
        Sms.Builder template = Sms.to("+447123456789").body(message.string("body"));
        String endpoint = message.optionalString("endpoint");
        if (endpoint != null && properties.getRelatelSenders().containsKey(endpoint)) {
            template.from(properties.getRelatelSenders().get(endpoint));
        }
        SmsBulkResult r = callers.view(caller).sms().sendToMany(numbers, template.build(), Callers.options(idempotencyKey));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("sent", r.sent());
        out.put("failed_numbers", List.copyOf(r.failedNumbers().keySet()));
        Map<String, Object> reasons = new LinkedHashMap<>();
        for (Map.Entry<String, CommsException> e : r.failedNumbers().entrySet()) {
            reasons.put(e.getKey(), Map.of("code", e.getValue().code().name(), "message", e.getValue().getMessage()));
        }
        out.put("failures", reasons);
        return out;
    }
}
