package dev.comms.internal;

import dev.comms.event.EventStatus;
import dev.comms.spi.EventStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Events seen and message statuses in one JVM, each kept for the retention (7 days by default) and
 * forgotten through a queue in arrival order, so {@link #purgeExpired()} costs O(expired) and memory is
 * bounded by what arrived within the window.
 */
public final class InMemoryEventStore implements EventStore {
    private record Expiry(Instant at, boolean event, String key) {
    }

    private record State(EventStatus status, Instant until) {
    }

    private final Clock clock;
    private final Duration retention;
    private final Map<String, Instant> seen = new ConcurrentHashMap<>();
    private final Map<String, State> statuses = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<Expiry> expiries = new ConcurrentLinkedQueue<>();

    /**
     * @param clock the facade's clock
     * @param retention how long records are kept
     */
    public InMemoryEventStore(Clock clock, Duration retention) {
        this.clock = clock;
        this.retention = retention;
    }

    @Override
    public boolean firstSeen(String provider, String eventId) {
        String k = provider + "\u0000" + eventId;
        Instant until = clock.instant().plus(retention);
        boolean first = seen.putIfAbsent(k, until) == null;
        if (first) {
            expiries.add(new Expiry(until, true, k));
        }
        return first;
    }

    @Override
    public Optional<EventStatus> status(String messageKey) {
        State st = statuses.get(messageKey);
        return st == null ? Optional.empty() : Optional.of(st.status());
    }

    @Override
    public boolean advance(String messageKey, EventStatus next) {
        boolean[] moved = new boolean[1];
        Instant until = clock.instant().plus(retention);
        statuses.compute(messageKey, (k, current) -> {
            if (next.advances(current == null ? null : current.status())) {
                moved[0] = true;
                return new State(next, until);
            }
            return current;
        });
        if (moved[0]) {
            expiries.add(new Expiry(until, false, messageKey));
        }
        return moved[0];
    }

    @Override
    public int purgeExpired() {
        Instant now = clock.instant();
        int n = 0;
        for (Expiry e; (e = expiries.peek()) != null && !e.at().isAfter(now); ) {
            expiries.poll();
            if (e.event()) {
                seen.remove(e.key(), e.at());
            } else {
                Instant at = e.at();
                statuses.computeIfPresent(e.key(), (k, st) -> st.until().equals(at) ? null : st);
            }
            n++;
        }
        return n;
    }
}
