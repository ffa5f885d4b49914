package dev.comms.providers.resend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.resend.services.webhooks.Webhooks;
import com.resend.services.webhooks.model.VerifyWebhookOptions;
import dev.comms.Channel;
import dev.comms.CommsConfigurationException;
import dev.comms.event.DeliveryEvent;
import dev.comms.event.EventStatus;
import dev.comms.event.WebhookRequest;
import dev.comms.spi.WebhookHandler;
import dev.comms.spi.WebhookHandler.Verification;
import dev.comms.testkit.ProviderContexts;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Resend's Svix-signed webhooks (Standard Webhooks) and its events, without HTTP. */
class ResendWebhooksTest {
    // Standard Webhooks vectors, as listed in shared/design/RELIABILITY.md; the first is also
    // svix/svix-webhooks java/lib/src/test/com/svix/test/WebhookTest.java (verifyWebhookSignWorks), whose
    // decoy and other-version values are used below (values only).
    static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    static final String ID = "msg_p5jXN8AQM9LWM0D4loKWxJek";
    static final String TS = "1614265330";
    static final String BODY = "{\"test\": 2432232314}";
    static final String SIG = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";
    static final String SECRET2 = "whsec_C2FVsBQIhrscChlQIMV+b5sSYspob7oD";
    static final String ID2 = "msg_27UH4WbU6Z5A5EzD8u03UvzRbpk";
    static final String TS2 = "1649367553";
    static final String BODY2 = "{\"email\":\"test@example.com\",\"username\":\"test_user\"}";
    static final String SIG2 = "v1,tZ1I4/hDygAJgO5TYxiSd6Sd0kDW6hPenDe+bTa3Kkw=";
    static final String DECOY = "v1,Ceo5qEr07ixe2NLpvHk3FH9bwy/WavXrAFQ/9tdO6mc=";
    static final String OTHER_VERSION = "v2,Ceo5qEr07ixe2NLpvHk3FH9bwy/WavXrAFQ/9tdO6mc=";

    static final Instant SIGNED_AT = Instant.ofEpochSecond(Long.parseLong(TS));
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-01T10:00:00Z"), ZoneOffset.UTC);

    final ResendWebhooks hooks = new ResendWebhooks(ResendWebhooks.key(SECRET), CLOCK);

    static WebhookRequest svix(String id, String ts, String sig, String body) {
        Map<String, String> h = new LinkedHashMap<>();
        if (id != null) {
            h.put("svix-id", id);
        }
        if (ts != null) {
            h.put("svix-timestamp", ts);
        }
        if (sig != null) {
            h.put("svix-signature", sig);
        }
        return WebhookRequest.post("https://hooks.example.com/resend", h, body);
    }

    static void verified(Verification v) {
        assertThat(v).isInstanceOf(Verification.Verified.class);
    }

    static String refused(Verification v) {
        assertThat(v).isInstanceOf(Verification.Refused.class);
        return ((Verification.Refused) v).reason();
    }

    @Test
    void standardWebhooksVectorsReproduce() {
        assertThat("v1," + hooks.sign(ID, TS, BODY.getBytes(StandardCharsets.UTF_8))).isEqualTo(SIG);
        verified(hooks.verify(svix(ID, TS, SIG, BODY), SIGNED_AT));
        ResendWebhooks second = new ResendWebhooks(ResendWebhooks.key(SECRET2), CLOCK);
        assertThat("v1," + second.sign(ID2, TS2, BODY2.getBytes(StandardCharsets.UTF_8))).isEqualTo(SIG2);
        verified(second.verify(svix(ID2, TS2, SIG2, BODY2), Instant.ofEpochSecond(Long.parseLong(TS2))));
        // each secret verifies its own vector only
        refused(second.verify(svix(ID, TS, SIG, BODY), SIGNED_AT));
        refused(hooks.verify(svix(ID2, TS2, SIG2, BODY2), Instant.ofEpochSecond(Long.parseLong(TS2))));
        System.out.println("resend vectors=2 source=Standard Webhooks (RELIABILITY.md), svix-webhooks WebhookTest reproduced=2");
    }

