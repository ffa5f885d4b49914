package dev.comms.server;

import dev.comms.EmailAddress;
import dev.comms.Money;
import dev.comms.Sms;
import dev.comms.SmsReceipt;
import dev.comms.billing.Credits;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;

/**
 * The CRM connector ({@code /ai-connector}, key in {@code x-api-key}, errors {@code {error:{code, message}}}):
 * idempotent credit grants to sub-accounts (the caller's account funds them: credits are pence), and
 * custom-channel messages sent as SMS, and incoming custom-channel messages reported once each as
 * inbound messages.
 */
@RestController
class CrmConnectorController {
    private static final BigDecimal MAX_CREDITS = BigDecimal.valueOf(100_000);

    private final Callers callers;
    private final JsonMapper json;
    private final ObjectProvider<Credits> credits;

    CrmConnectorController(Callers callers, JsonMapper json, ObjectProvider<Credits> credits) {
        this.callers = callers;
        this.json = json;
        this.credits = credits;
    }

    @PostMapping("/ai-connector/subaccounts/credits")
    Map<String, Object> grant(@RequestAttribute(name = RequestSizeLimit.BODY, required = false) byte[] bytes, @RequestHeader(name = "x-api-key", required = false) String key,
            @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyHeader) {
        ApiKeys.Caller caller = callers.require(key, "x-api-key header");
        Body body = Body.parse(json, bytes);
        String email = EmailAddress.of(body.string("email")).address().toLowerCase(Locale.ROOT);
        BigDecimal amount = body.number("amount");
        if (amount.signum() <= 0 || amount.compareTo(MAX_CREDITS) > 0) {
            throw ApiException.badRequest("INVALID_AMOUNT", "'amount' must be more than 0 and at most 100000 credits (1 credit = 1p)");
        }
        body.optionalString("description");
        String idempotencyKey = idempotencyHeader != null && !idempotencyHeader.isBlank() ? idempotencyHeader.strip()
                : body.optionalString("idempotency_key");
        if (idempotencyKey == null || idempotencyKey.isBlank()) {
            throw ApiException.badRequest("MISSING_IDEMPOTENCY_KEY",
                    "an Idempotency-Key header (or idempotency_key in the body) is required, so a retried grant is never applied twice");
        }
        Credits c = credits.getIfAvailable();
        if (c == null) {
            throw new ApiException(503, "SERVICE_UNAVAILABLE", "credits are off on this server: set comms.billing.enabled=true");
        }
        Money money;
        try {
            money = Money.parse(amount.toPlainString() + "p");
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("INVALID_AMOUNT", e.getMessage());
        }
        // Keys are scoped to the funding account: two customers may use the same key.
        boolean applied = c.fundSubAccount(caller.account(), email, caller.mode(), money, "crm:" + caller.account() + ":" + idempotencyKey);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("success", true);
        out.put("sub_account_id", email);
        out.put("credits_added", Pence.of(money));
        out.put("new_balance", Pence.of(c.balance(email, caller.mode()).available()));
        out.put("replayed", !applied);
        return out;
    }

    @PostMapping("/ai-connector/send_custom_channel_message")
    Map<String, Object> send(@RequestAttribute(name = RequestSizeLimit.BODY, required = false) byte[] bytes, @RequestHeader(name = "x-api-key", required = false) String key,
            @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey) {
        ApiKeys.Caller caller = callers.require(key, "x-api-key header");
        Body body = Body.parse(json, bytes);
        SmsReceipt r = callers.view(caller).sms().send(Sms.to(body.string("phone")).body(body.string("message")).build(),
                Callers.options(idempotencyKey != null ? idempotencyKey : body.optionalString("message_id")));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("success", true);
        out.put("message_id", r.id());
        out.put("status", r.status().name().toLowerCase(Locale.ROOT));
        out.put("segments", r.segments().segmentCount());
        return out;
    }

    /**
     * An incoming custom-channel message: reported to the facade's listeners as an inbound message
     * ({@code comms.events().receive}), once per {@code message_id} (a redelivery answers {@code duplicate: true}).
     */
    @PostMapping("/ai-connector/incoming_custom_channel_message")
    Map<String, Object> incoming(@RequestAttribute(name = RequestSizeLimit.BODY, required = false) byte[] bytes,
            @RequestHeader(name = "x-api-key", required = false) String key) {
        ApiKeys.Caller caller = callers.require(key, "x-api-key header");
        Body body = Body.parse(json, bytes);
        String id = body.string("message_id");
        String from = dev.comms.Phone.of(body.string("phone")).e164();
        boolean first = callers.view(caller).events().receive(new dev.comms.event.InboundMessage("crm:" + caller.account(), id,
                dev.comms.Channel.SMS, from, body.optionalString("to") == null ? "" : body.optionalString("to"), body.string("message"),
                java.time.Instant.now(), new String(bytes == null ? new byte[0] : bytes, java.nio.charset.StandardCharsets.UTF_8)));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("success", true);
        out.put("message_id", id);
        out.put("duplicate", !first);
        return out;
    }
}
