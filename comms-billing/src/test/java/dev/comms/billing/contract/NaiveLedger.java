package dev.comms.billing.contract;

import dev.comms.billing.*;

import dev.comms.InsufficientCreditsException;
import dev.comms.Mode;
import dev.comms.Money;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A deliberately WRONG ledger, the negative control: it reads the balance, checks it, then writes
 * it back (read-check-write without a lock), as a hand-written "SELECT balance; if enough: UPDATE"
 * does. The race tests must fail on it, or they prove nothing.
 */
final class NaiveLedger implements Ledger {
    private final Map<String, long[]> balances = new ConcurrentHashMap<>(); // available, held, credited, debited
    private final Map<Long, Object[]> holds = new ConcurrentHashMap<>();
    private final List<JournalEntry> journal = new CopyOnWriteArrayList<>();
    private final AtomicLong ids = new AtomicLong();

    private long[] b(String account, Mode mode) {
        return balances.computeIfAbsent(account + "/" + mode, k -> new long[4]);
    }

    @Override
    public Hold reserve(HoldRequest r) {
        long[] b = b(r.account(), r.mode());
        long available = b[0];                       // read
        if (available < r.amount().microPence()) {  // check
            throw new InsufficientCreditsException(Money.ofMicroPence(available), r.amount(), r.channel());
        }
        Thread.yield();                              // (the gap a network round trip makes)
        b[0] = available - r.amount().microPence();  // write
        b[1] += r.amount().microPence();
        long id = ids.incrementAndGet();
        holds.put(id, new Object[] {r, HoldState.PENDING});
        return new Hold(id, r.account(), r.mode(), r.key(), r.fingerprint(), r.channel(), r.region(), r.amount(), HoldState.PENDING, null, false,
                r.sendId(), dev.comms.billing.PendingReason.IN_FLIGHT, "");
    }

    @Override
    public Settlement commit(long holdId, Money actual) {
        Object[] h = holds.get(holdId);
        HoldRequest r = (HoldRequest) h[0];
        long[] b = b(r.account(), r.mode());
        b[1] -= r.amount().microPence();
        b[0] += r.amount().microPence() - actual.microPence();
        b[3] += actual.microPence();
        h[1] = HoldState.COMMITTED;
        journal.add(new JournalEntry(0, r.account(), r.mode(), EntryKind.CHARGE, actual, holdId, r.key(), r.channel(), null));
        return new Settlement(holdId, actual, Money.ZERO, Money.ofMicroPence(b[0]), Money.ZERO);
    }

    @Override
    public boolean release(long holdId) {
        return false;
    }

    @Override
    public boolean abandon(long holdId) {
        return false;
    }

    @Override
    public boolean abandonSend(String account, Mode mode, String key, String sendId) {
        return false;
    }

    @Override
    public boolean markUnknown(long holdId, String reference, java.time.Duration atLeast) {
        return false;
    }

    @Override
    public int expireDue() {
        return 0;
    }

    @Override
    public List<dev.comms.billing.Settled> commitUnknownDue() {
        return List.of();
    }

    @Override
    public List<Hold> unknownHolds(int max) {
        return List.of();
    }

    @Override
    public int purgeResolved(java.time.Duration retention) {
        return 0;
    }

    @Override
    public boolean credit(String account, Mode mode, Money amount, String key, EntryKind kind) {
        long[] b = b(account, mode);
        b[0] += amount.microPence();
        b[2] += amount.microPence();
        return true;
    }

    @Override
    public boolean transfer(String from, String to, Mode mode, Money amount, String key) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Balance balance(String account, Mode mode) {
        long[] b = b(account, mode);
        return new Balance(account, mode, Money.ofMicroPence(b[0]), Money.ofMicroPence(b[1]), Money.ofMicroPence(b[2]),
                Money.ofMicroPence(b[3]));
    }

    @Override
    public Optional<Hold> hold(long holdId) {
        return Optional.empty();
    }

    @Override
    public Optional<Hold> holdByKey(String account, Mode mode, String key) {
        return Optional.empty();
    }

    @Override
    public List<JournalEntry> journal(String account, Mode mode) {
        return List.copyOf(journal);
    }

    @Override
    public List<Hold> pendingHolds(String account, Mode mode) {
        return List.of();
    }
}