    @Test
    void svixWebhookTestCasesHold() {
        // brandless headers
        verified(hooks.verify(WebhookRequest.post("https://h", Map.of("webhook-id", ID, "webhook-timestamp", TS, "webhook-signature", SIG),
                BODY), SIGNED_AT));
        // several signatures, decoys and another version among them
        verified(hooks.verify(svix(ID, TS, String.join(" ", DECOY, OTHER_VERSION, SIG, DECOY), BODY), SIGNED_AT));
        // missing id, timestamp, signature
        assertThat(refused(hooks.verify(svix(null, TS, SIG, BODY), SIGNED_AT))).isEqualTo("missing svix-id header");
        assertThat(refused(hooks.verify(svix(ID, null, SIG, BODY), SIGNED_AT))).isEqualTo("missing svix-timestamp header");
        assertThat(refused(hooks.verify(svix(ID, TS, null, BODY), SIGNED_AT))).isEqualTo("missing svix-signature header");
        assertThat(refused(hooks.verify(WebhookRequest.post("https://h", Map.of("webhook-id", ID, "webhook-signature", SIG), BODY),
                SIGNED_AT))).isEqualTo("missing webhook-timestamp header");
        // another version only, no version, a v1 that is not the signature
        assertThat(refused(hooks.verify(svix(ID, TS, "v2,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=", BODY), SIGNED_AT)))
                .contains("no v1 entry").contains("other versions");
        assertThat(refused(hooks.verify(svix(ID, TS, "invalid_signature", BODY), SIGNED_AT))).contains("no v1 entry");
        assertThat(refused(hooks.verify(svix(ID, TS, "v1,invalid_signature", BODY), SIGNED_AT))).contains("matches");
        // secret with or without its prefix
        verified(new ResendWebhooks(ResendWebhooks.key("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"), CLOCK).verify(svix(ID, TS, SIG, BODY), SIGNED_AT));
        System.out.println("resend svix cases: brandless ok, decoys+v2 ok, missing id/timestamp/signature refused, v2-only refused, prefix optional");
    }

    @Test
    void timestampsWithin300SecondsEitherWayAreAcceptedAnd301Refused() {
        verified(hooks.verify(svix(ID, TS, SIG, BODY), SIGNED_AT.plusSeconds(300)));
        verified(hooks.verify(svix(ID, TS, SIG, BODY), SIGNED_AT.minusSeconds(300)));
        assertThat(refused(hooks.verify(svix(ID, TS, SIG, BODY), SIGNED_AT.plusSeconds(301))))
                .isEqualTo("timestamp 301 s before now (tolerance 300 s)");
        assertThat(refused(hooks.verify(svix(ID, TS, SIG, BODY), SIGNED_AT.minusSeconds(301))))
                .isEqualTo("timestamp 301 s after now (tolerance 300 s)");
        assertThat(refused(hooks.verify(svix(ID, "1614265330.0", SIG, BODY), SIGNED_AT))).contains("not epoch seconds");
        assertThat(refused(hooks.verify(svix(ID, "+1614265330", SIG, BODY), SIGNED_AT))).contains("not epoch seconds");
        System.out.println("resend tolerance: -300 s ok, +300 s ok, -301 s refused, +301 s refused");
    }

