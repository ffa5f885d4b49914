package dev.comms.providers.twilio;

import dev.comms.spi.SentQuery;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;

/**
 * What the SMS and voice lookups share: the time window an ambiguous send's resource must have been
 * created in, and how much of Twilio's list one lookup reads.
 *
 * <p>The window opens a minute before the first attempt (clock skew between us and Twilio) and closes
 * five minutes after the last attempt (Twilio creates the resource while it answers, so anything
 * later belongs to another send). Once it has closed, a resource that is not listed was not created:
 * the send was not accepted.
 */
final class TwilioLookups {
    /** Before the first attempt, for clock skew. */
    static final Duration EARLY = Duration.ofMinutes(1);
    /** After the last attempt. */
    static final Duration LATE = Duration.ofMinutes(5);
    /** Resources per page. */
    static final int PAGE_SIZE = 100;
    /** The most resources one lookup reads before answering unknown. */
    static final int MAX_SCANNED = 500;

    private TwilioLookups() {
    }

    /**
     * @param from the earliest creation time that counts
     * @param to the latest
     */
    record Window(Instant from, Instant to) {
        boolean contains(ZonedDateTime created) {
            if (created == null) {
                return false;
            }
            Instant t = created.toInstant();
            return !t.isBefore(from) && !t.isAfter(to);
        }

        /** @return true once nothing more can appear in the window */
        boolean closedAt(Instant now) {
            return now.isAfter(to);
        }
    }

    static Window window(SentQuery query) {
        return new Window(query.firstAttempt().minus(EARLY), query.lastAttempt().plus(LATE));
    }
}
