package dev.comms.support;

import dev.comms.spi.Sleeper;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/** A clock and a sleeper that advances it, so retry schedules run in virtual time. */
public final class VirtualTime extends Clock implements Sleeper {
    private final AtomicLong millis = new AtomicLong(Instant.parse("2026-11-22T10:00:00Z").toEpochMilli());
    /** Every sleep requested, in order. */
    public final List<Duration> sleeps = Collections.synchronizedList(new ArrayList<>());

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }

    @Override
    public Instant instant() {
        return Instant.ofEpochMilli(millis.get());
    }

    /** @param t the time to move to (never backwards) */
    public void set(Instant t) {
        millis.accumulateAndGet(t.toEpochMilli(), Math::max);
    }

    /** @param d how far to move time */
    public void advance(Duration d) {
        millis.addAndGet(d.toMillis());
    }

    @Override
    public void sleep(Duration duration) {
        sleeps.add(duration);
        advance(duration);
    }
}
