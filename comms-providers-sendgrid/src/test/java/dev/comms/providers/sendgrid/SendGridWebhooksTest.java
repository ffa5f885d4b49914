package dev.comms.providers.sendgrid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.comms.Channel;
import dev.comms.CommsConfigurationException;
import dev.comms.event.DeliveryEvent;
import dev.comms.event.EventStatus;
import dev.comms.event.WebhookRequest;
import dev.comms.spi.WebhookHandler;
import dev.comms.spi.WebhookHandler.Verification;
import dev.comms.testkit.ProviderContexts;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** SendGrid's signed event webhook, verified with the JDK alone, and its events, without HTTP. */
class SendGridWebhooksTest {
    // Official vector: sendgrid/sendgrid-java src/test/java/com/sendgrid/helpers/eventwebhook/EventWebhookTest.java
    // (values only: key, signature, timestamp, the other key and signature it refuses, and the one event it
    // serialises with Jackson in field order, followed by the CRLF SendGrid signs).
    static final String PUBLIC_KEY = "MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE83T4O/n84iotIvIW4mdBgQ/7dAfSmpqIM8kF9mN1flpVKS3GRqe62gw+2fNNRaINXvVpiglSI8eNEc6wEA3F+g==";
    static final String SIGNATURE = "MEUCIGHQVtGj+Y3LkG9fLcxf3qfI10QysgDWmMOVmxG0u6ZUAiEAyBiXDWzM+uOe5W0JuG+luQAbPIqHh89M15TluLtEZtM=";
    static final String TIMESTAMP = "1600112502";
    static final String OTHER_KEY = "MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEqTxd43gyp8IOEto2LdIfjRQrIbsd4SXZkLW6jDutdhXSJCWHw8REntlo7aNDthvj+y7GjUuFDb/R1NGe1OPzpA==";
    static final String OTHER_SIGNATURE = "MEUCIQCtIHJeH93Y+qpYeWrySphQgpNGNr/U+UyUlBkU6n7RAwIgJTz2C+8a8xonZGi6BpSzoQsbVRamr2nlxFDWYNH3j/0=";
    static final String PAYLOAD = "[{\"email\":\"hello@world.com\",\"event\":\"dropped\",\"reason\":\"Bounced Address\","
            + "\"sg_event_id\":\"ZHJvcC0xMDk5NDkxOS1MUnpYbF9OSFN0T0doUTRrb2ZTbV9BLTA\","
            + "\"sg_message_id\":\"LRzXl_NHStOGhQ4kofSm_A.filterdrecv-p3mdw1-756b745b58-kmzbl-18-5F5FC76C-9.0\","
            + "\"smtp-id\":\"<LRzXl_NHStOGhQ4kofSm_A@ismtpd0039p1iad1.sendgrid.net>\",\"timestamp\":1600112492}]\r\n";
    static final Instant SIGNED_AT = Instant.ofEpochSecond(Long.parseLong(TIMESTAMP));
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-01T10:00:00Z"), ZoneOffset.UTC);

    final SendGridWebhooks hooks = new SendGridWebhooks(SendGridWebhooks.publicKey("k", PUBLIC_KEY), CLOCK);

    static WebhookRequest request(String signature, String timestamp, String body) {
        Map<String, String> h = new LinkedHashMap<>();
        if (signature != null) {
            h.put("X-Twilio-Email-Event-Webhook-Signature", signature);
        }
        if (timestamp != null) {
            h.put("X-Twilio-Email-Event-Webhook-Timestamp", timestamp);
        }
        h.put("Content-Type", "application/json");
        return WebhookRequest.post("https://hooks.example.com/sendgrid", h, body);
    }

    static void verified(Verification v) {
        assertThat(v).isInstanceOf(Verification.Verified.class);
    }

    static String refused(Verification v) {
        assertThat(v).isInstanceOf(Verification.Refused.class);
        return ((Verification.Refused) v).reason();
    }

