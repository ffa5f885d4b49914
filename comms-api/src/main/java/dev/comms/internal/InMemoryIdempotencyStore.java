package dev.comms.internal;

import dev.comms.CommsException;
import dev.comms.Mode;
import dev.comms.Receipt;
import dev.comms.spi.IdempotencyStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The default idempotency store, for one JVM: records in a concurrent map, kept for the configured
 * time (24 hours by default), and never more than the configured number of keys
 * ({@code comms.idempotency.max-keys}, 100,000 by default).
 *
 * <p>Bounded and purged in O(expired): every record has one ticket in a queue in arrival order, so
 * purging (on every claim, and in {@link #purgeExpired()}) looks only at the tickets that are due and
 * stops at the first that is not; it never scans the map. When more than {@code maxKeys} records are
 * kept, the oldest are evicted first, completed or failed ones only: <b>a claim still in flight (its
 * lease not ended) is never evicted</b>, so a store can hold more than {@code maxKeys} records only
 * while more than that many sends with keys are in flight at once (and, briefly, by the number of
 * claims racing). An evicted key is forgotten early: a retry with it is sent again, as after the
 * retention. Size the bound above the number of keyed sends you expect within the retention.
 *
 * <p>Records are compact: a stored SMS receipt keeps no message body (a replay has the same request,
 * so the pipeline puts the body back from it; see {@code StoredReceipts}), and a SHA-256 hex fingerprint is
 * kept as its first 128 bits, which tell two requests apart as surely as the whole.
 */
public final class InMemoryIdempotencyStore implements IdempotencyStore {
    /** The default of {@code comms.idempotency.max-keys}. */
    public static final int DEFAULT_MAX_KEYS = 100_000;

    private record Key(String account, Mode mode, String key) {
    }

    /**
     * One record; identity matters (a ticket and a conditional remove name this very record). A
     * SHA-256 hex fingerprint (what the pipeline makes) is kept as its first 128 bits in two longs
     * (16 bytes instead of a 64-character string); any other fingerprint is kept as given.
     */
    private static final class Entry {
        final long fp0;
        final long fp1;
        final String fingerprint;
        final long leaseUntil;
        final long expiresAt;
        final Receipt receipt;
        final CommsException error;
        final Ticket ticket;

        Entry(String fingerprint, long leaseUntil, long expiresAt, Receipt receipt, CommsException error, Ticket ticket) {
            if (isSha256Hex(fingerprint)) {
                this.fp0 = Long.parseUnsignedLong(fingerprint, 0, 16, 16);
                this.fp1 = Long.parseUnsignedLong(fingerprint, 16, 32, 16);
                this.fingerprint = null;
            } else {
                this.fp0 = 0;
                this.fp1 = 0;
                this.fingerprint = fingerprint;
            }
            this.leaseUntil = leaseUntil;
            this.expiresAt = expiresAt;
            this.receipt = receipt;
            this.error = error;
            this.ticket = ticket;
        }

        /** A copy with a new outcome and expiry, the same fingerprint and ticket. */
        Entry(Entry e, long expiresAt, Receipt receipt, CommsException error) {
            this.fp0 = e.fp0;
            this.fp1 = e.fp1;
            this.fingerprint = e.fingerprint;
            this.leaseUntil = e.leaseUntil;
            this.expiresAt = expiresAt;
            this.receipt = receipt;
            this.error = error;
            this.ticket = e.ticket;
        }

        boolean sameRequest(String other) {
            if (fingerprint != null) {
                return fingerprint.equals(other);
            }
            return isSha256Hex(other) && Long.parseUnsignedLong(other, 0, 16, 16) == fp0 && Long.parseUnsignedLong(other, 16, 32, 16) == fp1;
        }

        private static boolean isSha256Hex(String s) {
            if (s == null || s.length() != 64) {
                return false;
            }
            for (int i = 0; i < 64; i++) {
                char c = s.charAt(i);
                if ((c < '0' || c > '9') && (c < 'a' || c > 'f')) {
                    return false;
                }
            }
            return true;
        }

        boolean inProgress() {
            return receipt == null && error == null;
        }
    }

    /** A record's place in the arrival-order queue; {@code due} is when it is next worth looking at. */
    private static final class Ticket {
        final Key key;
        volatile long due;

        Ticket(Key key, long due) {
            this.key = key;
            this.due = due;
        }
    }

    private final ConcurrentHashMap<Key, Entry> entries = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<Ticket> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger tickets = new AtomicInteger();
    private final AtomicBoolean purging = new AtomicBoolean();
    private final AtomicLong visited = new AtomicLong();
    private final AtomicLong evicted = new AtomicLong();
    private final Clock clock;
    private final long ttl;
    private final int maxKeys;

    /**
     * A store bounded at {@link #DEFAULT_MAX_KEYS} keys.
     *
     * @param clock the facade's clock
     * @param ttl how long completed records are kept
     */
    public InMemoryIdempotencyStore(Clock clock, Duration ttl) {
        this(clock, ttl, DEFAULT_MAX_KEYS);
    }

    /**
     * @param clock the facade's clock
     * @param ttl how long completed records are kept
     * @param maxKeys the most records kept; beyond it the oldest completed ones are evicted (never a
     *     claim in flight)
     */
    public InMemoryIdempotencyStore(Clock clock, Duration ttl, int maxKeys) {
        if (maxKeys < 1) {
            throw new IllegalArgumentException("maxKeys must be at least 1 (got " + maxKeys + ")");
        }
        this.clock = clock;
        this.ttl = nanos(ttl);
        this.maxKeys = maxKeys;
    }

    @Override
    public Claim claim(String account, Mode mode, String key, String fingerprint, Duration lease) {
        long now = now();
        purgeDue(now);
        Claim[] answer = new Claim[1];
        Key k = new Key(account, mode, key);
        Ticket[] added = new Ticket[1];
        entries.compute(k, (kk, e) -> {
            if (e == null || now > e.expiresAt || (e.inProgress() && now > e.leaseUntil)) {
                answer[0] = new Claim.Acquired();
                Ticket t = new Ticket(kk, plus(now, ttl));
                added[0] = t;
                return new Entry(fingerprint, plus(now, nanos(lease)), t.due, null, null, t);
            }
            if (!e.sameRequest(fingerprint)) {
                answer[0] = new Claim.Conflict();
            } else if (e.receipt != null) {
                answer[0] = new Claim.Completed(e.receipt);
            } else if (e.error != null) {
                answer[0] = new Claim.Failed(e.error);
            } else {
                answer[0] = new Claim.InProgress();
            }
            return e;
        });
        if (added[0] != null) {
            queue.add(added[0]);
            if (tickets.incrementAndGet() > maxKeys) {
                trim(now);
            }
        }
        return answer[0];
    }

    @Override
    public void complete(String account, Mode mode, String key, Receipt receipt) {
        long now = now();
        Receipt compact = StoredReceipts.compact(receipt);
        entries.computeIfPresent(new Key(account, mode, key),
                (k, e) -> new Entry(e, plus(now, ttl), compact, null));
    }

    @Override
    public void fail(String account, Mode mode, String key, CommsException error) {
        long now = now();
        entries.computeIfPresent(new Key(account, mode, key),
                (k, e) -> new Entry(e, plus(now, ttl), null, error));
    }

    @Override
    public void abandon(String account, Mode mode, String key) {
        // Its ticket stays in the queue until it is due or trimmed, and is then dropped as stale.
        entries.computeIfPresent(new Key(account, mode, key), (k, e) -> e.inProgress() ? null : e);
    }

    @Override
    public int purgeExpired() {
        return purgeDue(now());
    }

    /** @return how many records are held (for tests) */
    public int size() {
        return entries.size();
    }

    /** @return tickets looked at by purges and evictions since the store was made: the cost of keeping it bounded (for tests) */
    public long ticketsVisited() {
        return visited.get();
    }

    /** @return records evicted by the bound before their time (for tests and diagnostics) */
    public long evictions() {
        return evicted.get();
    }

    /**
     * Drops the tickets that are due, in arrival order, removing their records if expired; stops at
     * the first ticket not due. One thread at a time; the others go on (the next claim purges).
     *
     * @return records removed
     */
    private int purgeDue(long now) {
        Ticket head = queue.peek();
        if (head == null || head.due > now || !purging.compareAndSet(false, true)) {
            return 0;
        }
        int removed = 0;
        try {
            for (Ticket t; (t = queue.peek()) != null && t.due <= now; ) {
                queue.poll(); // t: only a purge or a trim takes from the head, and this thread holds that right
                tickets.decrementAndGet();
                visited.incrementAndGet();
                Entry e = entries.get(t.key);
                if (e == null || e.ticket != t) {
                    continue; // abandoned, or replaced by a newer claim with its own ticket
                }
                if (now > e.expiresAt) {
                    if (entries.remove(t.key, e)) {
                        removed++;
                        continue;
                    }
                    e = entries.get(t.key);
                    if (e == null || e.ticket != t) {
                        continue;
                    }
                }
                // Kept longer than its arrival said (completed later, or raced): back in the queue at its own time.
                t.due = e.expiresAt;
                queue.add(t);
                tickets.incrementAndGet();
            }
        } finally {
            purging.set(false);
        }
        return removed;
    }

    /**
     * Evicts the oldest records until at most {@code maxKeys} tickets remain: stale tickets are
     * dropped, completed and failed records removed, and claims in flight put back at the end (looked
     * at once per call at most).
     */
    private void trim(long now) {
        if (!purging.compareAndSet(false, true)) {
            return;
        }
        try {
            int budget = tickets.get();
            while (tickets.get() > maxKeys && budget-- > 0) {
                Ticket t = queue.poll();
                if (t == null) {
                    return;
                }
                tickets.decrementAndGet();
                visited.incrementAndGet();
                Entry e = entries.get(t.key);
                if (e == null || e.ticket != t) {
                    continue;
                }
                boolean inFlight = e.inProgress() && now <= e.leaseUntil && now <= e.expiresAt;
                if (!inFlight && entries.remove(t.key, e)) {
                    evicted.incrementAndGet();
                    continue;
                }
                Entry current = entries.get(t.key);
                if (current != null && current.ticket == t) {
                    queue.add(t);
                    tickets.incrementAndGet();
                }
            }
        } finally {
            purging.set(false);
        }
    }

    private long now() {
        return nanos(clock.instant());
    }

    private static long nanos(Instant i) {
        try {
            return Math.addExact(Math.multiplyExact(i.getEpochSecond(), 1_000_000_000L), i.getNano());
        } catch (ArithmeticException e) {
            return i.getEpochSecond() < 0 ? Long.MIN_VALUE : Long.MAX_VALUE;
        }
    }

    private static long nanos(Duration d) {
        try {
            return d.toNanos();
        } catch (ArithmeticException e) {
            return d.isNegative() ? Long.MIN_VALUE : Long.MAX_VALUE;
        }
    }

    private static long plus(long a, long b) {
        long r = a + b;
        return ((a ^ r) & (b ^ r)) < 0 ? (b < 0 ? Long.MIN_VALUE : Long.MAX_VALUE) : r;
    }
}