    @Test
    void tamperedEmptySecretAndMixedCaseHeaders() {
        refused(hooks.verify(svix(ID, TS, SIG.substring(0, SIG.length() - 1) + "A", BODY), SIGNED_AT));
        refused(hooks.verify(svix(ID, TS, SIG, BODY.substring(0, BODY.length() - 1) + "]"), SIGNED_AT));
        refused(hooks.verify(svix(ID.substring(0, ID.length() - 1) + "j", TS, SIG, BODY), SIGNED_AT));
        refused(hooks.verify(svix(ID, "1614265331", SIG, BODY), SIGNED_AT));
        assertThat(refused(new ResendWebhooks(ResendWebhooks.key(""), CLOCK).verify(svix(ID, TS, SIG, BODY), SIGNED_AT)))
                .contains("no Resend webhook secret");
        assertThat(refused(new ResendWebhooks(ResendWebhooks.key("whsec_"), CLOCK).verify(svix(ID, TS, SIG, BODY), SIGNED_AT)))
                .contains("no Resend webhook secret");
        verified(hooks.verify(WebhookRequest.post("https://h", Map.of("SVIX-ID", ID, "Svix-Timestamp", TS, "sViX-sIgNaTuRe", SIG), BODY),
                SIGNED_AT));
        // a refusal never echoes the secret
        for (Verification v : List.of(hooks.verify(svix(ID, TS, "v1,x", BODY), SIGNED_AT), hooks.verify(svix(ID, TS, SIG, "x"), SIGNED_AT))) {
            assertThat(refused(v)).doesNotContain("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");
        }
        assertThat(hooks.toString()).doesNotContain("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");
        System.out.println("resend tampered signature/body/id/timestamp refused, empty secret refused, mixed-case headers ok");
    }

    @Test
    void resendJavasOwnVerifierAgreesOnAFreshSignature() throws Exception {
        // resend-java's Webhooks.verify reads the system clock, so this signs for now
        String ts = Long.toString(Instant.now().getEpochSecond());
        String body = "{\"type\":\"email.delivered\",\"data\":{\"email_id\":\"e1\"}}";
        String sig = "v1," + hooks.sign("msg_fresh", ts, body.getBytes(StandardCharsets.UTF_8));
        Webhooks sdk = new Webhooks("re_test");
        sdk.verify(VerifyWebhookOptions.builder().payload(body).secret(SECRET)
                .addHeaders(Map.of("svix-id", "msg_fresh", "svix-timestamp", ts, "svix-signature", sig)).build());
        verified(hooks.verify(svix("msg_fresh", ts, sig, body), Instant.now()));
        Throwable sdkRefusal = catchThrowable(() -> sdk.verify(VerifyWebhookOptions.builder().payload(body + " ").secret(SECRET)
                .addHeaders(Map.of("svix-id", "msg_fresh", "svix-timestamp", ts, "svix-signature", sig)).build()));
        assertThat(sdkRefusal).as("resend-java refuses a changed body too").isNotNull();
        refused(hooks.verify(svix("msg_fresh", ts, sig, body + " "), Instant.now()));
        System.out.println("resend resend-java Webhooks.verify agrees: fresh signature ok, changed body refused by both");
    }

    @Test
    void theProviderHandsOutAHandlerOnlyWithASecret() {
        WebhookHandler h = new ResendProvider().webhooks(ProviderContexts.of("resend", Map.of("comms.resend.api-key", "re_x",
                "comms.resend.webhook-secret", SECRET), CLOCK)).orElseThrow();
        verified(h.verify(svix(ID, TS, SIG, BODY), SIGNED_AT));
        assertThat(new ResendProvider().webhooks(ProviderContexts.of("resend", Map.of("comms.resend.api-key", "re_x")))).isEmpty();
        assertThatThrownBy(() -> new ResendProvider().webhooks(ProviderContexts.of("resend", Map.of("comms.resend.webhook-secret",
                "whsec_not*base64!")))).isInstanceOfSatisfying(CommsConfigurationException.class, e -> {
                    assertThat(e.getMessage()).contains("comms.resend.webhook-secret").doesNotContain("not*base64");
                });
        assertThat(new ResendProvider().configKeys()).filteredOn(k -> k.name().equals("comms.resend.webhook-secret")).singleElement()
                .satisfies(k -> assertThat(k.isSecret()).isTrue());
        System.out.println("resend webhooks(): with secret present, without empty, bad secret a configuration error");
    }