    @Test
    void sendgridJavasEventWebhookVectorReproducesWithTheJdkAlone() {
        verified(hooks.verify(request(SIGNATURE, TIMESTAMP, PAYLOAD), SIGNED_AT));
        // testBadKey, testBadPayload, testBadSignature, testBadTimestamp
        SendGridWebhooks otherKey = new SendGridWebhooks(SendGridWebhooks.publicKey("k", OTHER_KEY), CLOCK);
        assertThat(refused(otherKey.verify(request(SIGNATURE, TIMESTAMP, PAYLOAD), SIGNED_AT))).contains("does not match");
        assertThat(refused(hooks.verify(request(SIGNATURE, TIMESTAMP, "payload"), SIGNED_AT))).contains("does not match");
        assertThat(refused(hooks.verify(request(OTHER_SIGNATURE, TIMESTAMP, PAYLOAD), SIGNED_AT))).contains("does not match");
        assertThat(refused(hooks.verify(request(SIGNATURE, "timestamp", PAYLOAD), SIGNED_AT))).contains("not epoch seconds");
        // the trailing CRLF is signed
        refused(hooks.verify(request(SIGNATURE, TIMESTAMP, PAYLOAD.strip()), SIGNED_AT));
        assertThat(java.security.Security.getProvider("BC")).as("no BouncyCastle on the class path").isNull();
        System.out.println("sendgrid vectors=5 source=sendgrid-java EventWebhookTest reproduced=5 provider="
                + signatureProvider());
    }

    static String signatureProvider() {
        try {
            return Signature.getInstance("SHA256withECDSA").getProvider().getName();
        } catch (java.security.GeneralSecurityException e) {
            return "none";
        }
    }

    @Test
    void timestampsWithin300SecondsEitherWayAreAcceptedAnd301Refused() {
        verified(hooks.verify(request(SIGNATURE, TIMESTAMP, PAYLOAD), SIGNED_AT.plusSeconds(300)));
        verified(hooks.verify(request(SIGNATURE, TIMESTAMP, PAYLOAD), SIGNED_AT.minusSeconds(300)));
        assertThat(refused(hooks.verify(request(SIGNATURE, TIMESTAMP, PAYLOAD), SIGNED_AT.plusSeconds(301))))
                .isEqualTo("timestamp 301 s before now (tolerance 300 s)");
        assertThat(refused(hooks.verify(request(SIGNATURE, TIMESTAMP, PAYLOAD), SIGNED_AT.minusSeconds(301))))
                .isEqualTo("timestamp 301 s after now (tolerance 300 s)");
        System.out.println("sendgrid tolerance: -300 s ok, +300 s ok, -301 s refused, +301 s refused");
    }

