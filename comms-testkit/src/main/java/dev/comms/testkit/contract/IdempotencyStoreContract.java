package dev.comms.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.comms.Billing;
import dev.comms.Channel;
import dev.comms.DeliveryStatus;
import dev.comms.EmailReceipt;
import dev.comms.ErrorCode;
import dev.comms.FailureClass;
import dev.comms.Mode;
import dev.comms.ProviderException;
import dev.comms.Receipt;
import dev.comms.spi.IdempotencyStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * What every {@link IdempotencyStore} owes the pipeline, in memory or in a database: exactly one
 * claimant per key under any race, the first result replayed, another request under the key a
 * conflict, a refusal before sending forgotten, an abandoned holder's claim free after its lease, and
 * records gone after the retention. A store that checks and then inserts without a guard fails
 * {@link #exactlyOneClaimantUnderARace()}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class IdempotencyStoreContract {
    private static final AtomicInteger KEYS = new AtomicInteger();

    /** Creates the contract. */
    protected IdempotencyStoreContract() {
    }

    /**
     * @return the store under test; its retention must be {@link #retention()}
     */
    protected abstract IdempotencyStore store();

    /** @return the store's retention (short, so it can end during a test) */
    protected Duration retention() {
        return Duration.ofMillis(800);
    }

    /**
     * Lets {@code d} pass (advance a virtual clock, or sleep).
     *
     * @param d how long
     */
    protected abstract void pass(Duration d);

    /** @return a fresh key */
    protected String key() {
        return "k-" + getClass().getSimpleName() + "-" + System.nanoTime() + "-" + KEYS.incrementAndGet();
    }

    private static Receipt receipt(String id) {
        return new EmailReceipt(id, "acme", Mode.LIVE, "fake", "re_" + id, DeliveryStatus.QUEUED, 1, Billing.NOT_METERED,
                Instant.parse("2026-12-01T10:00:00Z"), 1);
    }

    private static final Duration LEASE = Duration.ofMinutes(5);

    /**
     * 32 threads claim one key at once: exactly one acquires it, the others see it in progress.
     *
     * @throws Exception if a thread fails
     */
    @Test
    public void exactlyOneClaimantUnderARace() throws Exception {
        String key = key();
        AtomicInteger acquired = new AtomicInteger();
        AtomicInteger inProgress = new AtomicInteger();
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(32);
        try {
            List<Future<?>> f = new ArrayList<>();
            for (int t = 0; t < 32; t++) {
                f.add(pool.submit(() -> {
                    start.await();
                    IdempotencyStore.Claim c = store().claim("acme", Mode.LIVE, key, "fp", LEASE);
                    if (c instanceof IdempotencyStore.Claim.Acquired) {
                        acquired.incrementAndGet();
                    } else if (c instanceof IdempotencyStore.Claim.InProgress) {
                        inProgress.incrementAndGet();
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> x : f) {
                x.get(1, TimeUnit.MINUTES);
            }
        } finally {
            pool.shutdownNow();
        }
        System.out.println("idempotency_race store=" + getClass().getSimpleName() + " threads=32 acquired=" + acquired.get()
                + " in_progress=" + inProgress.get());
        assertThat(acquired.get()).isEqualTo(1);
        assertThat(inProgress.get()).isEqualTo(31);
    }

    /** The first receipt is replayed; another request under the key is a conflict. */
    @Test
    public void completedKeysReplayAndAnotherRequestConflicts() {
        String key = key();
        assertThat(store().claim("acme", Mode.LIVE, key, "fp", LEASE)).isInstanceOf(IdempotencyStore.Claim.Acquired.class);
        store().complete("acme", Mode.LIVE, key, receipt("msg_1"));
        assertThat(store().claim("acme", Mode.LIVE, key, "fp", LEASE)).isInstanceOfSatisfying(IdempotencyStore.Claim.Completed.class,
                c -> assertThat(c.receipt()).isEqualTo(receipt("msg_1")));
        assertThat(store().claim("acme", Mode.LIVE, key, "other", LEASE)).isInstanceOf(IdempotencyStore.Claim.Conflict.class);
        // scoped by account and mode
        assertThat(store().claim("other", Mode.LIVE, key, "fp", LEASE)).isInstanceOf(IdempotencyStore.Claim.Acquired.class);
        assertThat(store().claim("acme", Mode.TEST, key, "fp", LEASE)).isInstanceOf(IdempotencyStore.Claim.Acquired.class);
    }

    /** A failure after a provider was called is replayed with its code and class. */
    @Test
    public void failuresAreReplayed() {
        String key = key();
        store().claim("acme", Mode.LIVE, key, "fp", LEASE);
        store().fail("acme", Mode.LIVE, key, ProviderException.of(FailureClass.AMBIGUOUS, "fake", "read timed out").channel(Channel.SMS).build());
        assertThat(store().claim("acme", Mode.LIVE, key, "fp", LEASE)).isInstanceOfSatisfying(IdempotencyStore.Claim.Failed.class, f -> {
            assertThat(f.error().code()).isEqualTo(ErrorCode.DELIVERY_UNKNOWN);
            assertThat(f.error()).isInstanceOfSatisfying(ProviderException.class,
                    p -> assertThat(p.failureClass()).isEqualTo(FailureClass.AMBIGUOUS));
        });
    }

    /** A claim refused before any provider call is forgotten: the key can be claimed again. */
    @Test
    public void abandonedClaimsAreForgotten() {
        String key = key();
        store().claim("acme", Mode.LIVE, key, "fp", LEASE);
        store().abandon("acme", Mode.LIVE, key);
        assertThat(store().claim("acme", Mode.LIVE, key, "fp", LEASE)).isInstanceOf(IdempotencyStore.Claim.Acquired.class);
        store().complete("acme", Mode.LIVE, key, receipt("msg_2"));
        store().abandon("acme", Mode.LIVE, key); // never forgets a completed key
        assertThat(store().claim("acme", Mode.LIVE, key, "fp", LEASE)).isInstanceOf(IdempotencyStore.Claim.Completed.class);
    }

    /** A holder that crashed frees its claim when the lease ends; records go after the retention. */
    @Test
    public void leasesAndRetentionEnd() {
        String crashed = key();
        store().claim("acme", Mode.LIVE, crashed, "fp", Duration.ofMillis(300));
        assertThat(store().claim("acme", Mode.LIVE, crashed, "fp", LEASE)).isInstanceOf(IdempotencyStore.Claim.InProgress.class);
        pass(Duration.ofMillis(400));
        assertThat(store().claim("acme", Mode.LIVE, crashed, "fp", LEASE)).isInstanceOf(IdempotencyStore.Claim.Acquired.class);

        String done = key();
        store().claim("acme", Mode.LIVE, done, "fp", LEASE);
        store().complete("acme", Mode.LIVE, done, receipt("msg_3"));
        pass(retention().plusMillis(200));
        assertThat(store().purgeExpired()).isGreaterThanOrEqualTo(1);
        assertThat(store().claim("acme", Mode.LIVE, done, "other-request", LEASE)).isInstanceOf(IdempotencyStore.Claim.Acquired.class);
    }
}
