package dev.comms.providers.twilio;

import dev.comms.Channel;
import dev.comms.CommsConfigurationException;
import dev.comms.event.DeliveryEvent;
import dev.comms.event.EventStatus;
import dev.comms.event.InboundMessage;
import dev.comms.event.WebhookRequest;
import dev.comms.spi.SendContext;
import dev.comms.spi.WebhookHandler;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Twilio's webhooks: status callbacks of messages and calls, and inbound SMS.
 *
 * <p>Verification ({@code X-Twilio-Signature}): the Base64 HMAC-SHA1, keyed with the auth token, of
 * the full URL Twilio called followed by every POST form parameter as key + value, keys sorted
 * ordinally (a repeated key's values sorted and each appended after the key, as Twilio's own
 * libraries do). The URL is tried as received, without its port and with the scheme's default port
 * added (443, 80), as twilio-java's {@code RequestValidator} does, since Twilio signs whichever form it
 * called. A JSON callback carries {@code bodySHA256} in its query: the URL alone is signed, and the
 * body must hash (SHA-256, hex) to that value. Behind a proxy that rewrites scheme and host, set
 * {@code comms.twilio.webhook-base-url} to the public {@code scheme://host[:port]} Twilio called; it
 * replaces the scheme and authority of the URL the application received. Twilio signs no timestamp,
 * so there is no replay window to check: deduplication by event id is the facade's. Comparisons are
 * constant-time ({@link MessageDigest#isEqual}) over the canonical Base64 text.
 *
 * <p>Parsing: a form with {@code CallSid} is a call status callback ({@code CallStatus} queued and
 * initiated: initiated, ringing, in-progress: answered, completed with {@code CallDuration} seconds,
 * busy, no-answer, failed, canceled; {@code Digits} when keys were pressed); one with
 * {@code MessageSid} a message status callback ({@code MessageStatus}, else {@code SmsStatus}:
 * accepted, scheduled, queued and sending: queued; sent; delivered and read: delivered; undelivered;
 * failed and canceled: failed); one whose status is {@code received} an inbound SMS
 * ({@link InboundMessage}, not an event). Anything else, or another status, is
 * {@link EventStatus#UNKNOWN} with the raw payload. Twilio sends no event id: it is the resource SID
 * and the status ({@code SM...:delivered}), for calls followed by {@code SequenceNumber} (or, without
 * one, by the digits pressed). Correlation: the status callback URL of every send carries
 * {@value #MESSAGE_ID_PARAM} and {@value #HOLD_PARAM} in its query ({@link #correlate}), read back
 * here into the event's message id and hold id.
 */
final class TwilioWebhooks implements WebhookHandler {
    /** The signature header. */
    static final String SIGNATURE = "X-Twilio-Signature";
    /** The status callback URL's query parameter that carries Comms' message id. */
    static final String MESSAGE_ID_PARAM = "comms_message_id";
    /** The status callback URL's query parameter that carries the send's credit hold. */
    static final String HOLD_PARAM = "comms_hold";
    /** The query parameter of a JSON callback that carries the hex SHA-256 of its body. */
    static final String BODY_SHA256 = "bodySHA256";

    private final byte[] token;
    private final String publicBase;
    private final Clock clock;

    /**
     * @param authToken the auth token (the HMAC key); empty refuses every request, saying why
     * @param publicBase the public {@code scheme://host[:port]} Twilio calls, or null to verify the URL as received
     * @param clock the clock for events whose payload has no time
     */
    TwilioWebhooks(String authToken, String publicBase, Clock clock) {
        this.token = authToken == null ? new byte[0] : authToken.getBytes(StandardCharsets.UTF_8);
        this.publicBase = publicBase;
        this.clock = clock;
    }

    // ---------------------------------------------------------------- verification

    @Override
    public Verification verify(WebhookRequest request, Instant now) {
        if (token.length == 0) {
            return new Verification.Refused("no Twilio auth token is configured: cannot check X-Twilio-Signature");
        }
        String signature = request.header(SIGNATURE);
        if (signature == null || signature.isBlank()) {
            return new Verification.Refused("missing " + SIGNATURE + " header");
        }
        signature = signature.strip();
        String url = publicBase == null ? request.url() : rebase(request.url(), publicBase);
        Map<String, List<String>> query = query(url);
        List<String> bodyHash = query.get(BODY_SHA256);
        if (bodyHash != null) {
            if (!matches(url, Map.of(), signature)) {
                return new Verification.Refused(SIGNATURE + " does not match the URL (a bodySHA256 callback signs the URL alone)");
            }
            byte[] actual = HexFormat.of().formatHex(sha256(request.body())).getBytes(StandardCharsets.US_ASCII);
            byte[] expected = bodyHash.get(0).toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8);
            return MessageDigest.isEqual(actual, expected) ? new Verification.Verified()
                    : new Verification.Refused("the body does not hash to the URL's bodySHA256");
        }
        if (isJson(request)) {
            return new Verification.Refused("a JSON body without bodySHA256 in the URL cannot be verified");
        }
        Map<String, TreeSet<String>> params;
        try {
            params = signedForm(request.body());
        } catch (IllegalArgumentException e) {
            return new Verification.Refused("the form body cannot be decoded");
        }
        return matches(url, params, signature) ? new Verification.Verified()
                : new Verification.Refused(SIGNATURE + " does not match the URL and form parameters");
    }

    /** Whether any of the URL's port variants, with the parameters, signs to {@code signature}. */
    private boolean matches(String url, Map<String, TreeSet<String>> params, String signature) {
        byte[] given = signature.getBytes(StandardCharsets.UTF_8);
        boolean ok = false;
        for (String candidate : portVariants(url)) {
            ok |= MessageDigest.isEqual(sign(candidate, params).getBytes(StandardCharsets.US_ASCII), given);
        }
        return ok;
    }

    /** The Base64 HMAC-SHA1 of the URL followed by each key and value, keys in ordinal order. */
    String sign(String url, Map<String, TreeSet<String>> params) {
        StringBuilder data = new StringBuilder(url);
        params.forEach((k, values) -> values.forEach(v -> data.append(k).append(v)));
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(token, "HmacSHA1"));
            return Base64.getEncoder().encodeToString(mac.doFinal(data.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK has no HmacSHA1", e);
        }
    }

    /** The URL as given, without its port if it has one, with the default port if it has none (http and https). */
    static List<String> portVariants(String url) {
        List<String> out = new ArrayList<>(2);
        out.add(url);
        int schemeEnd = url.indexOf("://");
        if (schemeEnd <= 0) {
            return out;
        }
        String scheme = url.substring(0, schemeEnd).toLowerCase(Locale.ROOT);
        int authStart = schemeEnd + 3;
        int authEnd = authorityEnd(url, authStart);
        String authority = url.substring(authStart, authEnd);
        int hostStart = authority.lastIndexOf('@') + 1;
        int bracket = authority.lastIndexOf(']');
        int colon = authority.lastIndexOf(':');
        boolean hasPort = colon > bracket && colon >= hostStart;
        if (hasPort) {
            out.add(url.substring(0, authStart) + authority.substring(0, colon) + url.substring(authEnd));
        } else if (scheme.equals("https") || scheme.equals("http")) {
            out.add(url.substring(0, authStart) + authority + (scheme.equals("https") ? ":443" : ":80") + url.substring(authEnd));
        }
        return out;
    }

    private static int authorityEnd(String url, int from) {
        int end = url.length();
        for (char c : new char[] {'/', '?', '#'}) {
            int i = url.indexOf(c, from);
            if (i >= 0 && i < end) {
                end = i;
            }
        }
        return end;
    }

    /** Replaces the scheme and authority of {@code url} with {@code base} ({@code scheme://host[:port]}). */
    static String rebase(String url, String base) {
        int schemeEnd = url.indexOf("://");
        if (schemeEnd <= 0) {
            return url;
        }
        return base + url.substring(authorityEnd(url, schemeEnd + 3));
    }

    /**
     * Checks {@code comms.twilio.webhook-base-url}: an absolute http(s) URL with a host and nothing
     * after it but an optional slash.
     *
     * @return the base without a trailing slash
     * @throws CommsConfigurationException naming the setting
     */
    static String publicBase(String setting, String value) {
        URI u;
        try {
            u = new URI(value.strip());
        } catch (URISyntaxException e) {
            throw new CommsConfigurationException("'" + setting + "' is not a URL: give the public scheme://host[:port] Twilio calls");
        }
        String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
        boolean pathless = u.getRawPath() == null || u.getRawPath().isEmpty() || u.getRawPath().equals("/");
        if (!(scheme.equals("https") || scheme.equals("http")) || u.getHost() == null || !pathless || u.getRawQuery() != null
                || u.getRawFragment() != null || u.getRawUserInfo() != null) {
            throw new CommsConfigurationException("'" + setting + "' must be the public scheme://host[:port] Twilio calls, such as "
                    + "https://hooks.example.com, without path, query or credentials (got '" + value + "')");
        }
        return scheme + "://" + u.getRawAuthority();
    }

    // ---------------------------------------------------------------- correlation on send

    /**
     * Puts the send's correlation into a status callback URL: {@value #MESSAGE_ID_PARAM} (Comms'
     * message id) and {@value #HOLD_PARAM} (its credit hold, when there is one) appended to the query,
     * replacing any of the same name. Twilio signs and calls the URL with them.
     *
     * @param callback the status callback URL
     * @param context the attempt
     * @return the URL with the correlation parameters
     */
    static URI correlate(URI callback, SendContext context) {
        StringBuilder q = new StringBuilder();
        String raw = callback.getRawQuery();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                String name = pair.indexOf('=') < 0 ? pair : pair.substring(0, pair.indexOf('='));
                if (!pair.isEmpty() && !name.equals(MESSAGE_ID_PARAM) && !name.equals(HOLD_PARAM)) {
                    q.append(q.length() == 0 ? "" : "&").append(pair);
                }
            }
        }
        q.append(q.length() == 0 ? "" : "&").append(MESSAGE_ID_PARAM).append('=').append(encode(context.messageId()));
        if (!context.holdId().isEmpty()) {
            q.append('&').append(HOLD_PARAM).append('=').append(encode(context.holdId()));
        }
        String s = callback.toString();
        int cut = s.length();
        for (char c : new char[] {'?', '#'}) {
            int i = s.indexOf(c);
            if (i >= 0 && i < cut) {
                cut = i;
            }
        }
        String fragment = callback.getRawFragment();
        return URI.create(s.substring(0, cut) + "?" + q + (fragment == null ? "" : "#" + fragment));
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    /**
     * Checks {@code comms.twilio.status-callback-url}: an absolute http(s) URL with a host.
     *
     * @return the URL
     * @throws CommsConfigurationException naming the setting
     */
    static URI statusCallback(String setting, String value) {
        try {
            URI u = new URI(value.strip());
            String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
            if ((scheme.equals("https") || scheme.equals("http")) && u.getHost() != null) {
                return u;
            }
        } catch (URISyntaxException e) {
            // reported below
        }
        throw new CommsConfigurationException("'" + setting + "' must be an absolute URL Twilio can call, such as "
                + "https://hooks.example.com/twilio (got '" + value + "')");
    }

    // ---------------------------------------------------------------- parsing

    @Override
    public Payload parse(WebhookRequest request) {
        Map<String, String> query = first(query(request.url()));
        String messageId = query.getOrDefault(MESSAGE_ID_PARAM, "");
        String holdId = query.getOrDefault(HOLD_PARAM, "");
        String raw = request.body().length == 0 ? rawQuery(request.url()) : request.bodyText();
        if (query.containsKey(BODY_SHA256) || isJson(request)) {
            return event(new DeliveryEvent(TwilioProvider.ID, derivedId(request.body()), null, messageId, holdId, "", EventStatus.UNKNOWN,
                    clock.instant(), null, "", "", "", raw));
        }
        Map<String, String> p = new LinkedHashMap<>();
        form(request.body()).forEach((k, v) -> p.putIfAbsent(k, v.get(0)));
        query.forEach(p::putIfAbsent); // GET callbacks carry their parameters in the query
        String callSid = p.get("CallSid");
        String messageSid = p.getOrDefault("MessageSid", p.get("SmsSid"));
        if (callSid != null && !callSid.isEmpty()) {
            String s = p.getOrDefault("CallStatus", "");
            EventStatus status = callStatus(s);
            String seq = p.get("SequenceNumber");
            String digits = p.getOrDefault("Digits", "");
            String id = callSid + ":" + s + (seq != null ? ":" + seq : digits.isEmpty() ? "" : ":digits:" + digits);
            Duration duration = status == EventStatus.CALL_COMPLETED ? seconds(p.get("CallDuration")) : null;
            return event(new DeliveryEvent(TwilioProvider.ID, id, Channel.VOICE, messageId, holdId, callSid, status,
                    time(p.get("Timestamp")), duration, digits, p.get("ErrorCode"), p.get("ErrorMessage"), raw));
        }
        if (messageSid != null && !messageSid.isEmpty()) {
            String s = p.getOrDefault("MessageStatus", p.getOrDefault("SmsStatus", ""));
            if (s.equals("received")) {
                return new Payload(List.of(), List.of(new InboundMessage(TwilioProvider.ID, messageSid, Channel.SMS, p.getOrDefault("From", ""),
                        p.getOrDefault("To", ""), p.getOrDefault("Body", ""), clock.instant(), raw)));
            }
            return event(new DeliveryEvent(TwilioProvider.ID, messageSid + ":" + s, Channel.SMS, messageId, holdId, messageSid,
                    smsStatus(s), clock.instant(), null, "", p.get("ErrorCode"), p.get("ErrorMessage"), raw));
        }
        return event(new DeliveryEvent(TwilioProvider.ID, derivedId(request.body()), null, messageId, holdId, "", EventStatus.UNKNOWN,
                clock.instant(), null, "", "", "", raw));
    }

    private static Payload event(DeliveryEvent e) {
        return new Payload(List.of(e), List.of());
    }

    /** {@code MessageStatus} to ours; what is not listed is {@link EventStatus#UNKNOWN}. */
    static EventStatus smsStatus(String s) {
        return switch (s) {
            case "accepted", "scheduled", "queued", "sending" -> EventStatus.SMS_QUEUED;
            case "sent" -> EventStatus.SMS_SENT;
            case "delivered", "read" -> EventStatus.SMS_DELIVERED;
            case "undelivered" -> EventStatus.SMS_UNDELIVERED;
            case "failed", "canceled" -> EventStatus.SMS_FAILED;
            default -> EventStatus.UNKNOWN;
        };
    }

    /** {@code CallStatus} to ours; what is not listed is {@link EventStatus#UNKNOWN}. */
    static EventStatus callStatus(String s) {
        return switch (s) {
            case "queued", "initiated" -> EventStatus.CALL_INITIATED;
            case "ringing" -> EventStatus.CALL_RINGING;
            case "in-progress" -> EventStatus.CALL_ANSWERED;
            case "completed" -> EventStatus.CALL_COMPLETED;
            case "busy" -> EventStatus.CALL_BUSY;
            case "no-answer" -> EventStatus.CALL_NO_ANSWER;
            case "failed" -> EventStatus.CALL_FAILED;
            case "canceled" -> EventStatus.CALL_CANCELED;
            default -> EventStatus.UNKNOWN;
        };
    }

    private static Duration seconds(String s) {
        try {
            return s == null || s.isBlank() ? null : Duration.ofSeconds(Long.parseLong(s.strip()));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** Twilio's {@code Timestamp} (RFC 1123), else the clock. */
    private Instant time(String s) {
        if (s != null && !s.isBlank()) {
            try {
                return DateTimeFormatter.RFC_1123_DATE_TIME.parse(s.strip(), Instant::from);
            } catch (DateTimeParseException e) {
                // no usable time: when it arrived
            }
        }
        return clock.instant();
    }

    /** An id for a payload that names no resource: its SHA-256, so a redelivery has the same id. */
    private static String derivedId(byte[] body) {
        return "sha256:" + HexFormat.of().formatHex(sha256(body));
    }

    private static boolean isJson(WebhookRequest request) {
        String type = request.header("Content-Type");
        return type != null && type.toLowerCase(Locale.ROOT).contains("json");
    }

    // ---------------------------------------------------------------- form and query decoding

    /** The form's parameters as Twilio signs them: keys in ordinal order, each key's distinct values in order. */
    static Map<String, TreeSet<String>> signedForm(byte[] body) {
        Map<String, TreeSet<String>> out = new TreeMap<>();
        form(body).forEach((k, v) -> out.computeIfAbsent(k, x -> new TreeSet<>()).addAll(v));
        return out;
    }

    /**
     * Decodes {@code application/x-www-form-urlencoded} (UTF-8).
     *
     * @throws IllegalArgumentException on a malformed escape
     */
    static Map<String, List<String>> form(byte[] body) {
        return decodePairs(new String(body, StandardCharsets.UTF_8));
    }

    static Map<String, List<String>> query(String url) {
        String q = rawQuery(url);
        try {
            return decodePairs(q);
        } catch (IllegalArgumentException e) {
            return Map.of();
        }
    }

    private static String rawQuery(String url) {
        int hash = url.indexOf('#');
        String u = hash < 0 ? url : url.substring(0, hash);
        int q = u.indexOf('?');
        return q < 0 ? "" : u.substring(q + 1);
    }

    private static Map<String, List<String>> decodePairs(String s) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        if (s.isEmpty()) {
            return out;
        }
        for (String pair : s.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            out.computeIfAbsent(k, x -> new ArrayList<>()).add(v);
        }
        return out;
    }

    private static Map<String, String> first(Map<String, List<String>> m) {
        Map<String, String> out = new LinkedHashMap<>();
        m.forEach((k, v) -> out.put(k, v.get(0)));
        return out;
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }

    @Override
    public String toString() {
        return "TwilioWebhooks[auth token ****" + (publicBase == null ? "" : ", public base " + publicBase) + "]";
    }
}
