package dev.comms.billing;

import dev.comms.Billing;
import dev.comms.ErrorCode;
import dev.comms.IdempotencyException;
import dev.comms.Mode;
import dev.comms.Money;
import dev.comms.spi.CreditMeter;
import dev.comms.spi.MeterRequest;
import dev.comms.spi.Usage;
import java.time.Clock;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The credit meter of the send pipeline, on a {@link Ledger}: before the provider call it prices the
 * estimate (SMS segments x price x country multiplier; voice the hold minutes; email per recipient; AI
 * per request plus the token limit) and reserves it, so an account without enough credits gets
 * {@code INSUFFICIENT_CREDITS} and the provider is never called; after the call it commits the actual
 * usage, or releases the hold if nothing was sent. Test sends use the test balance, never the live one.
 *
 * <pre>{@code
 * Ledger ledger = new InMemoryLedger();
 * Comms comms = Comms.builder().creditMeter(new LedgerCreditMeter(ledger)).build();
 * }</pre>
 */
public final class LedgerCreditMeter implements CreditMeter {
    private static final Logger LOG = LoggerFactory.getLogger(LedgerCreditMeter.class);

    private final Ledger ledger;
    private final PriceSchedule prices;
    private final Clock clock;
    private final LowBalanceMonitor monitor;

    /** @param ledger the ledger, with the default prices */
    public LedgerCreditMeter(Ledger ledger) {
        this(ledger, PriceSchedule.of(PriceBook.DEFAULT), Clock.systemUTC(), null);
    }

    /**
     * @param ledger the ledger
     * @param prices the prices
     * @param clock the clock that picks the price book in force
     * @param monitor the low-balance monitor, or {@code null}
     */
    public LedgerCreditMeter(Ledger ledger, PriceSchedule prices, Clock clock, LowBalanceMonitor monitor) {
        this.ledger = Objects.requireNonNull(ledger, "ledger");
        this.prices = Objects.requireNonNull(prices, "prices");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.monitor = monitor;
    }

    @Override
    public CreditMeter.Hold reserve(MeterRequest r) {
        PriceBook book = prices.at(clock.instant());
        Money estimate = book.cost(r.estimate(), r.region());
        dev.comms.billing.Hold h = ledger.reserve(new HoldRequest(r.account(), r.mode(), r.key(), r.fingerprint(), r.channel(),
                estimate, r.lease(), region(r.region())));
        if (h.replayed()) {
            // Another send already holds this key: in this JVM the idempotency store answers first, so
            // this is a second JVM (or a key reused after the store forgot it). One key, one send.
            throw new IdempotencyException(h.state() == HoldState.PENDING ? ErrorCode.IDEMPOTENCY_IN_PROGRESS
                    : ErrorCode.IDEMPOTENCY_CONFLICT, "Idempotency key '" + r.key() + "' already "
                    + (h.state() == HoldState.PENDING ? "has a send in progress" : "paid for a send")
                    + ": a key sends at most once; use a new key for a new message", r.channel());
        }
        if (monitor != null) {
            monitor.observe(r.account(), r.mode(), ledger.balance(r.account(), r.mode()).available());
        }
        return new LedgerHold(h, book, r.region());
    }

    @Override
    public Billing settle(String account, Mode mode, String key, Usage actual) {
        dev.comms.billing.Hold h = ledger.holdByKey(account, mode, key)
                .orElseThrow(() -> new IllegalStateException("no hold for key " + key + " of account " + account));
        return new LedgerHold(h, prices.at(clock.instant()), h.region()).commit(actual);
    }

    private static String region(String region) {
        if (region == null || region.length() != 2) {
            return "ZZ";
        }
        String r = region.toUpperCase(java.util.Locale.ROOT);
        return r.charAt(0) >= 'A' && r.charAt(0) <= 'Z' && r.charAt(1) >= 'A' && r.charAt(1) <= 'Z' ? r : "ZZ";
    }

    /** A hold in the ledger, priced by the book in force when it was reserved. */
    private final class LedgerHold implements CreditMeter.Hold {
        private final dev.comms.billing.Hold hold;
        private final PriceBook book;
        private final String region;

        LedgerHold(dev.comms.billing.Hold hold, PriceBook book, String region) {
            this.hold = hold;
            this.book = book;
            this.region = region;
        }

        @Override
        public Money amount() {
            return hold.amount();
        }

        @Override
        public Billing commit(Usage actual) {
            Settlement s = ledger.commit(hold.id(), book.cost(actual, region));
            if (!s.unbilled().isZero()) {
                LOG.warn("Comms sent a message for account {} but could not charge {} of it (hold {} expired or was exceeded "
                        + "and the balance did not cover it): recorded as UNBILLED", hold.account(), s.unbilled().format(), hold.id());
            }
            if (monitor != null) {
                monitor.observe(hold.account(), hold.mode(), s.available());
            }
            return Billing.of(s.charged(), s.available());
        }

        @Override
        public void release() {
            ledger.release(hold.id());
        }

        @Override
        public Billing pending() {
            return Billing.of(hold.amount(), ledger.balance(hold.account(), hold.mode()).available());
        }
    }

    @Override
    public String toString() {
        return "LedgerCreditMeter[" + ledger + "]";
    }
}
