package dev.comms.providers.twilio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.comms.Channel;
import dev.comms.CommsConfigurationException;
import dev.comms.event.DeliveryEvent;
import dev.comms.event.EventStatus;
import dev.comms.event.InboundMessage;
import dev.comms.event.WebhookRequest;
import dev.comms.spi.WebhookHandler;
import dev.comms.spi.WebhookHandler.Verification;
import dev.comms.testkit.ProviderContexts;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/** Twilio's X-Twilio-Signature and status callbacks, without HTTP. */
class TwilioWebhooksTest {
    static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");
    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    // Official vectors: twilio/twilio-java src/test/java/com/twilio/security/RequestValidatorTest.java
    // (values only: auth token, URL, parameters, body, body hash and the expected signatures).
    static final String TOKEN = "12345";
    static final String URL = "https://mycompany.com/myapp.php?foo=1&bar=2";
    static final String SIGNATURE = "RSOYDt4T1cUTdK1PDd93/VVr8B8=";
    static final String JSON_BODY = "{\"property\": \"value\", \"boolean\": true}";
    static final String BODY_HASH = "0a1ff7634d9ab3b95db5c9a2dfe9416e41502b283a80c7cf19632632f96e6620";
    static final Map<String, String> PARAMS = Map.of("Digits", "1234", "CallSid", "CA1234567890ABCDE", "To", "+18005551212",
            "Caller", "+14158675309", "From", "+14158675309");

    final TwilioWebhooks hooks = new TwilioWebhooks(TOKEN, null, CLOCK);

