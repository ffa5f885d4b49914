package dev.comms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.comms.spi.LimitStore;
import dev.comms.spi.LimitStoreUnavailableException;
import dev.comms.support.ScriptedProvider;
import dev.comms.support.VirtualTime;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.TimeMeter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/**
 * The facade's limits through the public API, in virtual time: the hosted preset with 50 callers, the
 * exact retry-after, concurrency slots kept while a call is in progress, per-account overrides, SMS
 * counted in segments, and a limit store that is down (fail closed, or blind by choice).
 */
class LimitsTest {
    private final VirtualTime time = new VirtualTime();

    private Comms.Builder builder(ScriptedProvider p) {
        return Comms.builder().ambientConfiguration(false).autoDiscovery(false).clock(time).sleeper(time).provider(p)
                .property("comms.voice.from", "+447123456780").property("comms.maintenance.interval", "0");
    }

    private static VoiceCall call() {
        return VoiceCall.to("+447123456789").say("Your table is ready").build();
    }

    private static Sms sms(String body) {
        return Sms.to("+447123456789").body(body).build();
    }

    /** The 50-caller simulation's result. */
    private record Run(List<Instant> admitted, int maxInFlight, int refusedRate, int refusedConcurrency, int honoured, int retries) {
        int maxInWindow(Duration window) {
            int max = 0;
            for (int i = 0, j = 0; i < admitted.size(); i++) {
                while (!admitted.get(j).plus(window).isAfter(admitted.get(i))) {
                    j++;
                }
                max = Math.max(max, i - j + 1);
            }
            return max;
        }
    }

    /**
     * 50 callers place calls for 10 virtual minutes; a call lasts 5-40 s and is then settled; a
     * rate refusal is retried exactly after its retry-after, a concurrency refusal when a call ends.
     */
    private Run simulate(Comms comms, long seed) {
        record Event(Instant at, int caller, boolean end, CallReceipt call) {
        }
        Random r = new Random(seed);
        PriorityQueue<Event> events = new PriorityQueue<>((a, b) -> a.at().compareTo(b.at()));
        Instant start = time.instant();
        for (int c = 0; c < 50; c++) {
            events.add(new Event(start.plusMillis(r.nextInt(5_000)), c, false, null));
        }
        List<Instant> admitted = new ArrayList<>();
        List<Integer> waitingForSlot = new ArrayList<>();
        Map<Integer, Instant> retryAt = new ConcurrentHashMap<>();
        int inFlight = 0;
        int maxInFlight = 0;
        int refusedRate = 0;
        int refusedConc = 0;
        int honoured = 0;
        int retries = 0;
        Instant stop = start.plus(Duration.ofMinutes(10));
        while (!events.isEmpty()) {
            Event e = events.poll();
            time.set(e.at());
            if (e.end()) {
                comms.voice().settle(e.call(), Duration.ofSeconds(30));
                inFlight--;
                for (Integer w : waitingForSlot) {
                    events.add(new Event(time.instant(), w, false, null));
                }
                waitingForSlot.clear();
                continue;
            }
            if (time.instant().isAfter(stop)) {
                continue;
            }
            boolean isRetry = e.at().equals(retryAt.remove(e.caller()));
            try {
                CallReceipt placed = comms.voice().send(call());
                admitted.add(time.instant());
                inFlight++;
                maxInFlight = Math.max(maxInFlight, inFlight);
                if (isRetry) {
                    honoured++;
                }
                events.add(new Event(time.instant().plusSeconds(5 + r.nextInt(35)), e.caller(), true, placed));
                events.add(new Event(time.instant().plusSeconds(1 + r.nextInt(30)), e.caller(), false, null));
            } catch (RateLimitedException x) {
                if (x.retryAfter().isPresent()) {
                    refusedRate++;
                    if (isRetry) {
                        retries++;
                    }
                    Instant at = time.instant().plus(x.retryAfter().get());
                    retryAt.put(e.caller(), at);
                    events.add(new Event(at, e.caller(), false, null));
                } else {
                    refusedConc++;
                    waitingForSlot.add(e.caller());
                }
            }
        }
        return new Run(admitted, maxInFlight, refusedRate, refusedConc, honoured, retries);
    }

