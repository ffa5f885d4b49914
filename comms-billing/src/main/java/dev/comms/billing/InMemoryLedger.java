package dev.comms.billing;

import dev.comms.Channel;
import dev.comms.InsufficientCreditsException;
import dev.comms.Mode;
import dev.comms.Money;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The ledger in one JVM. Each (account, mode) balance is guarded by its own lock, so sends on
 * different accounts never contend; a transfer takes the two locks in a fixed order. Exact under
 * contention (the contract suite races 64 threads on one account). It keeps every hold, so that a key
 * is answered the same way for the life of the process, and nothing survives a restart: for a
 * long-running service use {@code JdbcLedger}.
 */
public final class InMemoryLedger implements Ledger {
    private record AccountKey(String account, Mode mode) {
    }

    private static final class Account {
        long available;
        long held;
        long credited;
        long debited;
        final Map<String, MutableHold> byKey = new HashMap<>();
        final Set<String> creditKeys = new HashSet<>();
        final List<JournalEntry> journal = new ArrayList<>();
    }

    private static final class MutableHold {
        final long id;
        final AccountKey owner;
        final String key;
        final String fingerprint;
        final Channel channel;
        final String region;
        final long amount;
        final Instant expiresAt;
        HoldState state = HoldState.PENDING;
        Settlement settlement;

        MutableHold(long id, AccountKey owner, HoldRequest r, Instant expiresAt) {
            this.id = id;
            this.owner = owner;
            this.key = r.key();
            this.fingerprint = r.fingerprint();
            this.channel = r.channel();
            this.region = r.region();
            this.amount = r.amount().microPence();
            this.expiresAt = expiresAt;
        }

        Hold view(boolean replayed) {
            return new Hold(id, owner.account(), owner.mode(), key, fingerprint, channel, region, Money.ofMicroPence(amount), state,
                    expiresAt, replayed);
        }
    }

    private final Clock clock;
    private final Map<AccountKey, Account> accounts = new ConcurrentHashMap<>();
    private final Map<Long, MutableHold> holds = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong();
    private final AtomicLong seq = new AtomicLong();

    /** A ledger on the system clock. */
    public InMemoryLedger() {
        this(Clock.systemUTC());
    }

    /** @param clock the clock leases run on */
    public InMemoryLedger(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    private Account account(String account, Mode mode) {
        Ledgers.checkAccount(account);
        return accounts.computeIfAbsent(new AccountKey(account, Objects.requireNonNull(mode, "mode")), k -> new Account());
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
                return existing.view(true);
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
            return h.view(false);
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
            switch (h.state) {
                case COMMITTED:
                    return h.settlement;
                case RELEASED:
                    throw new IllegalStateException("hold " + holdId + " was released: nothing was sent, so nothing can be charged");
                default:
                    break;
            }
            long before = a.available;
            long want = actual.microPence();
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
            Instant now = clock.instant();
            if (charged > 0) {
                a.journal.add(new JournalEntry(seq.incrementAndGet(), h.owner.account(), h.owner.mode(), EntryKind.CHARGE,
                        Money.ofMicroPence(charged), h.id, h.key, h.channel, now));
            }
            if (unbilled > 0) {
                a.journal.add(new JournalEntry(seq.incrementAndGet(), h.owner.account(), h.owner.mode(), EntryKind.UNBILLED,
                        Money.ofMicroPence(unbilled), h.id, h.key, h.channel, now));
            }
            h.settlement = new Settlement(h.id, Money.ofMicroPence(charged), Money.ofMicroPence(unbilled),
                    Money.ofMicroPence(a.available), Money.ofMicroPence(before));
            return h.settlement;
        }
    }

    @Override
    public boolean release(long holdId) {
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
            return true;
        }
    }

    @Override
    public int expireDue() {
        Instant now = clock.instant();
        int n = 0;
        for (MutableHold h : holds.values()) {
            if (h.state != HoldState.PENDING || h.expiresAt.isAfter(now)) {
                continue;
            }
            Account a = account(h.owner.account(), h.owner.mode());
            synchronized (a) {
                if (h.state == HoldState.PENDING) {
                    a.held -= h.amount;
                    a.available += h.amount;
                    h.state = HoldState.EXPIRED;
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
            a.journal.add(new JournalEntry(seq.incrementAndGet(), account, mode, kind, amount, 0, key, null, clock.instant()));
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
                a.journal.add(new JournalEntry(seq.incrementAndGet(), from, mode, EntryKind.TRANSFER_OUT, amount, 0, key, null, now));
                b.journal.add(new JournalEntry(seq.incrementAndGet(), to, mode, EntryKind.TRANSFER_IN, amount, 0, key, null, now));
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

    @Override
    public String toString() {
        return "InMemoryLedger[accounts=" + accounts.size() + ", holds=" + holds.size() + "]";
    }
}
