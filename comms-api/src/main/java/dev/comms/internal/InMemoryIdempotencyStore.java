package dev.comms.internal;

import dev.comms.CommsException;
import dev.comms.Mode;
import dev.comms.Receipt;
import dev.comms.spi.IdempotencyStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The default idempotency store, for one JVM: records in a concurrent map, kept for the configured
 * time (24 hours by default) and purged as new keys arrive.
 */
public final class InMemoryIdempotencyStore implements IdempotencyStore {
    private record Key(String account, Mode mode, String key) {
    }

    private record Entry(String fingerprint, Instant leaseUntil, Instant expiresAt, Receipt receipt, CommsException error) {
        boolean inProgress() {
            return receipt == null && error == null;
        }
    }

    private final ConcurrentHashMap<Key, Entry> entries = new ConcurrentHashMap<>();
    private final Clock clock;
    private final Duration ttl;
    private final AtomicInteger sincePurge = new AtomicInteger();

    /**
     * @param clock the facade's clock
     * @param ttl how long completed records are kept
     */
    public InMemoryIdempotencyStore(Clock clock, Duration ttl) {
        this.clock = clock;
        this.ttl = ttl;
    }

    @Override
    public Claim claim(String account, Mode mode, String key, String fingerprint, Duration lease) {
        maybePurge();
        Instant now = clock.instant();
        Claim[] answer = new Claim[1];
        entries.compute(new Key(account, mode, key), (k, e) -> {
            if (e == null || now.isAfter(e.expiresAt) || (e.inProgress() && now.isAfter(e.leaseUntil))) {
                answer[0] = new Claim.Acquired();
                return new Entry(fingerprint, now.plus(lease), now.plus(ttl), null, null);
            }
            if (!e.fingerprint.equals(fingerprint)) {
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
        return answer[0];
    }

    @Override
    public void complete(String account, Mode mode, String key, Receipt receipt) {
        Instant now = clock.instant();
        entries.computeIfPresent(new Key(account, mode, key),
                (k, e) -> new Entry(e.fingerprint, e.leaseUntil, now.plus(ttl), receipt, null));
    }

    @Override
    public void fail(String account, Mode mode, String key, CommsException error) {
        Instant now = clock.instant();
        entries.computeIfPresent(new Key(account, mode, key),
                (k, e) -> new Entry(e.fingerprint, e.leaseUntil, now.plus(ttl), null, error));
    }

    @Override
    public void abandon(String account, Mode mode, String key) {
        entries.computeIfPresent(new Key(account, mode, key), (k, e) -> e.inProgress() ? null : e);
    }

    @Override
    public int purgeExpired() {
        Instant now = clock.instant();
        int[] n = new int[1];
        entries.values().removeIf(e -> {
            boolean gone = now.isAfter(e.expiresAt);
            n[0] += gone ? 1 : 0;
            return gone;
        });
        return n[0];
    }

    /** @return how many records are held (for tests) */
    public int size() {
        return entries.size();
    }

    private void maybePurge() {
        if (sincePurge.incrementAndGet() % 4096 != 0) {
            return;
        }
        Instant now = clock.instant();
        entries.values().removeIf(e -> now.isAfter(e.expiresAt));
    }
}
