package dev.comms.billing;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Returns the credits of in-flight holds whose lease ran out (a crashed process), and commits
 * outcome-unknown holds whose lease ran out, by calling {@link Ledger#expireDue()} and
 * {@link Ledger#commitUnknownDue()} on a schedule. A facade with a {@link LedgerCreditMeter} does this
 * itself ({@code comms.maintenance.interval}) and reports each commit to its listeners; this sweeper is
 * for a ledger used without a facade. Several sweepers, in one JVM or
 * many, may run against one database: the JDBC ledger takes due holds with
 * {@code FOR UPDATE SKIP LOCKED}, so each hold expires once and sweepers never wait for each other.
 *
 * <pre>{@code
 * try (LedgerSweeper sweeper = LedgerSweeper.start(ledger, Duration.ofSeconds(30))) { ... }
 * }</pre>
 */
public final class LedgerSweeper implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LedgerSweeper.class);

    private final Ledger ledger;
    private final Duration retention;
    private final ScheduledExecutorService executor;
    private final AtomicLong expired = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();

    private LedgerSweeper(Ledger ledger, Duration retention) {
        this.ledger = ledger;
        this.retention = retention;
        this.executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "comms-ledger-sweeper");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Starts sweeping.
     *
     * @param ledger the ledger
     * @param every the pause between sweeps; positive
     * @return the running sweeper; close it to stop
     */
    public static LedgerSweeper start(Ledger ledger, Duration every) {
        return start(ledger, every, Duration.ofHours(24));
    }

    /**
     * Starts sweeping, and purging resolved holds older than {@code retention} (the journal is kept).
     *
     * @param ledger the ledger
     * @param every the pause between sweeps; positive
     * @param retention how long resolved holds are kept; zero or positive
     * @return the running sweeper; close it to stop
     */
    public static LedgerSweeper start(Ledger ledger, Duration every, Duration retention) {
        Objects.requireNonNull(ledger, "ledger");
        if (every == null || every.isNegative() || every.isZero()) {
            throw new IllegalArgumentException("sweep interval must be positive: " + every);
        }
        if (retention == null || retention.isNegative()) {
            throw new IllegalArgumentException("retention must be zero or positive: " + retention);
        }
        LedgerSweeper s = new LedgerSweeper(ledger, retention);
        s.executor.scheduleWithFixedDelay(s::sweepQuietly, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
        return s;
    }

    /**
     * Sweeps now, until no due hold is left.
     *
     * @return holds expired by this call
     */
    public int sweepNow() {
        int total = 0;
        for (int n; (n = ledger.expireDue()) > 0; ) {
            total += n;
        }
        for (Settled s : ledger.commitUnknownDue()) {
            // No listener here: a facade with a LedgerCreditMeter reports these through CommsListener.onBilling.
            LOG.warn("Comms ledger sweeper committed hold {} of account {} ({}): its outcome was still unknown when its lease ended",
                    s.hold().id(), s.hold().account(), s.settlement().charged().format());
            total++;
        }
        expired.addAndGet(total);
        return total;
    }

    private void sweepQuietly() {
        try {
            int n = sweepNow();
            ledger.purgeResolved(retention);
            if (n > 0) {
                LOG.info("Comms ledger sweeper expired {} hold(s) whose lease ran out", n);
            }
            failures.set(0);
        } catch (RuntimeException e) {
            if (failures.incrementAndGet() == 1) {
                LOG.warn("Comms ledger sweeper failed (it will retry; further failures are logged at DEBUG): {}", e.toString());
            } else {
                LOG.debug("Comms ledger sweeper failed again: {}", e.toString());
            }
        }
    }

    /** @return holds expired since the sweeper started */
    public long expiredTotal() {
        return expired.get();
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