    @Test
    void tamperedMissingEmptyNonCanonicalAndMixedCase() {
        String body = PAYLOAD.substring(0, PAYLOAD.length() - 1) + "X";
        refused(hooks.verify(request(SIGNATURE, TIMESTAMP, body), SIGNED_AT));
        refused(hooks.verify(request(SIGNATURE.substring(0, SIGNATURE.length() - 1) + "A", TIMESTAMP, PAYLOAD), SIGNED_AT));
        refused(hooks.verify(request(SIGNATURE, "1600112503", PAYLOAD), SIGNED_AT));
        assertThat(refused(hooks.verify(request(null, TIMESTAMP, PAYLOAD), SIGNED_AT)))
                .isEqualTo("missing X-Twilio-Email-Event-Webhook-Signature header");
        assertThat(refused(hooks.verify(request(SIGNATURE, null, PAYLOAD), SIGNED_AT)))
                .isEqualTo("missing X-Twilio-Email-Event-Webhook-Timestamp header");
        assertThat(refused(new SendGridWebhooks(null, CLOCK).verify(request(SIGNATURE, TIMESTAMP, PAYLOAD), SIGNED_AT)))
                .contains("no SendGrid webhook public key");
        assertThat(refused(hooks.verify(request("not base64!", TIMESTAMP, PAYLOAD), SIGNED_AT))).contains("not Base64");
        assertThat(refused(hooks.verify(request("AAAA", TIMESTAMP, PAYLOAD), SIGNED_AT))).contains("not a DER-encoded");
        assertThat(refused(hooks.verify(request(SIGNATURE, "-1600112502", PAYLOAD), SIGNED_AT))).contains("not epoch seconds");
        // the last character 'M' carries two unused bits: 'N' decodes to the same DER bytes but is another spelling
        String sameBytes = SIGNATURE.substring(0, SIGNATURE.length() - 2) + "N=";
        assertThat(Base64.getDecoder().decode(sameBytes)).isEqualTo(Base64.getDecoder().decode(SIGNATURE));
        assertThat(refused(hooks.verify(request(sameBytes, TIMESTAMP, PAYLOAD), SIGNED_AT))).contains("canonical");
        verified(hooks.verify(WebhookRequest.post("https://h", Map.of("x-twilio-EMAIL-event-webhook-signature", SIGNATURE,
                "X-TWILIO-EMAIL-EVENT-WEBHOOK-TIMESTAMP", TIMESTAMP), PAYLOAD), SIGNED_AT));
        System.out.println("sendgrid tampered body/signature/timestamp refused, missing headers and key refused, non-canonical Base64 refused, mixed case ok");
    }