    @Test
    void tenThousandSingleByteMutationsAreAllRefused() {
        Random r = new Random(12);
        byte[][] originals = {BODY.getBytes(StandardCharsets.UTF_8), ID.getBytes(StandardCharsets.UTF_8), TS.getBytes(StandardCharsets.UTF_8),
                SIG.getBytes(StandardCharsets.UTF_8)};
        int accepted = 0;
        int[] per = new int[4];
        for (int n = 0; n < 10_000; n++) {
            int which = r.nextInt(4);
            byte[][] parts = {originals[0].clone(), originals[1].clone(), originals[2].clone(), originals[3].clone()};
            byte[] target = parts[which];
            int i = r.nextInt(target.length);
            byte old = target[i];
            do {
                target[i] = (byte) r.nextInt(256);
            } while (target[i] == old);
            per[which]++;
            Map<String, List<String>> headers = Map.of("svix-id", List.of(latin1(parts[1])), "svix-timestamp", List.of(latin1(parts[2])),
                    "svix-signature", List.of(latin1(parts[3])));
            if (hooks.verify(new WebhookRequest("POST", "https://h", headers, parts[0]), SIGNED_AT) instanceof Verification.Verified) {
                accepted++;
            }
        }
        System.out.println("scheme=resend-svix mutations=10000 accepted=" + accepted + " (body=" + per[0] + " id=" + per[1] + " timestamp="
                + per[2] + " signature=" + per[3] + ")");
        assertThat(accepted).isZero();
    }

    static String latin1(byte[] b) {
        return new String(b, StandardCharsets.ISO_8859_1);
    }

    // ---------------------------------------------------------------- parsing

    static String event(String type, String data) {
        return "{\"type\":\"" + type + "\",\"created_at\":\"2026-11-22T23:41:12.126Z\",\"data\":{\"created_at\":\"2026-11-22T23:41:11.894719+00:00\","
                + "\"email_id\":\"56761188-7520-42d8-8898-ff6fc54ce618\",\"from\":\"Acme <onboarding@resend.dev>\",\"to\":[\"ada@example.com\"],"
                + "\"subject\":\"Hello\",\"tags\":{\"campaign\":\"welcome\",\"comms_message_id\":\"msg_01JDZ8Q4KXW7T5R1M0N2P3S4V6\","
                + "\"comms_hold\":\"42\"}" + data + "}}";
    }

    DeliveryEvent parse(String body) {
        WebhookHandler.Payload p = hooks.parse(svix("msg_2KWPBgLlAfxdpx2AI54pPJ85f4W", TS, SIG, body));
        assertThat(p.inbound()).isEmpty();
        assertThat(p.events()).hasSize(1);
        return p.events().get(0);
    }

