package dev.comms.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.comms.Billing;
import dev.comms.Channel;
import dev.comms.Comms;
import dev.comms.CommsConfigurationException;
import dev.comms.DeliveryStatus;
import dev.comms.Mode;
import dev.comms.Receipt;
import dev.comms.SendOptions;
import dev.comms.Sms;
import dev.comms.SmsReceipt;
import dev.comms.SmsSegments;
import dev.comms.spi.IdempotencyStore.Claim;
import dev.comms.support.ScriptedProvider;
import dev.comms.support.VirtualTime;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The in-memory idempotency store's bound, eviction order, O(expired) purge and compact receipts. */
class InMemoryIdempotencyStoreBoundTest {
    private static final Duration TTL = Duration.ofHours(24);
    private static final Duration LEASE = Duration.ofMinutes(5);
    private final VirtualTime time = new VirtualTime();

    private static Receipt receipt(String id) {
        return new SmsReceipt(id, "acct", Mode.LIVE, "p", "SM" + id, DeliveryStatus.QUEUED, 1, Billing.NOT_METERED, Instant.EPOCH,
                "+447123456789", SmsSegments.of("hello " + id));
    }

    private static Claim claim(InMemoryIdempotencyStore s, String key) {
        return s.claim("acct", Mode.LIVE, key, "fp-" + key, LEASE);
    }

    private static void send(InMemoryIdempotencyStore s, String key) {
        assertThat(claim(s, key)).isInstanceOf(Claim.Acquired.class);
        s.complete("acct", Mode.LIVE, key, receipt(key));
    }

    @Test
    void beyondTheBoundTheOldestCompletedKeysAreForgottenFirst() {
        InMemoryIdempotencyStore s = new InMemoryIdempotencyStore(time, TTL, 3);
        send(s, "k1");
        send(s, "k2");
        send(s, "k3");
        send(s, "k4");
        assertThat(s.size()).isEqualTo(3);
        assertThat(s.evictions()).isEqualTo(1);
        assertThat(claim(s, "k2")).isInstanceOf(Claim.Completed.class);
        assertThat(claim(s, "k3")).isInstanceOf(Claim.Completed.class);
        assertThat(claim(s, "k4")).isInstanceOf(Claim.Completed.class);
        // k1, the oldest, was forgotten: its key is free again (and claiming it forgets the next oldest, k2).
        assertThat(claim(s, "k1")).isInstanceOf(Claim.Acquired.class);
        assertThat(s.size()).isEqualTo(3);
        assertThat(claim(s, "k3")).isInstanceOf(Claim.Completed.class);
        assertThat(claim(s, "k2")).isInstanceOf(Claim.Acquired.class);
    }

    @Test
    void aClaimInFlightIsNeverEvictedEvenPastTheBound() {
        InMemoryIdempotencyStore s = new InMemoryIdempotencyStore(time, TTL, 2);
        assertThat(claim(s, "k1")).isInstanceOf(Claim.Acquired.class);
        assertThat(claim(s, "k2")).isInstanceOf(Claim.Acquired.class);
        assertThat(claim(s, "k3")).isInstanceOf(Claim.Acquired.class);
        // Three sends in flight with a bound of two: all kept, so none can be sent twice.
        assertThat(s.size()).isEqualTo(3);
        assertThat(claim(s, "k1")).isInstanceOf(Claim.InProgress.class);
        assertThat(claim(s, "k2")).isInstanceOf(Claim.InProgress.class);
        s.complete("acct", Mode.LIVE, "k2", receipt("k2"));
        assertThat(claim(s, "k4")).isInstanceOf(Claim.Acquired.class);
        // The completed k2 goes, although k1 is older: k1 is still in flight.
        assertThat(claim(s, "k1")).isInstanceOf(Claim.InProgress.class);
        assertThat(claim(s, "k3")).isInstanceOf(Claim.InProgress.class);
        assertThat(claim(s, "k4")).isInstanceOf(Claim.InProgress.class);
        assertThat(s.evictions()).isEqualTo(1);
        assertThat(s.size()).isEqualTo(3);
        // Once its lease has ended, a claim is no longer in flight, and may go.
        time.advance(LEASE.plusSeconds(1));
        s.complete("acct", Mode.LIVE, "k3", receipt("k3"));
        s.complete("acct", Mode.LIVE, "k4", receipt("k4"));
        assertThat(claim(s, "k5")).isInstanceOf(Claim.Acquired.class);
        assertThat(s.size()).isEqualTo(2);
    }

    @Test
    void purgeLooksOnlyAtWhatExpired() {
        InMemoryIdempotencyStore s = new InMemoryIdempotencyStore(time, TTL, 1_000_000);
        for (int i = 0; i < 10; i++) {
            send(s, "old-" + i);
        }
        time.advance(Duration.ofHours(1));
        for (int i = 0; i < 10_000; i++) {
            send(s, "new-" + i);
        }
        time.advance(TTL.minusHours(1).plusSeconds(1));
        long before = s.ticketsVisited();
        assertThat(s.purgeExpired()).isEqualTo(10);
        // A scan of the map would look at all 10,010 records; the queue looks at the 10 that expired.
        assertThat(s.ticketsVisited() - before).isEqualTo(10);
        assertThat(s.size()).isEqualTo(10_000);
        assertThat(claim(s, "old-3")).isInstanceOf(Claim.Acquired.class);
        assertThat(claim(s, "new-3")).isInstanceOf(Claim.Completed.class);
    }

