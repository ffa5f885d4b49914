package dev.comms.billing;

import dev.comms.Billing;
import dev.comms.BillingEvent;
import dev.comms.Channel;
import dev.comms.CommsException;
import dev.comms.ErrorCode;
import dev.comms.IdempotencyException;
import dev.comms.Mode;
import dev.comms.Money;
import dev.comms.spi.CreditMeter;
import dev.comms.spi.MeterRequest;
import dev.comms.spi.SentQuery;
import dev.comms.spi.UnknownOutcome;
import dev.comms.spi.Usage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
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
 *
 * <p>What it promises when things go wrong:
 * <ul>
 * <li>Ledger unreachable before the provider call: {@code SERVICE_UNAVAILABLE}, nothing sent, nothing
 * charged (a hold the store may have made anyway is abandoned when it is back).</li>
 * <li>Ledger unreachable after the provider accepted: the charge is kept, in a bounded memory queue
 * ({@code keptOperations}, 10,000 by default) and, with {@link Builder#journalDirectory}, first in an
 * append-only file that survives a crash; it is applied by {@link #maintain()} once the ledger is
 * back, and reported ({@link BillingEvent.Kind#SETTLEMENT_DEFERRED}, then {@code SETTLEMENT_APPLIED}).
 * When the queue is full and no file can take it, the charge is lost: that is logged at ERROR and
 * reported as {@code SETTLEMENT_LOST}, never silent.</li>
 * <li>A call longer than its hold: the hold is charged, then the excess from the available balance;
 * what the balance cannot cover is recorded as unbilled and reported ({@code UNBILLED}).</li>
 * <li>An outcome-unknown hold that nobody resolves by the end of its lease is committed and reported
 * ({@code UNKNOWN_OUTCOME_CHARGED}).</li>
 * <li>Resolved holds are purged after {@code retention} (24 hours by default), so memory and tables
 * stay bounded; the journal is kept.</li>
 * </ul>
 *
 * <p>Thread-safe.
 */
public final class LedgerCreditMeter implements CreditMeter {
    private static final Logger LOG = LoggerFactory.getLogger(LedgerCreditMeter.class);
    private static final int MAX_EXPIRY_ROUNDS = 100;

    private final Ledger ledger;
    private final PriceSchedule prices;
    private final Clock clock;
    private final LowBalanceMonitor monitor;
    private final Duration retention;
    private final Duration unknownWindow;
    private final SettlementQueue kept;
    private final List<Consumer<BillingEvent>> reporters = new CopyOnWriteArrayList<>();

    /** @param ledger the ledger, with the default prices */
    public LedgerCreditMeter(Ledger ledger) {
        this(builder(ledger));
    }

    /**
     * @param ledger the ledger
     * @param prices the prices
     * @param clock the clock that picks the price book in force
     * @param monitor the low-balance monitor, or {@code null}
     */
    public LedgerCreditMeter(Ledger ledger, PriceSchedule prices, Clock clock, LowBalanceMonitor monitor) {
        this(builder(ledger).prices(prices).clock(clock).monitor(monitor));
    }

    private LedgerCreditMeter(Builder b) {
        this.ledger = b.ledger;
        this.prices = b.prices;
        this.clock = b.clock;
        this.monitor = b.monitor;
        this.retention = b.retention;
        this.unknownWindow = b.unknownWindow;
        this.kept = new SettlementQueue(b.keptOperations, b.journalDirectory);
    }

    /**
     * @param ledger the ledger
     * @return a builder with the default prices, the system clock, 24 h retention, 10,000 kept
     *     operations in memory and no journal file
     */
    public static Builder builder(Ledger ledger) {
        return new Builder(ledger);
    }

    /** Builds a {@link LedgerCreditMeter}. */
    public static final class Builder {
        private final Ledger ledger;
        private PriceSchedule prices = PriceSchedule.of(PriceBook.DEFAULT);
        private Clock clock = Clock.systemUTC();
        private LowBalanceMonitor monitor;
        private Duration retention = Duration.ofHours(24);
        private Duration unknownWindow = Duration.ofHours(1);
        private int keptOperations = 10_000;
        private Path journalDirectory;

        private Builder(Ledger ledger) {
            this.ledger = Objects.requireNonNull(ledger, "ledger");
        }

        /**
         * @param prices the prices in force over time
         * @return this builder
         */
        public Builder prices(PriceSchedule prices) {
            this.prices = Objects.requireNonNull(prices, "prices");
            return this;
        }

        /**
         * @param clock picks the price book in force
         * @return this builder
         */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * @param monitor a low-balance monitor, or null
         * @return this builder
         */
        public Builder monitor(LowBalanceMonitor monitor) {
            this.monitor = monitor;
            return this;
        }

        /**
         * @param retention how long resolved holds are kept before {@link #maintain()} purges them
         * @return this builder
         */
        public Builder retention(Duration retention) {
            if (retention == null || retention.isNegative()) {
                throw new IllegalArgumentException("retention must be zero or positive");
            }
            this.retention = retention;
            return this;
        }

        /**
         * How long an outcome-unknown hold stays pending at least, so the reconciler can ask the
         * provider before the hold is committed at its lease end: Twilio lists a message within
         * minutes, SendGrid's activity feed within about 15. One hour by default.
         *
         * @param window zero or positive
         * @return this builder
         */
        public Builder unknownWindow(Duration window) {
            if (window == null || window.isNegative()) {
                throw new IllegalArgumentException("unknownWindow must be zero or positive");
            }
            this.unknownWindow = window;
            return this;
        }

        /**
         * @param max the most ledger operations kept in memory while the ledger is unreachable
         * @return this builder
         */
        public Builder keptOperations(int max) {
            if (max < 1) {
                throw new IllegalArgumentException("keptOperations must be at least 1");
            }
            this.keptOperations = max;
            return this;
        }

        /**
         * Keeps operations the ledger could not take in an append-only file in this directory first
         * (fsync'd), so a crash while the database is down loses no charge. One directory per process.
         *
         * @param directory the directory (created if missing)
         * @return this builder
         */
        public Builder journalDirectory(Path directory) {
            this.journalDirectory = Objects.requireNonNull(directory, "directory");
            return this;
        }

        /** @return the meter */
        public LedgerCreditMeter build() {
            return new LedgerCreditMeter(this);
        }
    }

    @Override
    public CreditMeter.Hold reserve(MeterRequest r) {
        PriceBook book = prices.at(clock.instant());
        Money estimate = book.cost(r.estimate(), r.region());
        dev.comms.billing.Hold h;
        try {
            h = ledger.reserve(new HoldRequest(r.account(), r.mode(), r.key(), r.fingerprint(), r.channel(), estimate, r.lease(),
                    region(r.region()), r.sendId(), r.deadline()));
        } catch (LedgerUnavailableException e) {
            // The store may have made the hold and lost the answer: abandon it once the store is back.
            kept.offer(SettlementQueue.Op.ABANDON_SEND, 0, 0, r.account(), r.mode(), r.key(), r.sendId(), "", r.channel());
            throw new CommsException(ErrorCode.SERVICE_UNAVAILABLE, "The credit ledger cannot be reached, so nothing was sent and "
                    + "nothing was charged: retry later.", r.channel(), null, e);
        }
        if (h.replayed()) {
            // Another send already holds this key: in this JVM the idempotency store answers first, so
            // this is a second JVM (or a key reused after the store forgot it). One key, one send.
            throw new IdempotencyException(h.state() == HoldState.PENDING ? ErrorCode.IDEMPOTENCY_IN_PROGRESS
                    : ErrorCode.IDEMPOTENCY_CONFLICT, "Idempotency key '" + r.key() + "' already "
                    + (h.state() == HoldState.PENDING ? "has a send in progress" : "paid for a send")
                    + ": a key sends at most once; use a new key for a new message", r.channel());
        }
        if (monitor != null) {
            try {
                monitor.observe(r.account(), r.mode(), ledger.balance(r.account(), r.mode()).available());
            } catch (RuntimeException e) {
                LOG.debug("Comms could not read the balance for the low-balance monitor: {}", e.toString());
            }
        }
        return new LedgerHold(h, book, h.region());
    }

    @Override
    public Billing settle(String holdId, String account, Mode mode, Usage actual) {
        dev.comms.billing.Hold h = holdOf(holdId).filter(x -> x.account().equals(account) && x.mode() == mode)
                .orElseThrow(() -> new IllegalArgumentException("no hold '" + holdId + "' belongs to account " + account + " ("
                        + mode.name().toLowerCase(java.util.Locale.ROOT) + "): settle a call with its own receipt"));
        return new LedgerHold(h, prices.at(clock.instant()), h.region()).commit(actual);
    }

    @Override
    public Optional<dev.comms.spi.HoldInfo> holdInfo(String holdId) {
        return holdOf(holdId).map(h -> new dev.comms.spi.HoldInfo(Long.toString(h.id()), h.account(), h.mode(), h.channel(), h.sendId(),
                h.state() == HoldState.PENDING, h.state() == HoldState.PENDING && h.reason() == PendingReason.OUTCOME_UNKNOWN));
    }

    @Override
    public List<UnknownOutcome> unknownOutcomes(int max) {
        List<UnknownOutcome> out = new ArrayList<>();
        for (dev.comms.billing.Hold h : ledger.unknownHolds(max)) {
            SentQuery q = decode(h.reference());
            if (q == null) {
                LOG.warn("Comms cannot read the lookup reference of hold {}; it is committed when its lease ends", h.id());
                continue;
            }
            out.add(new UnknownOutcome(Long.toString(h.id()), h.account(), h.mode(), q,
                    h.expiresAt() == null ? clock.instant() : h.expiresAt()));
        }
        return out;
    }

    @Override
    public boolean resolve(String holdId, boolean sent) {
        Optional<dev.comms.billing.Hold> found = holdOf(holdId);
        if (found.isEmpty() || found.get().state() != HoldState.PENDING) {
            return false;
        }
        dev.comms.billing.Hold h = found.get();
        if (sent) {
            Settlement s = ledger.commit(h.id(), h.amount());
            report(BillingEvent.Kind.RECONCILED_SENT, h, s.charged(), "the provider has the message: the hold was committed");
            unbilled(h, s);
        } else {
            if (!ledger.release(h.id())) {
                return false;
            }
            report(BillingEvent.Kind.RECONCILED_NOT_SENT, h, h.amount(), "the provider never took the message: the hold was released");
        }
        return true;
    }

    @Override
    public int maintain() {
        int n = 0;
        try {
            for (SettlementQueue.Item item : kept.drain(this::apply)) {
                n++;
                if (item.op() == SettlementQueue.Op.COMMIT) {
                    reportRaw(BillingEvent.Kind.SETTLEMENT_APPLIED, item.account(), item.mode(), item.channel(), Long.toString(item.holdId()),
                            "", Money.ofMicroPence(item.amount()), "a charge kept while the ledger was unreachable was applied");
                }
            }
            if (kept.size() > 0) {
                return n; // the ledger is still unreachable
            }
            for (int i = 0, x; i < MAX_EXPIRY_ROUNDS && (x = ledger.expireDue()) > 0; i++) {
                n += x;
            }
            for (Settled s : ledger.commitUnknownDue()) {
                n++;
                report(BillingEvent.Kind.UNKNOWN_OUTCOME_CHARGED, s.hold(), s.settlement().charged(), "nobody could say whether the "
                        + "message was sent by the end of its lease; it was probably sent, so the hold was committed");
                unbilled(s.hold(), s.settlement());
            }
            n += ledger.purgeResolved(retention);
        } catch (LedgerUnavailableException e) {
            LOG.debug("Comms meter maintenance stopped: the ledger is unreachable ({})", e.getMessage());
        }
        return n;
    }

    private boolean apply(SettlementQueue.Item item) {
        try {
            switch (item.op()) {
                case COMMIT -> {
                    Settlement s = ledger.commit(item.holdId(), Money.ofMicroPence(item.amount()));
                    if (!s.unbilled().isZero()) {
                        reportRaw(BillingEvent.Kind.UNBILLED, item.account(), item.mode(), item.channel(), Long.toString(item.holdId()), "",
                                s.unbilled(), "a charge applied late did not fit the balance");
                    }
                }
                case RELEASE -> ledger.release(item.holdId());
                case ABANDON -> ledger.abandon(item.holdId());
                case UNKNOWN -> ledger.markUnknown(item.holdId(), item.reference(), unknownWindow);
                case ABANDON_SEND -> ledger.abandonSend(item.account(), item.mode(), item.key(), item.sendId());
                default -> throw new IllegalStateException("unknown operation " + item.op());
            }
        } catch (IllegalStateException moot) {
            if (item.op() == SettlementQueue.Op.COMMIT) {
                reportRaw(BillingEvent.Kind.UNBILLED, item.account(), item.mode(), item.channel(), Long.toString(item.holdId()), "",
                        Money.ofMicroPence(item.amount()), "a kept charge could not be applied: " + moot.getMessage());
            } else {
                LOG.debug("Comms dropped a kept {} of hold {}: {}", item.op(), item.holdId(), moot.getMessage());
            }
        }
        return true;
    }

    @Override
    public void addReporter(Consumer<BillingEvent> reporter) {
        reporters.add(Objects.requireNonNull(reporter, "reporter"));
    }

    @Override
    public void removeReporter(Consumer<BillingEvent> reporter) {
        reporters.remove(reporter);
    }

    /** @return ledger operations kept while the ledger was unreachable, not yet applied */
    public int keptOperations() {
        return kept.size();
    }

    private Optional<dev.comms.billing.Hold> holdOf(String holdId) {
        long id;
        try {
            id = Long.parseLong(holdId);
        } catch (NumberFormatException | NullPointerException e) {
            return Optional.empty();
        }
        return ledger.hold(id);
    }

    private void unbilled(dev.comms.billing.Hold h, Settlement s) {
        if (!s.unbilled().isZero()) {
            report(BillingEvent.Kind.UNBILLED, h, s.unbilled(), "sent, but the balance did not cover all of it: recorded as unbilled");
        }
    }

    private void report(BillingEvent.Kind kind, dev.comms.billing.Hold h, Money amount, String detail) {
        reportRaw(kind, h.account(), h.mode(), h.channel(), Long.toString(h.id()), h.sendId(), amount, detail);
    }

    private void reportRaw(BillingEvent.Kind kind, String account, Mode mode, Channel channel, String holdId, String messageId, Money amount,
            String detail) {
        BillingEvent e = new BillingEvent(kind, account, mode, channel, holdId, messageId == null ? "" : messageId, amount, detail,
                clock.instant());
        if (reporters.isEmpty()) {
            LOG.warn("Comms billing {}: account {}, hold {}, {}: {}", kind, account, holdId, amount.format(), detail);
        }
        for (Consumer<BillingEvent> r : reporters) {
            try {
                r.accept(e);
            } catch (RuntimeException ex) {
                LOG.warn("Comms billing reporter threw: {}", ex.toString());
            }
        }
    }

    private static String region(String region) {
        if (region == null || region.length() != 2) {
            return "ZZ";
        }
        String r = region.toUpperCase(java.util.Locale.ROOT);
        return r.charAt(0) >= 'A' && r.charAt(0) <= 'Z' && r.charAt(1) >= 'A' && r.charAt(1) <= 'Z' ? r : "ZZ";
    }

    /** The lookup reference kept with an outcome-unknown hold: the query's fields, Base64url, dot-separated. */
    static String encode(SentQuery q) {
        return String.join(".", b64(q.providerId()), b64(q.channel().name()), b64(q.messageId()), b64(q.idempotencyKey()),
                b64(q.recipient()), b64(q.contentSha256()), Long.toString(q.firstAttempt().toEpochMilli()),
                Long.toString(q.lastAttempt().toEpochMilli()));
    }

    static SentQuery decode(String ref) {
        if (ref == null || ref.isEmpty()) {
            return null;
        }
        try {
            String[] f = ref.split("\\.", -1);
            return new SentQuery(unb64(f[0]), Channel.valueOf(unb64(f[1])), unb64(f[2]), unb64(f[3]), unb64(f[4]), unb64(f[5]),
                    Instant.ofEpochMilli(Long.parseLong(f[6])), Instant.ofEpochMilli(Long.parseLong(f[7])));
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static String b64(String s) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    private static String unb64(String s) {
        return new String(Base64.getUrlDecoder().decode(s), StandardCharsets.UTF_8);
    }

    /** A hold in the ledger, priced by the book in force when it was reserved. */
    private final class LedgerHold implements CreditMeter.Hold {
        private final dev.comms.billing.Hold hold;
        private final PriceBook book;
        private final String region;
        private final String id;

        LedgerHold(dev.comms.billing.Hold hold, PriceBook book, String region) {
            this.hold = hold;
            this.book = book;
            this.region = region;
            this.id = Long.toString(hold.id());
        }

        @Override
        public String id() {
            return id;
        }

        @Override
        public Money amount() {
            return hold.amount();
        }

        @Override
        public Billing commit(Usage actual) {
            Money cost = book.cost(actual, region);
            Settlement s;
            try {
                s = ledger.commit(hold.id(), cost);
            } catch (LedgerUnavailableException e) {
                keep(SettlementQueue.Op.COMMIT, cost.microPence(), "", cost, "the ledger was unreachable after the provider accepted");
                return Billing.deferred(cost, id);
            }
            unbilled(hold, s);
            if (monitor != null) {
                monitor.observe(hold.account(), hold.mode(), s.available());
            }
            return Billing.charged(s.charged(), s.available(), id);
        }

        @Override
        public void release() {
            try {
                ledger.release(hold.id());
            } catch (LedgerUnavailableException e) {
                keep(SettlementQueue.Op.RELEASE, 0, "", null, null);
            }
        }

        @Override
        public void abandon() {
            try {
                ledger.abandon(hold.id());
            } catch (LedgerUnavailableException e) {
                keep(SettlementQueue.Op.ABANDON, 0, "", null, null);
            }
        }

        @Override
        public Billing pending() {
            Money available;
            try {
                available = ledger.balance(hold.account(), hold.mode()).available();
            } catch (RuntimeException e) {
                available = Money.ZERO;
            }
            return Billing.held(hold.amount(), available, id);
        }

        @Override
        public void unknown(SentQuery query) {
            String ref = encode(query);
            try {
                ledger.markUnknown(hold.id(), ref, unknownWindow);
            } catch (LedgerUnavailableException e) {
                keep(SettlementQueue.Op.UNKNOWN, 0, ref, hold.amount(), "the ledger was unreachable when the outcome became unknown");
            }
        }

        /** Keeps an operation for later; reports money kept or lost (never silent). */
        private void keep(SettlementQueue.Op op, long amount, String reference, Money reported, String why) {
            SettlementQueue.Kept k = kept.offer(op, hold.id(), amount, hold.account(), hold.mode(), hold.key(), hold.sendId(), reference,
                    hold.channel());
            if (k == SettlementQueue.Kept.LOST) {
                LOG.error("Comms could not keep a {} of hold {} (account {}): the kept-operations queue is full and no journal file "
                        + "took it; reconcile from the provider's log", op, hold.id(), hold.account());
                if (reported != null) {
                    report(BillingEvent.Kind.SETTLEMENT_LOST, hold, reported, why + "; the queue was full and no file took it");
                }
            } else if (reported != null) {
                report(BillingEvent.Kind.SETTLEMENT_DEFERRED, hold, reported, why + "; kept " + (k == SettlementQueue.Kept.DISK
                        ? "on disk and in memory" : "in memory") + " until it is back");
            }
        }
    }

    @Override
    public String toString() {
        return "LedgerCreditMeter[" + ledger + "]";
    }
}
