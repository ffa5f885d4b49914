package dev.comms;

import static org.assertj.core.api.Assertions.assertThat;

import dev.comms.spi.RetryAfter;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RetryAfterTest {
    final Instant now = Instant.parse("2026-11-23T10:00:00Z");

    @Test
    void secondsFractionsAndDates() {
        assertThat(RetryAfter.parse("7", now)).contains(Duration.ofSeconds(7));
        assertThat(RetryAfter.parse(" 1.5 ", now)).contains(Duration.ofMillis(1500));
        assertThat(RetryAfter.parse("Mon, 23 Nov 2026 10:00:30 GMT", now)).contains(Duration.ofSeconds(30));
    }

    @Test
    void clampedAndUnreadable() {
        assertThat(RetryAfter.parse("-5", now)).contains(Duration.ZERO);
        assertThat(RetryAfter.parse("Mon, 23 Nov 2026 09:00:00 GMT", now)).contains(Duration.ZERO);
        assertThat(RetryAfter.parse("99999999", now)).contains(RetryAfter.MAX);
        assertThat(RetryAfter.parse("soon", now)).isEmpty();
        assertThat(RetryAfter.parse(null, now)).isEmpty();
        assertThat(RetryAfter.parse("NaN", now)).isEmpty();
    }

    @Test
    void epochSecondResets() {
        assertThat(RetryAfter.untilEpochSecond(Long.toString(now.getEpochSecond() + 42), now)).contains(Duration.ofSeconds(42));
        assertThat(RetryAfter.untilEpochSecond(Long.toString(now.getEpochSecond() - 42), now)).contains(Duration.ZERO);
        assertThat(RetryAfter.untilEpochSecond("tomorrow", now)).isEmpty();
    }
}
