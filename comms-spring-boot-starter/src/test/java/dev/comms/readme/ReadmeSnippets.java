package dev.comms.readme;

import dev.comms.BulkResult;
import dev.comms.CallReceipt;
import dev.comms.ChatReceipt;
import dev.comms.ChatRequest;
import dev.comms.Comms;
import dev.comms.Email;
import dev.comms.EmailReceipt;
import dev.comms.SendOptions;
import dev.comms.SmsBulkResult;
import dev.comms.policy.AllowList;
import dev.comms.policy.SuppressionList;
import dev.comms.quiethours.QuietHours;
import dev.comms.Mode;
import dev.comms.Money;
import dev.comms.Sms;
import dev.comms.SmsReceipt;
import dev.comms.Voice;
import dev.comms.VoiceCall;
import dev.comms.billing.Credits;
import dev.comms.billing.Ledger;
import dev.comms.billing.LedgerCreditMeter;
import dev.comms.billing.LowBalanceMonitor;
import dev.comms.billing.PriceBook;
import dev.comms.billing.PriceSchedule;
import dev.comms.micrometer.CommsHealthMetrics;
import dev.comms.micrometer.CommsMetrics;
import dev.comms.store.jdbc.JdbcEventStore;
import dev.comms.store.jdbc.JdbcLedger;
import dev.comms.event.EventForwarder;
import dev.comms.event.EventSigner;
import dev.comms.event.WebhookOutcome;
import dev.comms.event.WebhookRequest;
import java.net.URI;
import java.util.Map;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * The README's Java snippets, as it quotes them: each region between {@code tag::NAME[]} and
 * {@code end::NAME[]} is a README block, word for word ({@link ReadmeSnippetsTest} checks both ways and
 * runs these methods). Edit a snippet here, then paste it into README.
 */
final class ReadmeSnippets {
    private ReadmeSnippets() {
    }

    /** What the usage snippet produced, for the test. */
    record Usage(SmsReceipt sms, CallReceipt call, ChatReceipt answer) {
    }

    static Usage usage() {
        Usage result;
        // tag::usage[]
        try (Comms comms = Comms.builder().build()) {
            // SMS: validated (E.164 via libphonenumber, mobile-capable), segments counted exactly
            SmsReceipt sms = comms.sms().send(Sms.to("+447123456789").body("Your code is 123456").build());
            sms.segments().segmentCount();          // 1
            sms.billing().cost();                    // 0p: nothing is metered until a credit meter is installed

            // Email: text and/or html, cc/bcc/reply-to, tags, custom headers (header injection refused)
            comms.email().send(Email.to("ada@example.com")
                    .from("hello@example.org", "Acme")
                    .subject("Your receipt")
                    .text("Thanks for your order.")
                    .html("<p>Thanks for your order.</p>")
                    .build());

            // Voice: a spoken script (Polly voices) with an optional keypad menu, or a TwiML URL
            CallReceipt call = comms.voice().send(VoiceCall.to("4252337837", "US")
                    .from("+14155550100")
                    .say("Your appointment is tomorrow at ten. Press 1 to confirm.")
                    .voice(Voice.BRIAN)
                    .menu("1", "Thank you, see you tomorrow.")
                    .menuCallback("https://example.org/calls/menu")
                    .build());

            // AI chat completion (a language model, not a chat app)
            ChatReceipt answer = comms.ai().send(ChatRequest.builder()
                    .system("Answer in one sentence.")
                    .user("What is an SMS segment?")
                    .maxTokens(100)
                    .build());
            answer.text();
            // end::usage[]
            result = new Usage(sms, call, answer);
            // tag::usage[]
        }
        // end::usage[]
        return result;
    }

    /** What the credits snippet produced, for the test. */
    record Metered(SmsReceipt receipt, List<String> alerts, Credits credits) {
    }