    static String form(Map<String, String> params) {
        StringBuilder sb = new StringBuilder();
        params.forEach((k, v) -> sb.append(sb.length() == 0 ? "" : "&").append(URLEncoder.encode(k, StandardCharsets.UTF_8)).append('=')
                .append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
        return sb.toString();
    }

    static WebhookRequest post(String url, String signature, String body) {
        return WebhookRequest.post(url, Map.of("X-Twilio-Signature", signature, "Content-Type", "application/x-www-form-urlencoded"), body);
    }

    static WebhookRequest json(String url, String signature, String body) {
        return WebhookRequest.post(url, Map.of("X-Twilio-Signature", signature, "Content-Type", "application/json"), body);
    }

    /** Twilio's algorithm written out again, independently of the code under test. */
    static String twilioSign(String token, String url, Map<String, String> params) throws Exception {
        StringBuilder data = new StringBuilder(url);
        new TreeMap<>(params).forEach((k, v) -> data.append(k).append(v));
        Mac mac = Mac.getInstance("HmacSHA1");
        mac.init(new SecretKeySpec(token.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
        return Base64.getEncoder().encodeToString(mac.doFinal(data.toString().getBytes(StandardCharsets.UTF_8)));
    }

    static void verified(Verification v) {
        assertThat(v).isInstanceOf(Verification.Verified.class);
    }

    static String refused(Verification v) {
        assertThat(v).isInstanceOf(Verification.Refused.class);
        return ((Verification.Refused) v).reason();
    }

    @Test
    void twilioJavaRequestValidatorVectorsReproduce() throws Exception {
        String body = form(PARAMS);
        verified(hooks.verify(post(URL, SIGNATURE, body), NOW));
        refused(hooks.verify(post(URL, "NOTRSOYDt4T1cUTdK1PDd93/VVr8B8=", body), NOW));
        // the independent implementation agrees with the vector, so the helper below can be trusted
        assertThat(twilioSign(TOKEN, URL, PARAMS)).isEqualTo(SIGNATURE);
        // JSON callbacks: the URL alone is signed, the body hashes to bodySHA256
        verified(hooks.verify(json(URL + "&bodySHA256=" + BODY_HASH, "a9nBmqA0ju/hNViExpshrM61xv4=", JSON_BODY), NOW));
        verified(hooks.verify(json("https://mycompany.com/myapp.php?bodySHA256=" + BODY_HASH, "y77kIzt2vzLz71DgmJGsen2scGs=", JSON_BODY),
                NOW));
        assertThat(refused(hooks.verify(json(URL + "&bodySHA256=" + BODY_HASH, "a9nBmqA0ju/hNViExpshrM61xv4=", JSON_BODY + " "), NOW)))
                .contains("bodySHA256");
        assertThat(refused(hooks.verify(json(URL + "&bodySHA256=WRONG", "a9nBmqA0ju/hNViExpshrM61xv4=", JSON_BODY), NOW)))
                .contains("does not match");
        assertThat(refused(hooks.verify(json(URL, SIGNATURE, JSON_BODY), NOW))).contains("without bodySHA256");
        // ports: removed (any port, as twilio-java does) and the default one added
        verified(hooks.verify(post(URL.replace(".com", ".com:1234"), SIGNATURE, body), NOW));
        verified(hooks.verify(post(URL.replace(".com", ".com:1234").replace("https", "http"), "Zmvh+3yNM1Phv2jhDCwEM3q5ebU=", body), NOW));
        verified(hooks.verify(post(URL, "kvajT1Ptam85bY51eRf/AJRuM3w=", body), NOW));
        verified(hooks.verify(post(URL.replace("https", "http"), "0ZXoZLH/DfblKGATFgpif+LLRf4=", body), NOW));
        System.out.println("twilio vectors=10 source=twilio-java RequestValidatorTest reproduced=10");
    }

    @Test
    void defaultPortAddedOrRemovedEitherWay() throws Exception {
        String body = form(PARAMS);
        String with443 = "https://mycompany.com:443/myapp.php?foo=1&bar=2";
        // Twilio signed the URL with :443, the application sees it without, and the other way round
        verified(hooks.verify(post(URL, twilioSign(TOKEN, with443, PARAMS), body), NOW));
        verified(hooks.verify(post(with443, twilioSign(TOKEN, URL, PARAMS), body), NOW));
        verified(hooks.verify(post("http://mycompany.com:80/x", twilioSign(TOKEN, "http://mycompany.com/x", PARAMS), body), NOW));
        verified(hooks.verify(post("http://mycompany.com/x", twilioSign(TOKEN, "http://mycompany.com:80/x", PARAMS), body), NOW));
        // but a different host or path is not a port variant
        refused(hooks.verify(post("https://mycompany.org/myapp.php?foo=1&bar=2", SIGNATURE, body), NOW));
        refused(hooks.verify(post("https://mycompany.com/myapp.php?foo=1&bar=3", SIGNATURE, body), NOW));
        System.out.println("twilio ports: :443 and :80 added or removed either way, other host or query refused");
    }

    @Test
    void tamperedMissingEmptyAndMixedCase() {
        String body = form(PARAMS);
        refused(hooks.verify(post(URL, SIGNATURE.substring(0, 27) + "A", body), NOW));
        refused(hooks.verify(post(URL, SIGNATURE, body.substring(0, body.length() - 1) + "X"), NOW));
        refused(hooks.verify(post(URL.substring(0, URL.length() - 1) + "3", SIGNATURE, body), NOW));
        refused(hooks.verify(post(URL, SIGNATURE, body + "&Extra=1"), NOW));
        assertThat(refused(hooks.verify(WebhookRequest.post(URL, Map.of(), body), NOW))).isEqualTo("missing X-Twilio-Signature header");
        assertThat(refused(hooks.verify(post(URL, " ", body), NOW))).isEqualTo("missing X-Twilio-Signature header");
        String empty = refused(new TwilioWebhooks("", null, CLOCK).verify(post(URL, SIGNATURE, body), NOW));
        assertThat(empty).contains("no Twilio auth token");
        assertThat(refused(hooks.verify(post(URL, SIGNATURE, "Digits=%zz"), NOW))).contains("cannot be decoded");
        verified(hooks.verify(WebhookRequest.post(URL, Map.of("x-TWILIO-signature", SIGNATURE), body), NOW));
        // Twilio signs no timestamp: the clock passed in does not matter
        verified(hooks.verify(post(URL, SIGNATURE, body), Instant.EPOCH));
        verified(hooks.verify(post(URL, SIGNATURE, body), NOW.plus(Duration.ofDays(3650))));
        // the reasons never carry the token
        assertThat(refused(hooks.verify(post(URL, "x", body), NOW))).doesNotContain(TOKEN);
        assertThat(hooks.toString()).doesNotContain(TOKEN);
        System.out.println("twilio tampered signature/body/URL refused, missing header and empty token refused, mixed case ok");
    }

    @Test
    void parametersOrderedOrdinallyAndRepeatedKeysKept() throws Exception {
        // upper case sorts before lower case (ordinal), and both values of a repeated key are signed
        String body = "b=2&B=1&a=x&a=y";
        String expected = base64Hmac(TOKEN, URL + "B1a" + "x" + "a" + "y" + "b2");
        verified(hooks.verify(post(URL, expected, body), NOW));
        refused(hooks.verify(post(URL, base64Hmac(TOKEN, URL + "a" + "x" + "a" + "y" + "B1b2"), body), NOW));
        refused(hooks.verify(post(URL, expected, "b=2&B=1&a=x"), NOW));
        System.out.println("twilio form keys sorted ordinally, repeated keys signed");
    }

    static String base64Hmac(String token, String data) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA1");
        mac.init(new SecretKeySpec(token.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
        return Base64.getEncoder().encodeToString(mac.doFinal(data.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void aProxysRewrittenSchemeAndHostIsReplacedByTheConfiguredPublicBase() {
        String body = form(PARAMS);
        String received = "http://10.0.0.7:8080/myapp.php?foo=1&bar=2";
        refused(hooks.verify(post(received, SIGNATURE, body), NOW));
        TwilioWebhooks behindProxy = new TwilioWebhooks(TOKEN, TwilioWebhooks.publicBase("k", "https://mycompany.com/"), CLOCK);
        verified(behindProxy.verify(post(received, SIGNATURE, body), NOW));
        // the public base decides: the same request is refused against another public host
        TwilioWebhooks other = new TwilioWebhooks(TOKEN, TwilioWebhooks.publicBase("k", "https://elsewhere.com"), CLOCK);
        refused(other.verify(post(received, SIGNATURE, body), NOW));
        assertThatThrownBy(() -> TwilioWebhooks.publicBase("comms.twilio.webhook-base-url", "https://mycompany.com/hooks"))
                .isInstanceOf(CommsConfigurationException.class).hasMessageContaining("comms.twilio.webhook-base-url");
        assertThatThrownBy(() -> TwilioWebhooks.publicBase("k", "ftp://mycompany.com")).isInstanceOf(CommsConfigurationException.class);
        assertThatThrownBy(() -> TwilioWebhooks.publicBase("k", "mycompany.com")).isInstanceOf(CommsConfigurationException.class);
        System.out.println("twilio proxy: received URL refused, rebased on the public base verified");
    }

    @Test
    void theProviderHandsOutAHandlerWhenItHasAnAuthToken() {
        Map<String, String> settings = new LinkedHashMap<>(Map.of("comms.twilio.account-sid", "AC1", "comms.twilio.auth-token", TOKEN));
        WebhookHandler h = new TwilioProvider().webhooks(ProviderContexts.of("twilio", settings, CLOCK)).orElseThrow();
        verified(h.verify(post(URL, SIGNATURE, form(PARAMS)), NOW));
        assertThat(new TwilioProvider().webhooks(ProviderContexts.of("twilio", Map.of("comms.twilio.account-sid", "AC1")))).isEmpty();
        settings.put("comms.twilio.webhook-base-url", "https://mycompany.com");
        WebhookHandler proxied = new TwilioProvider().webhooks(ProviderContexts.of("twilio", settings, CLOCK)).orElseThrow();
        verified(proxied.verify(post("http://127.0.0.1:9000/myapp.php?foo=1&bar=2", SIGNATURE, form(PARAMS)), NOW));
        settings.put("comms.twilio.webhook-base-url", "not a url");
        assertThatThrownBy(() -> new TwilioProvider().webhooks(ProviderContexts.of("twilio", settings, CLOCK)))
                .isInstanceOf(CommsConfigurationException.class).hasMessageContaining("comms.twilio.webhook-base-url");
        assertThat(new TwilioProvider().configKeys()).extracting(k -> k.name())
                .contains("comms.twilio.status-callback-url", "comms.twilio.webhook-base-url");
        System.out.println("twilio webhooks(): with auth token present, without empty, bad base URL a configuration error");
    }

    // ---------------------------------------------------------------- mutations

    @Test
    void tenThousandSingleByteMutationsOfAFormCallbackAreAllRefused() throws Exception {
        String url = "https://hooks.example.com/twilio/status?comms_message_id=msg_01JDZ8Q4KXW7T5R1M0N2P3S4V6&comms_hold=42";
        Map<String, String> params = new LinkedHashMap<>();
        params.put("MessageSid", "SM0123456789abcdef0123456789abcdef");
        params.put("MessageStatus", "delivered");
        params.put("To", "+447123456789");
        params.put("From", "+14155552671");
        params.put("ErrorCode", "");
        String body = form(params);
        String signature = twilioSign(TOKEN, url, params);
        verified(hooks.verify(post(url, signature, body), NOW));
        Mutations m = mutate(new Random(8), url, signature, body, (u, s, b) -> post(u, s, b), true);
        System.out.println("scheme=twilio-form mutations=" + m.total + " accepted=" + m.accepted + " (body=" + m.body + " url=" + m.url
                + " signature=" + m.signature + "; equivalent form encodings redrawn=" + m.redrawn + ")");
        assertThat(m.total).isEqualTo(10_000);
        assertThat(m.accepted).isZero();
    }

    @Test
    void tenThousandSingleByteMutationsOfAJsonCallbackAreAllRefused() {
        String url = URL + "&bodySHA256=" + BODY_HASH;
        String signature = "a9nBmqA0ju/hNViExpshrM61xv4=";
        verified(hooks.verify(json(url, signature, JSON_BODY), NOW));
        Mutations m = mutate(new Random(9), url, signature, JSON_BODY, TwilioWebhooksTest::json, false);
        System.out.println("scheme=twilio-bodySHA256 mutations=" + m.total + " accepted=" + m.accepted + " (body=" + m.body + " url="
                + m.url + " signature=" + m.signature + ")");
        assertThat(m.total).isEqualTo(10_000);
        assertThat(m.accepted).isZero();
    }

    interface RequestFactory {
        WebhookRequest make(String url, String signature, String body);
    }

    static final class Mutations {
        int total;
        int accepted;
        int body;
        int url;
        int signature;
        int redrawn;
    }

    /**
     * Replaces one byte of the body, the URL or the signature with another value, 10,000 times. A
     * form body mutation that decodes to the same parameters ({@code +} for a space, {@code %2b} for
     * {@code %2B}) is no forgery, since Twilio signs the decoded parameters: it is drawn again and counted.
     */
    Mutations mutate(Random r, String url, String signature, String body, RequestFactory f, boolean form) {
        Mutations m = new Mutations();
        byte[] b0 = body.getBytes(StandardCharsets.UTF_8);
        byte[] u0 = url.getBytes(StandardCharsets.UTF_8);
        byte[] s0 = signature.getBytes(StandardCharsets.UTF_8);
        while (m.total < 10_000) {
            int which = r.nextInt(3);
            byte[] b = b0.clone();
            byte[] u = u0.clone();
            byte[] s = s0.clone();
            byte[] target = which == 0 ? b : which == 1 ? u : s;
            int i = r.nextInt(target.length);
            byte old = target[i];
            do {
                target[i] = (byte) r.nextInt(256);
            } while (target[i] == old);
            String body2 = new String(b, StandardCharsets.UTF_8);
            if (form && which == 0 && sameForm(b0, b)) {
                m.redrawn++;
                continue;
            }
            m.total++;
            switch (which) {
                case 0 -> m.body++;
                case 1 -> m.url++;
                default -> m.signature++;
            }
            Verification v = hooks.verify(f.make(new String(u, StandardCharsets.UTF_8), new String(s, StandardCharsets.UTF_8), body2), NOW);
            if (v instanceof Verification.Verified) {
                m.accepted++;
            }
        }
        return m;
    }

    static boolean sameForm(byte[] a, byte[] b) {
        try {
            return TwilioWebhooks.signedForm(a).equals(TwilioWebhooks.signedForm(b));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    // ---------------------------------------------------------------- parsing

    static final String CALLBACK = "https://hooks.example.com/twilio?comms_message_id=msg_01JDZ8Q4KXW7T5R1M0N2P3S4V6&comms_hold=42";

    DeliveryEvent one(String url, String body) {
        WebhookHandler.Payload p = hooks.parse(post(url, "unused", body));
        assertThat(p.inbound()).isEmpty();
        assertThat(p.events()).hasSize(1);
        return p.events().get(0);
    }

    @Test
    void smsStatusCallbacksMapToSmsStatuses() {
        Map<String, EventStatus> table = new LinkedHashMap<>();
        table.put("accepted", EventStatus.SMS_QUEUED);
        table.put("scheduled", EventStatus.SMS_QUEUED);
        table.put("queued", EventStatus.SMS_QUEUED);
        table.put("sending", EventStatus.SMS_QUEUED);
        table.put("sent", EventStatus.SMS_SENT);
        table.put("delivered", EventStatus.SMS_DELIVERED);
        table.put("read", EventStatus.SMS_DELIVERED);
        table.put("undelivered", EventStatus.SMS_UNDELIVERED);
        table.put("failed", EventStatus.SMS_FAILED);
        table.put("canceled", EventStatus.SMS_FAILED);
        table.put("partially_delivered", EventStatus.UNKNOWN);
        table.forEach((status, expected) -> {
            String body = "MessageSid=SM123&SmsSid=SM123&MessageStatus=" + status + "&To=%2B447123456789&From=%2B14155552671"
                    + (status.equals("undelivered") ? "&ErrorCode=30003" : "");
            DeliveryEvent e = one(CALLBACK, body);
            assertThat(e.status()).as(status).isEqualTo(expected);
            assertThat(e.providerEventId()).isEqualTo("SM123:" + status);
            assertThat(e.channel()).isEqualTo(Channel.SMS);
            assertThat(e.providerMessageId()).isEqualTo("SM123");
            assertThat(e.messageId()).isEqualTo("msg_01JDZ8Q4KXW7T5R1M0N2P3S4V6");
            assertThat(e.holdId()).isEqualTo("42");
            assertThat(e.provider()).isEqualTo("twilio");
            assertThat(e.timestamp()).isEqualTo(NOW);
            assertThat(e.raw()).isEqualTo(body);
        });
        assertThat(one(CALLBACK, "MessageSid=SM1&MessageStatus=undelivered&ErrorCode=30003").errorCode()).isEqualTo("30003");
        // the legacy SmsStatus alone still reads
        assertThat(one(CALLBACK, "SmsSid=SM9&SmsStatus=sent").status()).isEqualTo(EventStatus.SMS_SENT);
        // without correlation in the URL the ids are empty, never made up
        DeliveryEvent bare = one("https://hooks.example.com/twilio", "MessageSid=SM1&MessageStatus=sent");
        assertThat(bare.messageId()).isEmpty();
        assertThat(bare.holdId()).isEmpty();
        System.out.println("twilio sms statuses mapped=" + table.size());
    }

    @Test
    void callStatusCallbacksMapToCallStatusesWithDurationAndDigits() {
        Map<String, EventStatus> table = new LinkedHashMap<>();
        table.put("queued", EventStatus.CALL_INITIATED);
        table.put("initiated", EventStatus.CALL_INITIATED);
        table.put("ringing", EventStatus.CALL_RINGING);
        table.put("in-progress", EventStatus.CALL_ANSWERED);
        table.put("completed", EventStatus.CALL_COMPLETED);
        table.put("busy", EventStatus.CALL_BUSY);
        table.put("no-answer", EventStatus.CALL_NO_ANSWER);
        table.put("failed", EventStatus.CALL_FAILED);
        table.put("canceled", EventStatus.CALL_CANCELED);
        table.put("answered-by-machine", EventStatus.UNKNOWN);
        int seq = 0;
        for (Map.Entry<String, EventStatus> t : table.entrySet()) {
            String body = "CallSid=CA42&CallStatus=" + t.getKey() + "&SequenceNumber=" + seq + "&CallDuration=61"
                    + "&Timestamp=Tue%2C+01+Dec+2026+05%3A05%3A50+%2B0000";
            DeliveryEvent e = one(CALLBACK, body);
            assertThat(e.status()).as(t.getKey()).isEqualTo(t.getValue());
            assertThat(e.providerEventId()).isEqualTo("CA42:" + t.getKey() + ":" + seq);
            assertThat(e.channel()).isEqualTo(Channel.VOICE);
            assertThat(e.providerMessageId()).isEqualTo("CA42");
            assertThat(e.messageId()).isEqualTo("msg_01JDZ8Q4KXW7T5R1M0N2P3S4V6");
            assertThat(e.holdId()).isEqualTo("42");
            assertThat(e.timestamp()).isEqualTo(Instant.parse("2026-12-01T05:05:50Z"));
            assertThat(e.duration()).as("duration only on completed").isEqualTo(t.getValue() == EventStatus.CALL_COMPLETED
                    ? java.util.Optional.of(Duration.ofSeconds(61)) : java.util.Optional.empty());
            seq++;
        }
        DeliveryEvent digits = one(CALLBACK, "CallSid=CA42&CallStatus=in-progress&Digits=1");
        assertThat(digits.digits()).isEqualTo("1");
        assertThat(digits.providerEventId()).isEqualTo("CA42:in-progress:digits:1");
        assertThat(digits.timestamp()).as("no Timestamp: when it arrived").isEqualTo(NOW);
        System.out.println("twilio call statuses mapped=" + table.size());
    }

    @Test
    void inboundSmsIsAnInboundMessage() {
        String body = "ToCountry=GB&SmsMessageSid=SM77&NumMedia=0&SmsSid=SM77&SmsStatus=received&Body=Hello+there%21"
                + "&To=%2B447700900123&MessageSid=SM77&AccountSid=AC1&From=%2B447123456789&ApiVersion=2010-04-01";
        WebhookHandler.Payload p = hooks.parse(post("https://hooks.example.com/twilio/inbound", "x", body));
        assertThat(p.events()).isEmpty();
        InboundMessage in = p.inbound().get(0);
        assertThat(in.providerMessageId()).isEqualTo("SM77");
        assertThat(in.from()).isEqualTo("+447123456789");
        assertThat(in.to()).isEqualTo("+447700900123");
        assertThat(in.body()).isEqualTo("Hello there!");
        assertThat(in.channel()).isEqualTo(Channel.SMS);
        assertThat(in.receivedAt()).isEqualTo(NOW);
        assertThat(in.raw()).isEqualTo(body);
        System.out.println("twilio inbound SMS -> InboundMessage");
    }

    @Test
    void whatCannotBePlacedIsKeptAsUnknownWithItsRawPayload() {
        DeliveryEvent e = one(CALLBACK, "AccountSid=AC1&Something=else");
        assertThat(e.status()).isEqualTo(EventStatus.UNKNOWN);
        assertThat(e.raw()).isEqualTo("AccountSid=AC1&Something=else");
        assertThat(e.providerEventId()).startsWith("sha256:");
        assertThat(one(CALLBACK, "AccountSid=AC1&Something=else").providerEventId()).as("a redelivery keeps its id")
                .isEqualTo(e.providerEventId());
        assertThat(e.messageId()).isEqualTo("msg_01JDZ8Q4KXW7T5R1M0N2P3S4V6");
        WebhookHandler.Payload p = hooks.parse(json(URL + "&bodySHA256=" + BODY_HASH, "x", JSON_BODY));
        assertThat(p.events()).singleElement().satisfies(j -> {
            assertThat(j.status()).isEqualTo(EventStatus.UNKNOWN);
            assertThat(j.raw()).isEqualTo(JSON_BODY);
        });
        assertThatThrownBy(() -> hooks.parse(post(CALLBACK, "x", "MessageSid=%zz"))).isInstanceOf(IllegalArgumentException.class);
        // GET callbacks carry their parameters in the query
        DeliveryEvent get = hooks.parse(new WebhookRequest("GET", CALLBACK + "&MessageSid=SM5&MessageStatus=failed", Map.of(),
                new byte[0])).events().get(0);
        assertThat(get.status()).isEqualTo(EventStatus.SMS_FAILED);
        assertThat(get.providerMessageId()).isEqualTo("SM5");
        System.out.println("twilio unplaceable and JSON payloads kept as unknown with raw payload and stable id");
    }

    // ---------------------------------------------------------------- correlation

    @Test
    void correlationGoesIntoTheCallbackQuery() {
        dev.comms.spi.SendContext ctx = new dev.comms.spi.SendContext("msg_1", "k", "default", dev.comms.Mode.LIVE, 1,
                Duration.ofSeconds(5), "42");
        assertThat(TwilioWebhooks.correlate(java.net.URI.create("https://h.example.com/s"), ctx))
                .hasToString("https://h.example.com/s?comms_message_id=msg_1&comms_hold=42");
        assertThat(TwilioWebhooks.correlate(java.net.URI.create("https://h.example.com/s?a=1&comms_hold=7#f"), ctx))
                .hasToString("https://h.example.com/s?a=1&comms_message_id=msg_1&comms_hold=42#f");
        assertThat(TwilioWebhooks.correlate(java.net.URI.create("https://h.example.com/s?comms_message_id=x"),
                dev.comms.spi.SendContext.of("msg_2"))).hasToString("https://h.example.com/s?comms_message_id=msg_2");
        System.out.println("twilio correlation: comms_message_id and comms_hold appended, replaced, fragment kept");
    }
}
