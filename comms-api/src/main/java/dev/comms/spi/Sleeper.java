package dev.comms.spi;

import java.time.Duration;

/**
 * Waits between retries. Tests inject one that advances a fake clock instead of sleeping, so
 * retry schedules run in virtual time.
 */
@FunctionalInterface
public interface Sleeper {
    /** Sleeps on the calling thread. */
    Sleeper SYSTEM = d -> Thread.sleep(d.toMillis(), (int) (d.toNanos() % 1_000_000));

    /**
     * @param duration how long to wait
     * @throws InterruptedException if interrupted while waiting
     */
    void sleep(Duration duration) throws InterruptedException;
}