    @Test
    void theHostedVoicePresetHoldsEverySlidingMinuteToTenAndFiveCallsInProgress() {
        ScriptedProvider p = ScriptedProvider.of("p", Channel.VOICE);
        try (Comms comms = builder(p).property("comms.limits.preset", "hosted").build()) {
            Run run = simulate(comms, 42);
            int window = run.maxInWindow(Duration.ofSeconds(60));
            System.out.println("limits_voice_preset callers=50 minutes=10 admitted=" + run.admitted().size() + " max_in_flight="
                    + run.maxInFlight() + " max_per_sliding_60s=" + window + " refused_rate=" + run.refusedRate() + " refused_concurrency="
                    + run.refusedConcurrency() + " retries_admitted_at_their_retry_after=" + run.honoured());
            assertThat(run.maxInFlight()).isEqualTo(5);
            assertThat(window).isLessThanOrEqualTo(10);
            assertThat(run.admitted().size()).isGreaterThan(50); // the limits admit, they do not starve
            assertThat(run.refusedRate() + run.refusedConcurrency()).isGreaterThan(0);
            assertThat(p.calls.get()).isEqualTo(run.admitted().size());
            assertThat(comms.health().channels().stream().filter(c -> c.channel() == Channel.VOICE).findFirst().orElseThrow().limits())
                    .satisfies(l -> {
                        assertThat(l.rate()).isEqualTo("10/1m");
                        assertThat(l.concurrency()).isEqualTo(5);
                        assertThat(l.refused()).isEqualTo(run.refusedRate() + run.refusedConcurrency());
                    });
        }
    }

    /** A store on Bucket4j token buckets (capacity N, refilled greedily N per period): the negative control. */
    private static final class TokenBucketStore implements LimitStore {
        private final LimitStore slots;
        private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();
        private final TimeMeter meter;

        TokenBucketStore(VirtualTime time) {
            this.slots = LimitStore.inMemory(time);
            this.meter = new TimeMeter() {
                @Override
                public long currentTimeNanos() {
                    return time.millis() * 1_000_000L;
                }

                @Override
                public boolean isWallClockBased() {
                    return true;
                }
            };
        }

        @Override
        public Acquisition acquire(String key, int max, int units, String holder, Duration lease) {
            if (key.startsWith("concurrency")) {
                return slots.acquire(key, max, units, holder, lease);
            }
            Bucket b = buckets.computeIfAbsent(key, k -> Bucket.builder().withCustomTimePrecision(meter)
                    .addLimit(Bandwidth.builder().capacity(max).refillGreedy(max, lease).build()).build());
            var probe = b.tryConsumeAndReturnRemaining(units);
            return probe.isConsumed() ? Acquisition.TAKEN : new Acquisition(false, Duration.ofNanos(probe.getNanosToWaitForRefill()));
        }

        @Override
        public void release(String key, String holder) {
            slots.release(key, holder);
        }

        @Override
        public int inUse(String key) {
            return slots.inUse(key);
        }
    }

    @Test
    void aTokenBucketWouldLetMoreThanTenIntoSomeSlidingMinute() {
        ScriptedProvider p = ScriptedProvider.of("p", Channel.VOICE);
        try (Comms comms = builder(p).property("comms.limits.preset", "hosted").limitStore(new TokenBucketStore(time)).build()) {
            Run run = simulate(comms, 42);
            int window = run.maxInWindow(Duration.ofSeconds(60));
            System.out.println("limits_token_bucket_control max_per_sliding_60s=" + window + " (a token bucket of 10/min)");
            assertThat(window).as("the control must break the sliding-window promise, or the test proves nothing").isGreaterThan(10);
        }
    }

