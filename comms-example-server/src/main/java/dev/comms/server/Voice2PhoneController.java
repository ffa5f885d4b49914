package dev.comms.server;

import dev.comms.CallDetails;
import dev.comms.CallReceipt;
import dev.comms.CallStatus;
import dev.comms.Comms;
import dev.comms.VoiceCall;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;

/**
 * Voice2Phone: {@code POST /voice2phone/call} with {@code {Phone:{Number, CountryCode}, Message,
 * Dtmf:{"1":"Thank you"}}} answers {@code {CallId}}; {@code GET /voice2phone/call/{callId}} the call's
 * status and the key pressed, and settles the call's credit hold once it has ended. The key goes in the
 * {@code Authorization} header. Calls are remembered in memory (the last 10,000), so a restart forgets
 * them (their holds are then settled by the ledger's lease).
 */
@RestController
class Voice2PhoneController {
    private static final int REMEMBERED = 10_000;

    private final Callers callers;
    private final JsonMapper json;
    private final Map<String, Placed> calls = new ConcurrentHashMap<>();

    private record Placed(ApiKeys.Caller caller, CallReceipt receipt, long order) {
    }

    private final java.util.concurrent.atomic.AtomicLong order = new java.util.concurrent.atomic.AtomicLong();
    private final Map<String, Boolean> settled = new ConcurrentHashMap<>();

    Voice2PhoneController(Callers callers, JsonMapper json) {
        this.callers = callers;
        this.json = json;
    }

    @PostMapping("/voice2phone/call")
    Map<String, Object> call(@RequestAttribute(name = RequestSizeLimit.BODY, required = false) byte[] bytes, @RequestHeader(name = "Authorization", required = false) String key,
            @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey) {
        ApiKeys.Caller caller = callers.require(key, "Authorization header");
        Body body = Body.parse(json, bytes);
        Body phone = body.object("Phone");
        String country = phone.optionalString("CountryCode");
        String number = phone.string("Number");
        VoiceCall.Builder b = country == null ? VoiceCall.to(number) : VoiceCall.to(number, country);
        b.say(body.string("Message"));
        body.stringMap("Dtmf").forEach(b::menu);
        CallReceipt r = callers.view(caller).voice().send(b.build(), Callers.options(idempotencyKey));
        calls.put(r.id(), new Placed(caller, r, order.incrementAndGet()));
        if (calls.size() > REMEMBERED) {
            calls.values().stream().min(java.util.Comparator.comparingLong(Placed::order)).ifPresent(p -> calls.remove(p.receipt().id()));
        }
        return Map.of("CallId", r.id());
    }

    @GetMapping("/voice2phone/call/{callId}")
    Map<String, Object> status(@PathVariable("callId") String callId, @RequestHeader(name = "Authorization", required = false) String key) {
        ApiKeys.Caller caller = callers.require(key, "Authorization header");
        Placed p = calls.get(callId);
        if (p == null || !p.caller().equals(caller)) {
            throw new ApiException(404, "CALL_NOT_FOUND", "no call " + callId + " for this key");
        }
        Comms comms = callers.view(caller);
        CallDetails d = comms.voice().status(p.receipt());
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("CallId", callId);
        out.put("Status", d.status().key());
        out.put("Duration", d.duration().map(x -> x.toSeconds()).orElse(null));
        out.put("KeyPressed", d.digits().orElse(null));
        if (d.status() == CallStatus.COMPLETED && d.duration().isPresent() && settled.putIfAbsent(callId, Boolean.TRUE) == null) {
            var billing = comms.voice().settle(p.receipt(), d.duration().get());
            out.put("Cost", Pence.of(billing.cost()));
        }
        return out;
    }
}
