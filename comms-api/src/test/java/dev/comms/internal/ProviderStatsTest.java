package dev.comms.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.comms.FailureClass;
import dev.comms.ProviderException;
import dev.comms.ProviderHealth;
import dev.comms.support.VirtualTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The breaker's rules, and that its lock-free state and counters stay exact under contention. */
class ProviderStatsTest {
    private final VirtualTime time = new VirtualTime();
    private static final ProviderException DOWN = ProviderException.of(FailureClass.NOT_SENT, "p", "503").httpStatus(503).build();

    @Test
    void opensAfterTheThresholdThenLetsOneTrialThroughAndClosesOnSuccess() {
        ProviderStats s = new ProviderStats("p", time, 3, Duration.ofSeconds(30));
        s.failure(1, DOWN, true);
        s.failure(1, DOWN, false); // does not count
        s.failure(1, DOWN, true);
        assertThat(s.circuit()).isEqualTo("closed");
        s.failure(1, DOWN, true);
        assertThat(s.circuit()).isEqualTo("open");
        assertThat(s.tryAcquire()).isFalse();
        time.advance(Duration.ofSeconds(31));
        assertThat(s.circuit()).isEqualTo("half-open");
        assertThat(s.tryAcquire()).isTrue();
        assertThat(s.tryAcquire()).isFalse();
        s.releaseTrial();
        assertThat(s.tryAcquire()).isTrue();
        s.failure(1, DOWN, true); // the trial failed: open again from now
        assertThat(s.circuit()).isEqualTo("open");
        time.advance(Duration.ofSeconds(31));
        assertThat(s.tryAcquire()).isTrue();
        s.success(1);
        assertThat(s.circuit()).isEqualTo("closed");
        assertThat(s.tryAcquire()).isTrue();
        ProviderHealth h = s.snapshot();
        assertThat(h.requests()).isEqualTo(6);
        assertThat(h.errors()).isEqualTo(5);
        assertThat(h.recentErrors()).hasSize(5);
        assertThat(h.lastSuccess()).isEqualTo(time.instant());
    }

    @Test
    void aHalfOpenCircuitAdmitsExactlyOneTrialUnderContention() throws Exception {
        int threads = 4;
        int rounds = 2_000;
        ProviderStats s = new ProviderStats("p", time, 1, Duration.ofSeconds(1));
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CyclicBarrier start = new CyclicBarrier(threads);
            for (int r = 0; r < rounds; r++) {
                s.failure(1, DOWN, true);
                time.advance(Duration.ofSeconds(2));
                AtomicInteger admitted = new AtomicInteger();
                List<Future<?>> fs = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    fs.add(pool.submit(() -> {
                        start.await(10, TimeUnit.SECONDS);
                        for (int i = 0; i < 3; i++) {
                            if (s.tryAcquire()) {
                                admitted.incrementAndGet();
                            }
                        }
                        return null;
                    }));
                }
                for (Future<?> f : fs) {
                    f.get(10, TimeUnit.SECONDS);
                }
                assertThat(admitted.get()).as("trials admitted in round %d", r).isEqualTo(1);
                s.success(1);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void countersLoseNoUpdateUnderContention() throws Exception {
        int threads = 4;
        int each = 20_000;
        ProviderStats s = new ProviderStats("p", time, 1_000_000_000, Duration.ofSeconds(30));
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CyclicBarrier start = new CyclicBarrier(threads);
            List<Future<?>> fs = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int id = t;
                fs.add(pool.submit(() -> {
                    start.await(10, TimeUnit.SECONDS);
                    for (int i = 0; i < each; i++) {
                        if (id == 0 && i % 4 == 0) {
                            s.failure(5, DOWN, false);
                        } else {
                            s.success(5);
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : fs) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        ProviderHealth h = s.snapshot();
        assertThat(h.requests()).isEqualTo((long) threads * each);
        assertThat(h.errors()).isEqualTo(each / 4);
        assertThat(s.errors()).isEqualTo(each / 4);
        assertThat(h.recentErrors()).hasSize(10);
        assertThat(s.circuit()).isEqualTo("closed");
    }
}
