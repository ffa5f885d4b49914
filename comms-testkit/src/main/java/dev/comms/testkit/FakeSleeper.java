package dev.comms.testkit;

import dev.comms.spi.Sleeper;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A {@link Sleeper} that returns at once, records each pause and advances a {@link FakeClock}, so
 * retry back-off and Retry-After run in virtual time.
 */
public final class FakeSleeper implements Sleeper {
    private final FakeClock clock;
    private final List<Duration> sleeps = new CopyOnWriteArrayList<>();

    /**
     * @param clock the clock to advance, or {@code null}
     */
    public FakeSleeper(FakeClock clock) {
        this.clock = clock;
    }

    @Override
    public void sleep(Duration duration) {
        sleeps.add(duration);
        if (clock != null) {
            clock.advance(duration);
        }
    }

    /** @return every pause so far, in order */
    public List<Duration> sleeps() {
        return List.copyOf(sleeps);
    }

    /** @return the sum of the pauses */
    public Duration total() {
        return sleeps.stream().reduce(Duration.ZERO, Duration::plus);
    }

    /** Forgets the recorded pauses. */
    public void reset() {
        sleeps.clear();
    }
}
