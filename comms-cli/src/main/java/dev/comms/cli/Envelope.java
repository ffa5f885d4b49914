package dev.comms.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.comms.Billing;
import dev.comms.CallReceipt;
import dev.comms.ChatReceipt;
import dev.comms.CommsException;
import dev.comms.EmailReceipt;
import dev.comms.Money;
import dev.comms.Receipt;
import dev.comms.SmsReceipt;
import dev.comms.SmsSegments;
import java.time.Instant;

/**
 * The hosted API's response envelope: {@code {success, result, billing, timestamp}} on success,
 * {@code {success:false, error, code, message}} on failure. Money is reported in pence (a decimal
 * number) and formatted ({@code 3p}, {@code £24.93}).
 */
final class Envelope {
    /** Amounts are BigDecimals with trailing zeros stripped: written plain (70, not 7E+1). */
    static final ObjectMapper JSON = new ObjectMapper().disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
            .enable(com.fasterxml.jackson.core.JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN);

    private Envelope() {
    }

    static ObjectNode success(ObjectNode result, Billing billing, String service, String action, Instant now) {
        ObjectNode root = JSON.createObjectNode();
        root.put("success", true);
        root.set("result", result);
        if (billing != null) {
            root.set("billing", billing(billing, service, action));
        }
        root.put("timestamp", now.toString());
        return root;
    }

    static ObjectNode failure(CommsException e, Instant now) {
        return failure(e.code().name(), e.status(), e.getMessage(), now);
    }

    static ObjectNode failure(String code, int status, String message, Instant now) {
        ObjectNode root = JSON.createObjectNode();
        root.put("success", false);
        root.put("error", title(status));
        root.put("code", code);
        root.put("message", message);
        root.put("status", status);
        root.put("timestamp", now.toString());
        return root;
    }

    private static String title(int status) {
        return switch (status) {
            case 400 -> "Bad request";
            case 402 -> "Payment required";
            case 404 -> "Not found";
            case 409 -> "Conflict";
            case 429 -> "Too many requests";
            case 502 -> "Provider error";
            case 503 -> "Service unavailable";
            case 504 -> "Delivery unknown";
            default -> "Error";
        };
    }

    static ObjectNode billing(Billing b, String service, String action) {
        ObjectNode n = JSON.createObjectNode();
        n.put("metered", b.metered());
        Money cost = b.cost() == null ? Money.ZERO : b.cost();
        if (b.state() == Billing.State.HELD) {
            // A call's credit is held until it ends; what it costs is known only when it is settled.
            n.put("cost", java.math.BigDecimal.ZERO);
            n.put("costFormatted", Money.ZERO.format());
            n.put("held", cost.toPence());
            n.put("heldFormatted", cost.format());
        } else {
            n.put("cost", cost.toPence());
            n.put("costFormatted", cost.format());
        }
        n.put("state", b.state().name().toLowerCase(java.util.Locale.ROOT));
        n.put("service", service);
        n.put("action", action);
        if (b.metered() && b.balance() != null) {
            n.put("creditsRemaining", b.balance().toPence());
            n.put("creditsRemainingFormatted", b.balance().format());
        }
        return n;
    }

    static ObjectNode receipt(Receipt r) {
        ObjectNode n = JSON.createObjectNode();
        if (r instanceof SmsReceipt s) {
                common(n, s.id(), s.account(), s.mode().name(), s.provider(), s.providerMessageId(), s.status().name(), s.attempts());
                n.put("to", mask(s.to()));
                n.set("segments", segments(s.segments()));
        } else if (r instanceof EmailReceipt e) {
                common(n, e.id(), e.account(), e.mode().name(), e.provider(), e.providerMessageId(), e.status().name(), e.attempts());
        } else if (r instanceof CallReceipt c) {
                common(n, c.id(), c.account(), c.mode().name(), c.provider(), c.providerMessageId(), c.status().name(), c.attempts());
                n.put("to", mask(c.to()));
                n.put("callStatus", c.callStatus().name().toLowerCase(java.util.Locale.ROOT));
        } else if (r instanceof ChatReceipt c) {
                common(n, c.id(), c.account(), c.mode().name(), c.provider(), c.providerMessageId(), c.status().name(), c.attempts());
                n.put("response", c.text());
                n.put("model", c.model());
                n.put("tokensUsed", c.usage().totalTokens());
                n.put("promptTokens", c.usage().promptTokens());
                n.put("completionTokens", c.usage().completionTokens());
        }
        return n;
    }

    private static void common(ObjectNode n, String id, String account, String mode, String provider, String providerId,
            String status, int attempts) {
        n.put("id", id);
        n.put("account", account);
        n.put("mode", mode.toLowerCase(java.util.Locale.ROOT));
        n.put("provider", provider);
        n.put("providerMessageId", providerId);
        n.put("status", status.toLowerCase(java.util.Locale.ROOT));
        n.put("attempts", attempts);
    }

    static ObjectNode segments(SmsSegments s) {
        ObjectNode n = JSON.createObjectNode();
        n.put("encoding", s.encoding() == dev.comms.SmsEncoding.GSM_7 ? "GSM-7" : "UCS-2");
        n.put("count", s.segmentCount());
        ArrayNode sizes = n.putArray("sizes");
        s.segmentSizes().forEach(sizes::add);
        ArrayNode forcing = n.putArray("ucs2Characters");
        s.ucs2Characters().forEach(forcing::add);
        n.put("smartEncoded", s.smartEncoded());
        return n;
    }

    /** Masks all but the country code and the last three digits, as the library's logs do. */
    static String mask(String e164) {
        if (e164 == null || e164.length() < 7) {
            return "***";
        }
        return e164.substring(0, 3) + "*".repeat(e164.length() - 6) + e164.substring(e164.length() - 3);
    }
}