    @Test
    void aFreshKeyPairSignsAndVerifiesThroughTheSameCode() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair pair = g.generateKeyPair();
        String publicKey = Base64.getEncoder().encodeToString(pair.getPublic().getEncoded());
        SendGridWebhooks fresh = new SendGridWebhooks(SendGridWebhooks.publicKey("k", publicKey), CLOCK);
        String ts = Long.toString(CLOCK.instant().getEpochSecond());
        String body = "[{\"event\":\"delivered\",\"sg_event_id\":\"e1\"}]\r\n";
        Signature s = Signature.getInstance("SHA256withECDSA");
        s.initSign(pair.getPrivate());
        s.update((ts + body).getBytes(StandardCharsets.UTF_8));
        String sig = Base64.getEncoder().encodeToString(s.sign());
        verified(fresh.verify(request(sig, ts, body), CLOCK.instant()));
        refused(hooks.verify(request(sig, ts, body), CLOCK.instant()));
        // PEM armour is accepted as SendGrid's console may show it
        String pem = "-----BEGIN PUBLIC KEY-----\n" + publicKey.substring(0, 64) + "\n" + publicKey.substring(64) + "\n-----END PUBLIC KEY-----\n";
        verified(new SendGridWebhooks(SendGridWebhooks.publicKey("k", pem), CLOCK).verify(request(sig, ts, body), CLOCK.instant()));
        System.out.println("sendgrid fresh P-256 key: signed and verified, other key refused, PEM armour accepted");
    }

    @Test
    void theProviderHandsOutAHandlerOnlyWithAValidKey() {
        WebhookHandler h = new SendGridProvider().webhooks(ProviderContexts.of("sendgrid", Map.of("comms.sendgrid.api-key", "SG.x",
                "comms.sendgrid.webhook-public-key", PUBLIC_KEY))).orElseThrow();
        verified(h.verify(request(SIGNATURE, TIMESTAMP, PAYLOAD), SIGNED_AT));
        assertThat(new SendGridProvider().webhooks(ProviderContexts.of("sendgrid", Map.of("comms.sendgrid.api-key", "SG.x")))).isEmpty();
        assertThatThrownBy(() -> new SendGridProvider().webhooks(ProviderContexts.of("sendgrid", Map.of("comms.sendgrid.webhook-public-key",
                "bm90IGEga2V5")))).isInstanceOf(CommsConfigurationException.class).hasMessageContaining("comms.sendgrid.webhook-public-key");
        // an RSA or P-384 key is not SendGrid's
        assertThatThrownBy(() -> SendGridWebhooks.publicKey("k", p384())).isInstanceOf(CommsConfigurationException.class);
        assertThat(new SendGridProvider().configKeys()).extracting(k -> k.name()).contains("comms.sendgrid.webhook-public-key");
        System.out.println("sendgrid webhooks(): with key present, without empty, bad or P-384 key a configuration error");
    }

    static String p384() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp384r1"));
        PublicKey k = g.generateKeyPair().getPublic();
        return Base64.getEncoder().encodeToString(k.getEncoded());
    }

    @Test
    void tenThousandSingleByteMutationsAreAllRefused() {
        Random r = new Random(11);
        byte[] b0 = PAYLOAD.getBytes(StandardCharsets.UTF_8);
        byte[] t0 = TIMESTAMP.getBytes(StandardCharsets.UTF_8);
        byte[] s0 = SIGNATURE.getBytes(StandardCharsets.UTF_8);
        int accepted = 0;
        int[] per = new int[3];
        for (int n = 0; n < 10_000; n++) {
            int which = r.nextInt(3);
            byte[] b = b0.clone();
            byte[] t = t0.clone();
            byte[] s = s0.clone();
            byte[] target = which == 0 ? b : which == 1 ? t : s;
            int i = r.nextInt(target.length);
            byte old = target[i];
            do {
                target[i] = (byte) r.nextInt(256);
            } while (target[i] == old);
            per[which]++;
            Verification v = hooks.verify(new WebhookRequest("POST", "https://h", Map.of(SendGridWebhooks.SIGNATURE,
                    List.of(new String(s, StandardCharsets.ISO_8859_1)), SendGridWebhooks.TIMESTAMP,
                    List.of(new String(t, StandardCharsets.ISO_8859_1))), b), SIGNED_AT);
            if (v instanceof Verification.Verified) {
                accepted++;
            }
        }
        System.out.println("scheme=sendgrid-ecdsa mutations=10000 accepted=" + accepted + " (body=" + per[0] + " timestamp=" + per[1]
                + " signature=" + per[2] + ")");
        assertThat(accepted).isZero();
    }

    // ---------------------------------------------------------------- parsing

    @Test
    void everySendGridEventMapsAndUnknownOnesAreKept() {
        Map<String, EventStatus> table = new LinkedHashMap<>();
        table.put("processed", EventStatus.UNKNOWN);
        table.put("delivered", EventStatus.EMAIL_DELIVERED);
        table.put("deferred", EventStatus.EMAIL_DEFERRED);
        table.put("bounce", EventStatus.EMAIL_BOUNCED);
        table.put("dropped", EventStatus.EMAIL_BOUNCED);
        table.put("spamreport", EventStatus.EMAIL_COMPLAINED);
        table.put("open", EventStatus.EMAIL_OPENED);
        table.put("click", EventStatus.EMAIL_CLICKED);
        table.put("unsubscribe", EventStatus.EMAIL_UNSUBSCRIBED);
        table.put("group_unsubscribe", EventStatus.EMAIL_UNSUBSCRIBED);
        table.put("group_resubscribe", EventStatus.UNKNOWN);
        table.put("something_new", EventStatus.UNKNOWN);
        StringBuilder body = new StringBuilder("[");
        int i = 0;
        for (String name : table.keySet()) {
            body.append(i == 0 ? "" : ",").append("{\"email\":\"ada@example.com\",\"timestamp\":").append(1764583200 + i)
                    .append(",\"event\":\"").append(name).append("\",\"sg_event_id\":\"ev").append(i)
                    .append("\",\"sg_message_id\":\"14c5d75ce93.dfd.64b469.filter0001.16648.5515E0B88.0\"")
                    .append(",\"comms_message_id\":\"msg_01JDZ8Q4KXW7T5R1M0N2P3S4V6\",\"comms_hold\":\"42\",\"campaign\":\"welcome\"}");
            i++;
        }
        body.append("]\r\n");
        List<DeliveryEvent> events = hooks.parse(request("x", "1", body.toString())).events();
        assertThat(events).hasSize(table.size());
        i = 0;
        for (Map.Entry<String, EventStatus> t : table.entrySet()) {
            DeliveryEvent e = events.get(i);
            assertThat(e.status()).as(t.getKey()).isEqualTo(t.getValue());
            assertThat(e.providerEventId()).isEqualTo("ev" + i);
            assertThat(e.provider()).isEqualTo("sendgrid");
            assertThat(e.channel()).isEqualTo(Channel.EMAIL);
            assertThat(e.messageId()).isEqualTo("msg_01JDZ8Q4KXW7T5R1M0N2P3S4V6");
            assertThat(e.holdId()).isEqualTo("42");
            assertThat(e.providerMessageId()).as("X-Message-Id, before the first dot").isEqualTo("14c5d75ce93");
            assertThat(e.timestamp()).isEqualTo(Instant.ofEpochSecond(1764583200L + i));
            assertThat(e.raw()).contains("\"event\":\"" + t.getKey() + "\"").startsWith("{").endsWith("}");
            i++;
        }
        System.out.println("sendgrid events mapped=" + table.size() + " unknown kept=" + table.values().stream()
                .filter(s -> s == EventStatus.UNKNOWN).count());
    }

    @Test
    void theOfficialPayloadReadsAsABouncedEmailWithItsReason() {
        DeliveryEvent e = hooks.parse(request(SIGNATURE, TIMESTAMP, PAYLOAD)).events().get(0);
        assertThat(e.status()).isEqualTo(EventStatus.EMAIL_BOUNCED);
        assertThat(e.errorReason()).isEqualTo("Bounced Address");
        assertThat(e.providerEventId()).isEqualTo("ZHJvcC0xMDk5NDkxOS1MUnpYbF9OSFN0T0doUTRrb2ZTbV9BLTA");
        assertThat(e.providerMessageId()).isEqualTo("LRzXl_NHStOGhQ4kofSm_A");
        assertThat(e.timestamp()).isEqualTo(Instant.ofEpochSecond(1600112492));
        assertThat(e.messageId()).as("sent without our custom args").isEmpty();
        DeliveryEvent bounce = hooks.parse(request("x", "1", "[{\"event\":\"bounce\",\"sg_event_id\":\"b1\",\"status\":\"5.1.1\","
                + "\"reason\":\"550 5.1.1 unknown user\",\"type\":\"bounce\"},{\"event\":\"deferred\",\"sg_event_id\":\"d1\","
                + "\"response\":\"400 try again later\",\"attempt\":\"1\"}]")).events().get(0);
        assertThat(bounce.errorCode()).isEqualTo("5.1.1");
        assertThat(bounce.errorReason()).isEqualTo("550 5.1.1 unknown user");
        assertThat(bounce.timestamp()).as("no timestamp: when it arrived").isEqualTo(CLOCK.instant());
        DeliveryEvent deferred = hooks.parse(request("x", "1", "[{\"event\":\"deferred\",\"sg_event_id\":\"d1\","
                + "\"response\":\"400 try again later\"}]")).events().get(0);
        assertThat(deferred.errorReason()).isEqualTo("400 try again later");
        DeliveryEvent noId = hooks.parse(request("x", "1", "[{\"event\":\"open\"}]")).events().get(0);
        assertThat(noId.providerEventId()).startsWith("sha256:");
        assertThatThrownBy(() -> hooks.parse(request("x", "1", "{\"event\":\"open\"}"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> hooks.parse(request("x", "1", "not json"))).isInstanceOf(IllegalArgumentException.class);
        System.out.println("sendgrid official payload: dropped -> email.bounced, reason, event id, X-Message-Id part");
    }
}
