package dev.comms.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.comms.CallReceipt;
import dev.comms.Channel;
import dev.comms.Receipt;
import dev.comms.SmsReceipt;
import dev.comms.event.DeliveryEvent;
import dev.comms.event.EventSigner;
import dev.comms.event.EventStatus;
import dev.comms.event.StandardWebhooks;
import dev.comms.event.WebhookRequest;
import dev.comms.spi.WebhookHandler;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Correctly signed synthetic webhooks for the fakes' sends, so an application's webhook endpoint can
 * be tested end to end: as values ({@link WebhookRequest}) to hand to {@code comms.events().handle("fake",
 * ...)}, or POSTed to a URL the test gives ({@link #post}). Signed the Standard Webhooks way with
 * {@link #SECRET} (or {@code comms.fake.webhook-secret}); the payload is the hosted API's event shape.
 *
 * <pre>{@code
 * CallReceipt call = comms.voice().send(VoiceCall.to("+447123456789").say("Hi").build());
 * comms.events().handle("fake", fake.webhooks().callCompleted(call, Duration.ofSeconds(61)));   // settles 14p of 70p
 * }</pre>
 *
 * <p>Thread-safe.
 */
public final class FakeWebhooks {
    /** The fakes' default webhook signing secret. */
    public static final String SECRET = "whsec_" + Base64.getEncoder().encodeToString("comms-fake-webhook-signing-key!!".getBytes(StandardCharsets.US_ASCII));
    /** The URL synthetic webhooks claim to have been sent to. */
    public static final String URL = "https://app.example.com/comms/webhooks/fake";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final AtomicLong SEQUENCE = new AtomicLong();

    private final Clock clock;
    private final EventSigner signer;

    FakeWebhooks(Clock clock, String secret) {
        this.clock = clock;
        this.signer = new EventSigner(secret);
    }

    /**
     * Synthetic webhooks signed with {@link #SECRET}, for receipts of a fake you cannot reach (one the
     * facade discovered on the class path, as in a Spring Boot test).
     *
     * @param clock the clock to sign with (the facade's)
     * @return the webhooks
     */
    public static FakeWebhooks withDefaultSecret(Clock clock) {
        return new FakeWebhooks(clock, SECRET);
    }

    /**
     * @param receipt an SMS or email the fake accepted
     * @return its signed {@code sms.delivered} / {@code email.delivered} webhook
     */
    public WebhookRequest delivered(Receipt receipt) {
        return event(receipt, receipt.channel() == Channel.EMAIL ? EventStatus.EMAIL_DELIVERED : EventStatus.SMS_DELIVERED, null, "");
    }

    /**
     * @param receipt an SMS the fake accepted
     * @return its signed {@code sms.failed} webhook (failed before it was sent)
     */
    public WebhookRequest failed(Receipt receipt) {
        return event(receipt, receipt.channel() == Channel.EMAIL ? EventStatus.EMAIL_BOUNCED : EventStatus.SMS_FAILED, null, "");
    }

    /**
     * @param call a placed call
     * @param duration how long it lasted
     * @return its signed {@code call.completed} webhook
     */
    public WebhookRequest callCompleted(CallReceipt call, Duration duration) {
        return event(call, EventStatus.CALL_COMPLETED, duration, "");
    }

    /**
     * @param call a placed call
     * @return its signed {@code call.no_answer} webhook
     */
    public WebhookRequest noAnswer(CallReceipt call) {
        return event(call, EventStatus.CALL_NO_ANSWER, null, "");
    }

    /**
     * The webhook the recipient's magic number calls for: {@link MagicRecipients#UNDELIVERABLE} fails,
     * {@link MagicRecipients#NO_ANSWER} is not answered; every other SMS and email is delivered (use
     * {@link #failed} for a bounce) and every other call completes after
     * {@link MagicRecipients#CALL_DURATION}.
     *
     * @param receipt a receipt of the fakes
     * @return its signed webhook
     */
    public WebhookRequest forOutcome(Receipt receipt) {
        if (receipt instanceof CallReceipt c) {
            return MagicRecipients.NO_ANSWER.equals(c.to()) ? noAnswer(c) : callCompleted(c, MagicRecipients.CALL_DURATION);
        }
        if (receipt instanceof SmsReceipt s && MagicRecipients.UNDELIVERABLE.equals(s.to())) {
            return failed(s);
        }
        return delivered(receipt);
    }

    /**
     * Any event for a receipt.
     *
     * @param receipt the receipt
     * @param status what happened
     * @param duration a completed call's duration, or null
     * @param digits keys pressed, or empty
     * @return the signed webhook
     */
    public WebhookRequest event(Receipt receipt, EventStatus status, Duration duration, String digits) {
        Instant now = clock.instant();
        DeliveryEvent e = new DeliveryEvent(FakeProvider.ID, receipt.providerMessageId() + ":" + status.wireName() + ":" + SEQUENCE.incrementAndGet(),
                receipt.channel(), receipt.id(), receipt.billing().holdId(), receipt.providerMessageId(), status, now, duration, digits, "", "",
                "");
        return sign(e, now);
    }

    /**
     * @param e an event
     * @param now the signing time
     * @return the event as a signed webhook
     */
    WebhookRequest sign(DeliveryEvent e, Instant now) {
        EventSigner.Signed s = signer.sign("wh_" + e.providerEventId(), payload(e), now);
        return WebhookRequest.post(URL, s.headers(), new String(s.body(), StandardCharsets.UTF_8));
    }

    private static byte[] payload(DeliveryEvent e) {
        String base = new String(EventSigner.payload(e), StandardCharsets.UTF_8);
        // the fakes' payload also carries the hold id, as the real providers' callbacks do
        return (base.substring(0, base.length() - 2) + ",\"hold_id\":\"" + e.holdId() + "\"}}").getBytes(StandardCharsets.UTF_8);
    }

    /**
     * POSTs a webhook to the application's endpoint over real HTTP, with its headers and exact body.
     *
     * @param url the endpoint
     * @param webhook the webhook
     * @return the endpoint's answer
     * @throws IOException if it cannot be reached
     * @throws InterruptedException if interrupted
     */
    public HttpResponse<String> post(URI url, WebhookRequest webhook) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(10))
                .POST(HttpRequest.BodyPublishers.ofByteArray(webhook.body()));
        webhook.headers().forEach((k, v) -> {
            if (!k.equalsIgnoreCase("content-length") && !v.isEmpty()) {
                b.header(k, v.get(0));
            }
        });
        try (AutoCloseableClient c = new AutoCloseableClient()) {
            return c.http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        }
    }

    private static final class AutoCloseableClient implements AutoCloseable {
        final HttpClient http = HttpClient.newHttpClient();

        @Override
        public void close() {
            // the JDK client closes itself when unreachable on Java 17
        }
    }

    /** The fakes' webhook handler: Standard Webhooks signatures, the hosted event payload. */
    static final class Handler implements WebhookHandler {
        private final byte[] key;

        Handler(String secret) {
            this.key = StandardWebhooks.key(secret);
        }

        @Override
        public Verification verify(WebhookRequest request, Instant now) {
            String reason = StandardWebhooks.check(key, request.header("webhook-id"), request.header("webhook-timestamp"),
                    request.header("webhook-signature"), request.body(), now);
            return reason == null ? new Verification.Verified() : new Verification.Refused(reason);
        }

        @Override
        public Payload parse(WebhookRequest request) {
            try {
                JsonNode root = JSON.readTree(request.body());
                JsonNode d = root.path("data");
                String type = root.path("event").asText();
                EventStatus status = EventStatus.UNKNOWN;
                for (EventStatus s : EventStatus.values()) {
                    if (s.wireName().equals(type)) {
                        status = s;
                    }
                }
                Channel ch = d.hasNonNull("channel") ? Channel.valueOf(d.get("channel").asText().toUpperCase(java.util.Locale.ROOT)) : null;
                DeliveryEvent e = new DeliveryEvent(FakeProvider.ID, request.header("webhook-id"), ch, d.path("message_id").asText(""),
                        d.path("hold_id").asText(""), d.path("provider_message_id").asText(""), status,
                        Instant.parse(root.path("timestamp").asText()), d.has("duration_seconds") ? Duration.ofSeconds(d.get("duration_seconds").asLong())
                        : null, d.path("digits").asText(""), d.path("error_code").asText(""), d.path("error_reason").asText(""), request.bodyText());
                List<DeliveryEvent> events = new ArrayList<>();
                events.add(e);
                return new Payload(events, List.of());
            } catch (IOException | RuntimeException e) {
                throw new IllegalArgumentException("not a fake webhook: " + e.getMessage(), e);
            }
        }
    }
}
