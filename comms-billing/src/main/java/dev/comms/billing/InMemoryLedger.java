package dev.comms.billing;

import dev.comms.Channel;
import dev.comms.InsufficientCreditsException;
import dev.comms.Mode;
import dev.comms.Money;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The ledger in one JVM. Each (account, mode) balance is guarded by its own lock, so sends on
 * different accounts never contend on a lock; a transfer takes the two locks in a fixed order. The
 * expiry indexes are striped by balance (16 stripes), so sends on different accounts rarely touch the
 * same index either. Exact under contention (the contract suite races 64 threads on one account).
 *
 * <p>Bounded: pending holds sit in two expiry indexes per stripe (in flight, outcome unknown) ordered
 * by lease end, so {@link #expireDue()} and {@link #commitUnknownDue()} cost O(stripes + due log n).
 * Resolved holds sit in a queue per balance in resolution order: {@link #purgeResolved(Duration)}
 * removes those older than the retention in O(balances + purged) (the credit meter's maintenance calls
 * it with 24 hours by default), and <b>each balance keeps at most {@code maxResolvedHolds} resolved
 * holds</b> (100,000 by default; beyond it the oldest resolved hold is forgotten, never a pending one;
 * a forgotten hold's key can be reserved again). <b>The journal keeps the last
 * {@code maxJournalEntries} entries per balance</b> (100,000 by default; the balance's totals stay
 * exact, only older lines are dropped). The keys of credits are kept for the life of the process.
 * Nothing survives a restart: for a long-running service, or a full journal, use {@code JdbcLedger}.
 */
public final class InMemoryLedger implements Ledger {
    private record AccountKey(String account, Mode mode) {
    }

    private record Due(Instant at, long id) implements Comparable<Due> {
        @Override
        public int compareTo(Due o) {
            int c = at.compareTo(o.at);
            return c != 0 ? c : Long.compare(id, o.id);
        }
    }

    private static final class Account {
        final Stripe stripe;
        long available;
        long held;
        long credited;
        long debited;
        final Map<String, MutableHold> byKey = new HashMap<>();
        final Set<String> creditKeys = new HashSet<>();
        final ArrayDeque<JournalEntry> journal = new ArrayDeque<>();
        /** Resolved holds in resolution order, oldest first. */
        final ArrayDeque<MutableHold> resolved = new ArrayDeque<>();

        Account(Stripe stripe) {
            this.stripe = stripe;
        }
    }

    /** The expiry indexes of the balances that hash to it. */
    private static final class Stripe {
        final ConcurrentSkipListMap<Due, MutableHold> inFlight = new ConcurrentSkipListMap<>();
        final ConcurrentSkipListMap<Due, MutableHold> unknown = new ConcurrentSkipListMap<>();
    }

    private static final int STRIPES = 16;
    /** The default of {@link Builder#maxResolvedHolds} and {@link Builder#maxJournalEntries}. */
    public static final int DEFAULT_MAX_KEPT = 100_000;

    private static final class MutableHold {
        final long id;
        final AccountKey owner;
        final String key;
        final String fingerprint;
        final Channel channel;
        final String region;
        final long amount;
        Instant expiresAt;
        final String sendId;
        HoldState state = HoldState.PENDING;
        PendingReason reason = PendingReason.IN_FLIGHT;
        String reference = "";
        Settlement settlement;
        Instant resolvedAt;

        MutableHold(long id, AccountKey owner, HoldRequest r, Instant expiresAt) {
            this.id = id;
            this.owner = owner;
            this.key = r.key();
            this.fingerprint = r.fingerprint();
            this.channel = r.channel();
            this.region = r.region();
            this.amount = r.amount().microPence();
            this.expiresAt = expiresAt;
            this.sendId = r.sendId();
        }

        Hold view(boolean replayed) {
            return new Hold(id, owner.account(), owner.mode(), key, fingerprint, channel, region, Money.ofMicroPence(amount), state,
                    expiresAt, replayed, sendId, reason, reference);
        }

        Due due() {
            return new Due(expiresAt, id);
        }
    }

    private final Clock clock;
    private final int maxResolvedHolds;
    private final int maxJournalEntries;
    private final Map<AccountKey, Account> accounts = new ConcurrentHashMap<>();
    private final Map<Long, MutableHold> holds = new ConcurrentHashMap<>();
    private final Stripe[] stripes = new Stripe[STRIPES];
    private final AtomicLong ids = new AtomicLong();
    private final AtomicLong seq = new AtomicLong();

    /** A ledger on the system clock, with the default bounds. */
    public InMemoryLedger() {
        this(Clock.systemUTC());
    }

    /** @param clock the clock leases run on; the default bounds */
    public InMemoryLedger(Clock clock) {
        this(builder().clock(clock));
    }

    private InMemoryLedger(Builder b) {
        this.clock = Objects.requireNonNull(b.clock, "clock");
        this.maxResolvedHolds = b.maxResolvedHolds;
        this.maxJournalEntries = b.maxJournalEntries;
        for (int i = 0; i < STRIPES; i++) {
            stripes[i] = new Stripe();
        }
    }

    /** @return a builder: the system clock, 100,000 resolved holds and 100,000 journal entries kept per balance */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds an {@link InMemoryLedger}. */
    public static final class Builder {
        private Clock clock = Clock.systemUTC();
        private int maxResolvedHolds = DEFAULT_MAX_KEPT;
        private int maxJournalEntries = DEFAULT_MAX_KEPT;

        private Builder() {
        }

        /**
         * @param clock the clock leases run on
         * @return this
         */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * @param max the most resolved holds each balance keeps (at least 1); beyond it the oldest is
         *     forgotten, never a pending hold
         * @return this
         */
        public Builder maxResolvedHolds(int max) {
            this.maxResolvedHolds = atLeastOne("maxResolvedHolds", max);
            return this;
        }

        /**
         * @param max the most journal entries each balance keeps (at least 1); beyond it the oldest is
         *     dropped (the balance's totals stay exact)
         * @return this
         */
        public Builder maxJournalEntries(int max) {
            this.maxJournalEntries = atLeastOne("maxJournalEntries", max);
            return this;
        }

        /** @return the ledger */
        public InMemoryLedger build() {
            return new InMemoryLedger(this);
        }

        private static int atLeastOne(String what, int max) {
            if (max < 1) {
                throw new IllegalArgumentException(what + " must be at least 1 (got " + max + ")");
            }
            return max;
        }
    }

    private Account account(String account, Mode mode) {
        Ledgers.checkAccount(account);
        return accounts.computeIfAbsent(new AccountKey(account, Objects.requireNonNull(mode, "mode")),
                k -> new Account(stripes[Math.floorMod(k.hashCode() * 0x9E3779B9, STRIPES)]));
    }

    private void journal(Account a, JournalEntry e) {
        a.journal.addLast(e);
        if (a.journal.size() > maxJournalEntries) {
            a.journal.removeFirst();
        }
    }

    @Override
    public Hold reserve(HoldRequest r) {
        AccountKey k = new AccountKey(r.account(), r.mode());
        Account a = account(r.account(), r.mode());
        synchronized (a) {
            MutableHold existing = a.byKey.get(r.key());
            if (existing != null) {
                if (!existing.fingerprint.equals(r.fingerprint())) {
                    throw Ledgers.conflict(r.key(), r.channel());
                }
                boolean own = !r.sendId().isEmpty() && r.sendId().equals(existing.sendId);
                return existing.view(!own);
            }
            long amount = r.amount().microPence();
            if (a.available < amount) {
                throw new InsufficientCreditsException(Money.ofMicroPence(a.available), r.amount(), r.channel());
            }
            a.available -= amount;
            a.held += amount;
            MutableHold h = new MutableHold(ids.incrementAndGet(), k, r, clock.instant().plus(r.lease()));
            a.byKey.put(r.key(), h);
            holds.put(h.id, h);
            a.stripe.inFlight.put(h.due(), h);
            return h.view(false);
        }
    }

    /** Called under the account's lock when a hold leaves PENDING; keeps the balance's resolved holds bounded. */
    private void resolvedNow(Account a, MutableHold h) {
        if (h.resolvedAt == null) {
            h.resolvedAt = clock.instant();
            a.resolved.addLast(h);
            if (a.resolved.size() > maxResolvedHolds) {
                forget(a, a.resolved.removeFirst());
            }
        }
        a.stripe.inFlight.remove(h.due());
        a.stripe.unknown.remove(h.due());
    }

    /** Called under the account's lock: drops a resolved hold. */
    private void forget(Account a, MutableHold h) {
        holds.remove(h.id);
        if (a.byKey.get(h.key) == h) {
            a.byKey.remove(h.key);
        }
    }

    @Override
    public Settlement commit(long holdId, Money actual) {
        Objects.requireNonNull(actual, "actual");
        if (actual.isNegative()) {
            throw new IllegalArgumentException("actual cost must not be negative: " + actual);
        }
        MutableHold h = holds.get(holdId);
        if (h == null) {
            throw new IllegalStateException("no hold " + holdId);
        }
        Account a = account(h.owner.account(), h.owner.mode());
        synchronized (a) {
            return commitLocked(a, h, actual.microPence());
        }
    }

    private Settlement commitLocked(Account a, MutableHold h, long want) {
        switch (h.state) {
            case COMMITTED:
                return h.settlement;
            case RELEASED:
                throw new IllegalStateException("hold " + h.id + " was released: nothing was sent, so nothing can be charged");
            default:
                break;
        }
        long before = a.available;
        long fromHold = 0;
        if (h.state == HoldState.PENDING) {
            fromHold = Math.min(want, h.amount);
            a.held -= h.amount;
            a.available += h.amount - fromHold;
        }
        long extra = want - fromHold;
        long extraCharged = Math.min(extra, a.available);
        long unbilled = extra - extraCharged;
        a.available -= extraCharged;
        long charged = fromHold + extraCharged;
        a.debited = Math.addExact(a.debited, charged);
        h.state = HoldState.COMMITTED;
        resolvedNow(a, h);
        Instant now = clock.instant();
        if (charged > 0) {
            journal(a, new JournalEntry(seq.incrementAndGet(), h.owner.account(), h.owner.mode(), EntryKind.CHARGE,
                    Money.ofMicroPence(charged), h.id, h.key, h.channel, now));
        }
        if (unbilled > 0) {
            journal(a, new JournalEntry(seq.incrementAndGet(), h.owner.account(), h.owner.mode(), EntryKind.UNBILLED,
                    Money.ofMicroPence(unbilled), h.id, h.key, h.channel, now));
        }
        h.settlement = new Settlement(h.id, Money.ofMicroPence(charged), Money.ofMicroPence(unbilled), Money.ofMicroPence(a.available),
                Money.ofMicroPence(before));
        return h.settlement;
    }

    @Override
    public boolean release(long holdId) {
        return giveBack(holdId, false);
    }

    @Override
    public boolean abandon(long holdId) {
        return giveBack(holdId, true);
    }

    private boolean giveBack(long holdId, boolean freeKey) {
        MutableHold h = holds.get(holdId);
        if (h == null) {
            return false;
        }
        Account a = account(h.owner.account(), h.owner.mode());
        synchronized (a) {
            if (h.state != HoldState.PENDING) {
                return false;
            }
            a.held -= h.amount;
            a.available += h.amount;
            h.state = HoldState.RELEASED;
            resolvedNow(a, h);
            if (freeKey && a.byKey.get(h.key) == h) {
                a.byKey.remove(h.key);
            }
            return true;
        }
    }

    @Override
    public boolean abandonSend(String account, Mode mode, String key, String sendId) {
        Account a = account(account, mode);
        MutableHold h;
        synchronized (a) {
            h = a.byKey.get(key);
        }
        return h != null && !sendId.isEmpty() && sendId.equals(h.sendId) && abandon(h.id);
    }

    @Override
    public boolean markUnknown(long holdId, String reference, Duration atLeast) {
        Objects.requireNonNull(reference, "reference");
        Objects.requireNonNull(atLeast, "atLeast");
        MutableHold h = holds.get(holdId);
        if (h == null) {
            return false;
        }
        Account a = account(h.owner.account(), h.owner.mode());
        synchronized (a) {
            if (h.state != HoldState.PENDING) {
                return false;
            }
            a.stripe.inFlight.remove(h.due());
            a.stripe.unknown.remove(h.due());
            Instant until = clock.instant().plus(atLeast);
            if (until.isAfter(h.expiresAt)) {
                h.expiresAt = until;
            }
            h.reason = PendingReason.OUTCOME_UNKNOWN;
            h.reference = reference;
            a.stripe.unknown.put(h.due(), h);
            return true;
        }
    }

    @Override
    public int expireDue() {
        Instant now = clock.instant();
        int n = 0;
        for (Stripe stripe : stripes) {
            n += expireDue(stripe.inFlight, now);
        }
        return n;
    }

    private int expireDue(ConcurrentSkipListMap<Due, MutableHold> inFlight, Instant now) {
        int n = 0;
        for (Map.Entry<Due, MutableHold> e; (e = inFlight.firstEntry()) != null && !e.getKey().at().isAfter(now); ) {
            MutableHold h = e.getValue();
            Account a = account(h.owner.account(), h.owner.mode());
            synchronized (a) {
                inFlight.remove(e.getKey());
                if (h.state == HoldState.PENDING && h.reason == PendingReason.IN_FLIGHT) {
                    a.held -= h.amount;
                    a.available += h.amount;
                    h.state = HoldState.EXPIRED;
                    resolvedNow(a, h);
                    n++;
                }
            }
        }
        return n;
    }

    @Override
    public List<Settled> commitUnknownDue() {
        Instant now = clock.instant();
        List<Settled> out = new ArrayList<>();
        for (Stripe stripe : stripes) {
            commitUnknownDue(stripe.unknown, now, out);
        }
        return out;
    }

    private void commitUnknownDue(ConcurrentSkipListMap<Due, MutableHold> unknown, Instant now, List<Settled> out) {
        for (Map.Entry<Due, MutableHold> e; (e = unknown.firstEntry()) != null && !e.getKey().at().isAfter(now); ) {
            MutableHold h = e.getValue();
            Account a = account(h.owner.account(), h.owner.mode());
            synchronized (a) {
                unknown.remove(e.getKey());
                if (h.state == HoldState.PENDING) {
                    Hold before = h.view(false);
                    out.add(new Settled(before, commitLocked(a, h, h.amount)));
                }
            }
        }
    }

    @Override
    public List<Hold> unknownHolds(int max) {
        // The first max of each stripe, merged by lease end: the first max overall.
        List<Map.Entry<Due, Hold>> found = new ArrayList<>();
        for (Stripe stripe : stripes) {
            int taken = 0;
            for (Map.Entry<Due, MutableHold> e : stripe.unknown.entrySet()) {
                if (taken >= max) {
                    break;
                }
                MutableHold h = e.getValue();
                synchronized (account(h.owner.account(), h.owner.mode())) {
                    if (h.state == HoldState.PENDING) {
                        found.add(Map.entry(e.getKey(), h.view(false)));
                        taken++;
                    }
                }
            }
        }
        found.sort(Map.Entry.comparingByKey());
        List<Hold> out = new ArrayList<>(Math.min(max, found.size()));
        for (int i = 0; i < found.size() && i < max; i++) {
            out.add(found.get(i).getValue());
        }
        return out;
    }

    @Override
    public int purgeResolved(Duration retention) {
        Instant cutoff = clock.instant().minus(retention);
        int n = 0;
        for (Account a : accounts.values()) {
            synchronized (a) {
                for (MutableHold h; (h = a.resolved.peekFirst()) != null && !h.resolvedAt.isAfter(cutoff); ) {
                    a.resolved.removeFirst();
                    forget(a, h);
                    n++;
                }
            }
        }
        return n;
    }

    @Override
    public boolean credit(String account, Mode mode, Money amount, String key, EntryKind kind) {
        checkPositive(amount);
        if (kind != EntryKind.TOP_UP && kind != EntryKind.GRANT) {
            throw new IllegalArgumentException("credit kind must be TOP_UP or GRANT, not " + kind);
        }
        Account a = account(account, mode);
        synchronized (a) {
            if (!a.creditKeys.add(Objects.requireNonNull(key, "key"))) {
                return false;
            }
            a.available = Math.addExact(a.available, amount.microPence());
            a.credited = Math.addExact(a.credited, amount.microPence());
            journal(a, new JournalEntry(seq.incrementAndGet(), account, mode, kind, amount, 0, key, null, clock.instant()));
            return true;
        }
    }

    @Override
    public boolean transfer(String from, String to, Mode mode, Money amount, String key) {
        checkPositive(amount);
        Objects.requireNonNull(key, "key");
        if (from.equals(to)) {
            throw new IllegalArgumentException("cannot transfer from an account to itself: " + from);
        }
        Account a = account(from, mode);
        Account b = account(to, mode);
        Account first = from.compareTo(to) < 0 ? a : b;
        Account second = first == a ? b : a;
        synchronized (first) {
            synchronized (second) {
                if (a.creditKeys.contains("transfer-out:" + key)) {
                    return false;
                }
                if (a.available < amount.microPence()) {
                    throw new InsufficientCreditsException(Money.ofMicroPence(a.available), amount, null);
                }
                a.creditKeys.add("transfer-out:" + key);
                b.creditKeys.add("transfer-in:" + key);
                a.available -= amount.microPence();
                a.debited = Math.addExact(a.debited, amount.microPence());
                b.available = Math.addExact(b.available, amount.microPence());
                b.credited = Math.addExact(b.credited, amount.microPence());
                Instant now = clock.instant();
                journal(a, new JournalEntry(seq.incrementAndGet(), from, mode, EntryKind.TRANSFER_OUT, amount, 0, key, null, now));
                journal(b, new JournalEntry(seq.incrementAndGet(), to, mode, EntryKind.TRANSFER_IN, amount, 0, key, null, now));
                return true;
            }
        }
    }

    private static void checkPositive(Money amount) {
        Objects.requireNonNull(amount, "amount");
        if (amount.isNegative() || amount.isZero()) {
            throw new IllegalArgumentException("amount must be positive: " + amount);
        }
    }

    @Override
    public Balance balance(String account, Mode mode) {
        Account a = account(account, mode);
        synchronized (a) {
            return new Balance(account, mode, Money.ofMicroPence(a.available), Money.ofMicroPence(a.held),
                    Money.ofMicroPence(a.credited), Money.ofMicroPence(a.debited));
        }
    }

    @Override
    public Optional<Hold> hold(long holdId) {
        MutableHold h = holds.get(holdId);
        if (h == null) {
            return Optional.empty();
        }
        synchronized (account(h.owner.account(), h.owner.mode())) {
            return Optional.of(h.view(false));
        }
    }

    @Override
    public Optional<Hold> holdByKey(String account, Mode mode, String key) {
        Account a = account(account, mode);
        synchronized (a) {
            MutableHold h = a.byKey.get(key);
            return h == null ? Optional.empty() : Optional.of(h.view(false));
        }
    }

    @Override
    public List<JournalEntry> journal(String account, Mode mode) {
        Account a = account(account, mode);
        synchronized (a) {
            return List.copyOf(a.journal);
        }
    }

    @Override
    public List<Hold> pendingHolds(String account, Mode mode) {
        Account a = account(account, mode);
        synchronized (a) {
            return a.byKey.values().stream().filter(h -> h.state == HoldState.PENDING).map(h -> h.view(false)).toList();
        }
    }

    /** @return holds kept now (pending and resolved but not yet purged), for tests and diagnostics */
    public int holdCount() {
        return holds.size();
    }

    @Override
    public String toString() {
        return "InMemoryLedger[accounts=" + accounts.size() + ", holds=" + holds.size() + "]";
    }
}
