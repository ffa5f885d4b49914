package dev.comms.billing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.comms.Mode;
import dev.comms.Money;
import dev.comms.billing.contract.LedgerScenarios;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * "Once per crossing" when many sends observe the crossing at the same moment. The listener waits for
 * every other observer to return first: with the compare-and-set they return at once and the listener
 * fires once; an implementation that checks, fires and only then records the crossing lets all 32
 * threads into the listener (each waits out its timeout) and fires 32 times.
 */
class LowBalanceMonitorTest {
    @Test
    void concurrentObserversFireTheListenerOnce() throws Exception {
        int threads = 32;
        AtomicInteger fired = new AtomicInteger();
        CountDownLatch returned = new CountDownLatch(threads - 1);
        LowBalanceMonitor monitor = new LowBalanceMonitor(Money.ofPence(100), (account, mode, available, threshold) -> {
            fired.incrementAndGet();
            try {
                returned.await(2, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        LedgerScenarios.run(threads, t -> {
            monitor.observe("acme", Mode.LIVE, Money.ofPence(50));
            returned.countDown();
        });
        assertThat(fired.get()).isEqualTo(1);
        monitor.observe("acme", Mode.LIVE, Money.ofPence(150));
        monitor.observe("acme", Mode.LIVE, Money.ofPence(40));
        assertThat(fired.get()).as("a new crossing after a top-up fires again").isEqualTo(2);
    }
}