    static Metered credits(DataSource dataSource, Sms sms) {
        List<String> alerts = new ArrayList<>();
        // tag::credits[]
        Ledger ledger = JdbcLedger.create(dataSource);          // or new InMemoryLedger()
        Credits credits = new Credits(ledger);
        credits.topUp("acme", Mode.LIVE, Money.parse("£20"), "stripe-pi_123");   // once per key, £5-£1,000
        credits.grant("acme", Mode.TEST, Money.parse("£5"), "welcome");           // test credits
        credits.fundSubAccount("acme", "acme-eu", Mode.LIVE, Money.parse("£5"), "alloc-1");   // acme keeps £15
        LowBalanceMonitor low = credits.onLowBalance(Money.parse("£1"), (account, mode, available, t) -> alerts.add(account));

        Comms comms = Comms.builder()
                .creditMeter(LedgerCreditMeter.builder(ledger)
                        .prices(PriceSchedule.of(PriceBook.DEFAULT))    // or PriceBook.fromProperties(...): comms.price.*
                        .monitor(low)
                        .build())
                .build();
        SmsReceipt r = comms.forAccount("acme").sms().send(sms);
        r.billing().cost();      // 3p
        r.billing().balance();   // £14.97
        // end::credits[]
        comms.close();
        return new Metered(r, alerts, credits);
    }

    static MeterRegistry metrics(ObservationRegistry observationRegistry) {
        // tag::metrics[]
        MeterRegistry registry = new SimpleMeterRegistry();                  // or the application's registry
        Comms comms = Comms.builder()
                .listener(CommsMetrics.builder(registry).observations(observationRegistry).build())
                .build();
        new CommsHealthMetrics(comms).bindTo(registry);                      // circuit and channel gauges
        // end::metrics[]
        comms.sms().send(Sms.to("+447123456789").from("Acme").body("counted").build());
        comms.close();
        return registry;
    }

    static Comms policies() {
        // tag::policies[]
        SuppressionList optedOut = new SuppressionList();      // RECIPIENT_SUPPRESSED
        Comms comms = Comms.builder()
                .policy(optedOut)
                .policy(AllowList.forTestMode("+447123000001", "*@example.com"))               // RECIPIENT_NOT_ALLOWED in test mode
                .policy(QuietHours.between(LocalTime.of(21, 0), LocalTime.of(8, 0)))          // QUIET_HOURS (comms-quiet-hours)
                .build();
        optedOut.suppress("acme", "+447123456789");            // after a STOP reply
        // end::policies[]
        return comms;
    }

    static SmsBulkResult bulk(Comms comms, List<String> numbers) {
        // tag::bulk-sms[]
        SmsBulkResult r = comms.sms().sendToMany(numbers, Sms.to("+447123456789").body("Doors open at 7").build(),
                SendOptions.idempotencyKey("event-42"));
        r.sent();            // 600
        r.failedNumbers();   // {"+15550000007": INVALID_PHONE ..., "+447123400700": INSUFFICIENT_CREDITS ...}
        // end::bulk-sms[]
        return r;
    }

    static BulkResult<EmailReceipt> emailBatch(Comms comms, List<Email> invoices) {
        // tag::email-batch[]
        BulkResult<EmailReceipt> r = comms.email().sendBatch(invoices, SendOptions.idempotencyKey("invoices-2026-12"));
        // end::email-batch[]
        return r;
    }

    /** What the events snippet left, for the test. */
    record Evented(Comms comms, CallReceipt call, EventForwarder forwarder) {
    }

    static Evented events(Ledger ledger, DataSource dataSource, URI crmHooks, String secret) {
        // tag::events[]
        EventForwarder forward = EventForwarder.to(crmHooks, new EventSigner(secret)).build();   // your own receiver, signed
        Comms comms = Comms.builder()
                .creditMeter(LedgerCreditMeter.builder(ledger).build())
                .eventStore(JdbcEventStore.create(dataSource))     // processed once across JVMs; in memory by default
                .listener(forward)
                .build();
        CallReceipt call = comms.forAccount("acme").voice().send(VoiceCall.to("+447123456789").say("Your table is ready").build());
        call.billing().cost();   // 70p held: comms.voice.hold-minutes x 7p
        // end::events[]
        return new Evented(comms, call, forward);
    }

    static WebhookOutcome webhook(Comms comms, String provider, String url, Map<String, List<String>> headers, byte[] body) {
        // tag::events[]

        // your framework's endpoint for POST /comms/webhooks/{provider}: the full URL as received, the headers, the raw body
        WebhookOutcome outcome = comms.events().handle(provider, new WebhookRequest("POST", url, headers, body));
        outcome.status();   // 200: processed (a call of 61 s charges 2 started minutes, 14p; the other 56p return) or a duplicate
                            // 401 with outcome.reason(): the signature, or its timestamp, failed
        // end::events[]
        return outcome;
    }
}