    @Test
    void aRecordCompletedLateIsKeptItsFullRetentionFromCompletion() {
        InMemoryIdempotencyStore s = new InMemoryIdempotencyStore(time, TTL, 100);
        assertThat(claim(s, "slow")).isInstanceOf(Claim.Acquired.class);
        time.advance(Duration.ofHours(2));
        s.complete("acct", Mode.LIVE, "slow", receipt("slow"));
        time.advance(TTL.minusHours(1));
        assertThat(s.purgeExpired()).isZero();
        assertThat(claim(s, "slow")).isInstanceOf(Claim.Completed.class);
        time.advance(Duration.ofHours(2));
        assertThat(s.purgeExpired()).isEqualTo(1);
        assertThat(s.size()).isZero();
    }

    @Test
    void abandonedKeysLeaveNoTicketsBeyondTheBound() {
        InMemoryIdempotencyStore s = new InMemoryIdempotencyStore(time, TTL, 10);
        for (int i = 0; i < 1_000; i++) {
            assertThat(claim(s, "refused-" + i)).isInstanceOf(Claim.Acquired.class);
            s.abandon("acct", Mode.LIVE, "refused-" + i);
        }
        assertThat(s.size()).isZero();
        assertThat(s.ticketsVisited()).isGreaterThanOrEqualTo(990);
    }

    @Test
    void compactFingerprintsStillTellRequestsApart() {
        InMemoryIdempotencyStore s = new InMemoryIdempotencyStore(time, TTL, 10);
        String fp = new Fingerprint().add("body", "one").sha256();
        String other = new Fingerprint().add("body", "two").sha256();
        assertThat(s.claim("acct", Mode.LIVE, "k", fp, LEASE)).isInstanceOf(Claim.Acquired.class);
        s.complete("acct", Mode.LIVE, "k", receipt("k"));
        assertThat(s.claim("acct", Mode.LIVE, "k", fp, LEASE)).isInstanceOf(Claim.Completed.class);
        assertThat(s.claim("acct", Mode.LIVE, "k", other, LEASE)).isInstanceOf(Claim.Conflict.class);
        assertThat(s.claim("acct", Mode.LIVE, "k", fp.toUpperCase(java.util.Locale.ROOT), LEASE)).isInstanceOf(Claim.Conflict.class);
        // A fingerprint that is not SHA-256 hex is kept and compared whole.
        assertThat(s.claim("acct", Mode.LIVE, "plain", "request-a", LEASE)).isInstanceOf(Claim.Acquired.class);
        assertThat(s.claim("acct", Mode.LIVE, "plain", "request-a", LEASE)).isInstanceOf(Claim.InProgress.class);
        assertThat(s.claim("acct", Mode.LIVE, "plain", "request-b", LEASE)).isInstanceOf(Claim.Conflict.class);
    }

    @Test
    void storedSmsReceiptsKeepNoBodyAndAReplayGetsItBack() {
        InMemoryIdempotencyStore s = new InMemoryIdempotencyStore(time, TTL, 10);
        SmsReceipt original = (SmsReceipt) receipt("r");
        assertThat(claim(s, "r")).isInstanceOf(Claim.Acquired.class);
        s.complete("acct", Mode.LIVE, "r", original);
        SmsReceipt stored = (SmsReceipt) ((Claim.Completed) claim(s, "r")).receipt();
        assertThat(stored.segments().body()).isEmpty();
        assertThat(stored.segments().segmentSizes()).isEqualTo(original.segments().segmentSizes());
        Plan plan = new Plan(null, "GB", SmsSegments.of("hello r"), Set.of(), () -> "fp-r", Duration.ZERO);
        assertThat(StoredReceipts.restore(stored, plan)).isEqualTo(original);
    }

    @Test
    void theFacadeReadsTheBoundFromConfiguration() {
        ScriptedProvider p = ScriptedProvider.of("p", Channel.SMS);
        try (Comms comms = Comms.builder().ambientConfiguration(false).autoDiscovery(false).clock(time).sleeper(time).provider(p)
                .property("comms.idempotency.max-keys", "2").build()) {
            SmsReceipt first = comms.sms().send(Sms.to("+447123456789").body("one").build(), SendOptions.idempotencyKey("a"));
            SmsReceipt replay = comms.sms().send(Sms.to("+447123456789").body("one").build(), SendOptions.idempotencyKey("a"));
            assertThat(replay).isEqualTo(first);
            assertThat(replay.segments().body()).isEqualTo("one");
            comms.sms().send(Sms.to("+447123456789").body("two").build(), SendOptions.idempotencyKey("b"));
            comms.sms().send(Sms.to("+447123456789").body("three").build(), SendOptions.idempotencyKey("c"));
            // "a" was forgotten by the bound of 2: the same key with another body is a new send, not a conflict.
            SmsReceipt again = comms.sms().send(Sms.to("+447123456789").body("other").build(), SendOptions.idempotencyKey("a"));
            assertThat(again.id()).isNotEqualTo(first.id());
        }
        assertThatThrownBy(() -> Comms.builder().ambientConfiguration(false).autoDiscovery(false).property("comms.idempotency.max-keys", "0")
                .build()).isInstanceOf(CommsConfigurationException.class).hasMessageContaining("comms.idempotency.max-keys");
    }
}
