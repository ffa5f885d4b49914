package dev.comms;

import static org.assertj.core.api.Assertions.assertThat;

import dev.comms.spi.ReceiptCodec;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Receipts and failures kept by an idempotency store outside the JVM come back equal, without message bodies. */
class ReceiptCodecTest {
    private static final Instant T = Instant.parse("2026-12-01T10:00:00Z");
    private static final Billing B = Billing.charged(Money.parse("0.15"), Money.parse("£9.97"), "42");

    @Test
    void everyReceiptTypeRoundTrips() {
        SmsReceipt sms = new SmsReceipt("msg_1", "acme", Mode.LIVE, "twilio", "SM1", DeliveryStatus.QUEUED, 2, B, T, "+447123456789",
                SmsSegments.of("Your code is 9876"));
        SmsReceipt back = (SmsReceipt) ReceiptCodec.decode(ReceiptCodec.encode(sms));
        assertThat(back.segments().body()).isEmpty(); // the store never keeps what was sent
        assertThat(back).usingRecursiveComparison().ignoringFields("segments.body").isEqualTo(sms);
        assertThat(ReceiptCodec.encode(sms)).doesNotContain("9876");

        EmailReceipt email = new EmailReceipt("msg_2", "acme", Mode.TEST, "resend", "re_1", DeliveryStatus.QUEUED, 1, Billing.NOT_METERED, T, 3);
        assertThat(ReceiptCodec.decode(ReceiptCodec.encode(email))).isEqualTo(email);
        CallReceipt call = new CallReceipt("msg_3", "acme", Mode.LIVE, "twilio", "CA1", DeliveryStatus.QUEUED, 1,
                Billing.held(Money.ofPence(70), Money.ofPence(30), "7"), T, "+447123456789", CallStatus.QUEUED, 10);
        assertThat(ReceiptCodec.decode(ReceiptCodec.encode(call))).isEqualTo(call);
        Receipt chat = ReceiptCodec.decode(ReceiptCodec.encode(new ChatReceipt("msg_4", "acme", Mode.LIVE, "openai", "chatcmpl-1",
                DeliveryStatus.DELIVERED, 1, B, T, "Hello", "gpt-4o-mini", new TokenUsage(3, 1, 4), "stop")));
        assertThat(chat).isInstanceOf(ChatReceipt.class);
        assertThat(((ChatReceipt) chat).usage().totalTokens()).isEqualTo(4);
    }

    @Test
    void failuresKeepTheirCodeClassAndRetryAfter() {
        ProviderException pe = ProviderException.of(FailureClass.AMBIGUOUS, "twilio", "read timed out").channel(Channel.SMS)
                .httpStatus(503).providerCode("20500").retryAfter(Duration.ofSeconds(7)).build();
        CommsException back = ReceiptCodec.decodeError(ReceiptCodec.encodeError(pe));
        assertThat(back).isInstanceOfSatisfying(ProviderException.class, p -> {
            assertThat(p.code()).isEqualTo(ErrorCode.DELIVERY_UNKNOWN);
            assertThat(p.failureClass()).isEqualTo(FailureClass.AMBIGUOUS);
            assertThat(p.httpStatus()).isEqualTo(503);
            assertThat(p.providerCode()).contains("20500");
            assertThat(p.retryAfter()).contains(Duration.ofSeconds(7));
            assertThat(p.channel()).contains(Channel.SMS);
            assertThat(p).hasMessage("read timed out");
        });
        CommsException internal = ReceiptCodec.decodeError(ReceiptCodec.encodeError(new CommsException(ErrorCode.INTERNAL_ERROR, "bug")));
        assertThat(internal.code()).isEqualTo(ErrorCode.INTERNAL_ERROR);
        assertThat(List.of(internal.channel(), internal.provider())).allMatch(java.util.Optional::isEmpty);
    }
}