    @Test
    void everyResendEmailEventMapsAndOthersAreKeptAsUnknown() {
        Map<String, EventStatus> table = new LinkedHashMap<>();
        table.put("email.sent", EventStatus.UNKNOWN);
        table.put("email.delivered", EventStatus.EMAIL_DELIVERED);
        table.put("email.delivery_delayed", EventStatus.EMAIL_DEFERRED);
        table.put("email.bounced", EventStatus.EMAIL_BOUNCED);
        table.put("email.complained", EventStatus.EMAIL_COMPLAINED);
        table.put("email.opened", EventStatus.EMAIL_OPENED);
        table.put("email.clicked", EventStatus.EMAIL_CLICKED);
        table.put("email.failed", EventStatus.UNKNOWN);
        table.put("email.scheduled", EventStatus.UNKNOWN);
        table.forEach((type, expected) -> {
            String body = event(type, "");
            DeliveryEvent e = parse(body);
            assertThat(e.status()).as(type).isEqualTo(expected);
            assertThat(e.providerEventId()).isEqualTo("msg_2KWPBgLlAfxdpx2AI54pPJ85f4W");
            assertThat(e.provider()).isEqualTo("resend");
            assertThat(e.channel()).isEqualTo(Channel.EMAIL);
            assertThat(e.providerMessageId()).isEqualTo("56761188-7520-42d8-8898-ff6fc54ce618");
            assertThat(e.messageId()).isEqualTo("msg_01JDZ8Q4KXW7T5R1M0N2P3S4V6");
            assertThat(e.holdId()).isEqualTo("42");
            assertThat(e.timestamp()).isEqualTo(Instant.parse("2026-11-22T23:41:12.126Z"));
            assertThat(e.raw()).isEqualTo(body);
        });
        DeliveryEvent contact = parse("{\"type\":\"contact.created\",\"created_at\":\"2026-11-22T23:41:12Z\",\"data\":{\"id\":\"c1\"}}");
        assertThat(contact.status()).isEqualTo(EventStatus.UNKNOWN);
        assertThat(contact.channel()).isNull();
        assertThat(contact.raw()).contains("contact.created");
        System.out.println("resend events mapped=" + table.size() + " unknown kept=" + (table.values().stream()
                .filter(s -> s == EventStatus.UNKNOWN).count() + 1));
    }

    @Test
    void bounceDetailsTagListsAndMissingPieces() {
        DeliveryEvent bounced = parse(event("email.bounced", ",\"bounce\":{\"message\":\"The recipient's email address is on the "
                + "suppression list\",\"subType\":\"Suppressed\",\"type\":\"Permanent\"}"));
        assertThat(bounced.errorCode()).isEqualTo("Permanent/Suppressed");
        assertThat(bounced.errorReason()).startsWith("The recipient's email address");
        // tags as a list of {name, value}
        DeliveryEvent listed = parse("{\"type\":\"email.delivered\",\"data\":{\"email_id\":\"e2\",\"tags\":[{\"name\":\"comms_message_id\","
                + "\"value\":\"msg_2\"},{\"name\":\"comms_hold\",\"value\":\"7\"}]}}");
        assertThat(listed.messageId()).isEqualTo("msg_2");
        assertThat(listed.holdId()).isEqualTo("7");
        assertThat(listed.timestamp()).as("no created_at: when it arrived").isEqualTo(CLOCK.instant());
        // a batch email (no correlation tags): ids empty, matched by email id
        DeliveryEvent untagged = parse("{\"type\":\"email.delivered\",\"created_at\":\"bad\",\"data\":{\"email_id\":\"e3\"}}");
        assertThat(untagged.messageId()).isEmpty();
        assertThat(untagged.holdId()).isEmpty();
        assertThat(untagged.providerMessageId()).isEqualTo("e3");
        // the event id without a svix-id: derived from the body, stable across redeliveries
        DeliveryEvent a = hooks.parse(WebhookRequest.post("https://h", Map.of(), "{\"type\":\"email.opened\",\"data\":{}}")).events().get(0);
        DeliveryEvent b = hooks.parse(WebhookRequest.post("https://h", Map.of(), "{\"type\":\"email.opened\",\"data\":{}}")).events().get(0);
        assertThat(a.providerEventId()).startsWith("sha256:").isEqualTo(b.providerEventId());
        assertThat(hooks.parse(WebhookRequest.post("https://h", Map.of("webhook-id", "msg_w"), "{\"type\":\"email.opened\"}")).events()
                .get(0).providerEventId()).isEqualTo("msg_w");
        assertThatThrownBy(() -> hooks.parse(svix(ID, TS, SIG, "[1]"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> hooks.parse(svix(ID, TS, SIG, "nope"))).isInstanceOf(IllegalArgumentException.class);
        System.out.println("resend bounce type/subType/message read, tag lists read, untagged events keep empty ids");
    }
}