    @Test
    void aRateRefusalsRetryAfterIsExact() {
        ScriptedProvider p = ScriptedProvider.of("p", Channel.SMS);
        try (Comms comms = builder(p).property("comms.limits.sms.rate", "10/1m").build()) {
            for (int i = 0; i < 10; i++) {
                comms.sms().send(sms("n" + i));
                time.advance(Duration.ofSeconds(3));
            }
            RateLimitedException refused = org.junit.jupiter.api.Assertions.assertThrows(RateLimitedException.class,
                    () -> comms.sms().send(sms("eleventh")));
            assertThat(refused.code()).isEqualTo(ErrorCode.RATE_LIMITED);
            assertThat(refused.status()).isEqualTo(429);
            Duration wait = refused.retryAfter().orElseThrow();
            assertThat(wait).isEqualTo(Duration.ofSeconds(30)); // the first of the ten was 60 s before now + 30 s
            time.advance(wait.minusMillis(1));
            assertThatThrownBy(() -> comms.sms().send(sms("a millisecond early"))).isInstanceOf(RateLimitedException.class);
            time.advance(Duration.ofMillis(1));
            assertThat(comms.sms().send(sms("on time")).provider()).isEqualTo("p");
        }
        assertThat(p.calls.get()).isEqualTo(11);
    }

    @Test
    void waitingForTheRateInsteadOfRefusingIsBoundedByTheSetting() {
        ScriptedProvider p = ScriptedProvider.of("p", Channel.SMS);
        try (Comms comms = builder(p).property("comms.limits.sms.rate", "2/1m").property("comms.limits.wait", "90s").build()) {
            Instant t0 = time.instant();
            for (int i = 0; i < 3; i++) {
                comms.sms().send(sms("n" + i)); // the third waits the minute, inside the 90 s bound
            }
            assertThat(Duration.between(t0, time.instant())).isEqualTo(Duration.ofMinutes(1));
        }
        try (Comms comms = builder(p).property("comms.limits.sms.rate", "2/1m").property("comms.limits.wait", "30s").build()) {
            Instant t0 = time.instant();
            comms.sms().send(sms("a"));
            comms.sms().send(sms("b"));
            assertThatThrownBy(() -> comms.sms().send(sms("beyond the bound"))).isInstanceOfSatisfying(RateLimitedException.class,
                    e -> assertThat(e.retryAfter()).contains(Duration.ofMinutes(1)));
            assertThat(time.instant()).isEqualTo(t0); // refused at once, not after waiting 30 s for nothing
        }
        assertThat(p.calls.get()).isEqualTo(5);
    }

    @Test
    void aCallKeepsItsSlotWhileInProgressAndFreesItWhenSettled() {
        ScriptedProvider p = ScriptedProvider.of("p", Channel.VOICE, Channel.SMS);
        try (Comms comms = builder(p).property("comms.limits.voice.concurrency", "2").property("comms.limits.sms.concurrency", "1").build()) {
            CallReceipt a = comms.voice().send(call());
            comms.voice().send(call());
            assertThatThrownBy(() -> comms.voice().send(call())).isInstanceOfSatisfying(RateLimitedException.class,
                    e -> assertThat(e.getMessage()).contains("calls in progress"));
            comms.voice().settle(a, Duration.ofSeconds(40));
            comms.voice().send(call());
            // an SMS holds its slot only while it is being sent
            comms.sms().send(sms("one"));
            comms.sms().send(sms("two"));
            assertThat(comms.health().channels().stream().filter(c -> c.channel() == Channel.VOICE).findFirst().orElseThrow()
                    .limits().inFlight()).isEqualTo(2);
        }
        assertThat(p.calls.get()).isEqualTo(5);
    }

    @Test
    void aFailedSendFreesItsSlotAndARefusalReachesNoProvider() {
        ScriptedProvider p = ScriptedProvider.of("p", Channel.VOICE);
        p.script.add(() -> ProviderException.of(FailureClass.PERMANENT, "p", "invalid To").httpStatus(400).build());
        try (Comms comms = builder(p).property("comms.limits.voice.concurrency", "1").build()) {
            assertThatThrownBy(() -> comms.voice().send(call())).isInstanceOf(ProviderException.class);
            comms.voice().send(call()); // the failed call did not keep the slot
            int before = p.calls.get();
            assertThatThrownBy(() -> comms.voice().send(call())).isInstanceOf(RateLimitedException.class);
            assertThat(p.calls.get()).isEqualTo(before);
        }
    }

    @Test
    void anAccountOverrideAndSegmentsCountWhereConfigured() {
        ScriptedProvider p = ScriptedProvider.of("p", Channel.SMS);
        try (Comms comms = builder(p).property("comms.limits.sms.rate", "3/1m").property("comms.limits.sms.unit", "segments")
                .property("comms.limits.account.big.corp.sms.rate", "100/1m").build()) {
            comms.sms().send(sms("a".repeat(161))); // 2 segments
            assertThatThrownBy(() -> comms.sms().send(sms("a".repeat(161)))).isInstanceOf(RateLimitedException.class);
            comms.sms().send(sms("one segment"));
            Comms big = comms.forAccount("big.corp");
            for (int i = 0; i < 20; i++) {
                big.sms().send(sms("a".repeat(161)));
            }
        }
        assertThat(p.calls.get()).isEqualTo(22);
    }

    /** A store whose backend is gone. */
    private static final class DownStore implements LimitStore {
        @Override
        public Acquisition acquire(String key, int max, int units, String holder, Duration lease) {
            throw new LimitStoreUnavailableException("connection refused", null);
        }

        @Override
        public void release(String key, String holder) {
            throw new LimitStoreUnavailableException("connection refused", null);
        }

        @Override
        public int inUse(String key) {
            throw new LimitStoreUnavailableException("connection refused", null);
        }
    }

    @Test
    void aLimitStoreThatIsDownRefusesByDefaultAndAdmitsBlindOnlyByChoice() {
        ScriptedProvider p = ScriptedProvider.of("p", Channel.SMS);
        try (Comms comms = builder(p).property("comms.limits.sms.rate", "10/1m").limitStore(new DownStore()).build()) {
            assertThatThrownBy(() -> comms.sms().send(sms("x"))).isInstanceOfSatisfying(CommsException.class, e -> {
                assertThat(e.code()).isEqualTo(ErrorCode.SERVICE_UNAVAILABLE);
                assertThat(e.getMessage()).contains("limit store");
            });
            assertThat(p.calls.get()).isZero();
        }
        try (Comms comms = builder(p).property("comms.limits.sms.rate", "10/1m").property("comms.limits.on-store-failure", "admit")
                .limitStore(new DownStore()).build()) {
            comms.sms().send(sms("x"));
            comms.sms().send(sms("y"));
            assertThat(comms.health().channels().stream().filter(c -> c.channel() == Channel.SMS).findFirst().orElseThrow().limits()
                    .blindAdmissions()).isEqualTo(2);
        }
        assertThat(p.calls.get()).isEqualTo(2);
    }

    @Test
    void limitsAreOffUnlessConfiguredAndBadSettingsAreReportedTogether() {
        ScriptedProvider p = ScriptedProvider.of("p", Channel.SMS);
        try (Comms comms = builder(p).build()) {
            for (int i = 0; i < 500; i++) {
                comms.sms().send(sms("n" + i));
            }
            assertThat(comms.health().channels().get(0).limits()).isEqualTo(LimitsHealth.NONE);
        }
        assertThatThrownBy(() -> builder(p).property("comms.limits.sms.rate", "lots").property("comms.limits.voice.concurrency", "-1")
                .property("comms.limits.preset", "generous").build()).isInstanceOfSatisfying(CommsConfigurationException.class, e -> {
                    assertThat(e.problems()).hasSize(3);
                    assertThat(String.join(" ", e.problems())).contains("comms.limits.sms.rate", "100/1m", "comms.limits.voice.concurrency",
                            "comms.limits.preset");
                });
    }
}
