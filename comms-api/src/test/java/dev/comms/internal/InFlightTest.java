package dev.comms.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The in-flight count close() waits on: never below the sends still in flight, also when another thread ends them. */
class InFlightTest {
    @Test
    void aSendEndedOnAnotherThreadIsTakenBackFromItsOwnCell() throws Exception {
        InFlight f = new InFlight();
        int cell = f.enter();
        assertThat(f.sum()).isEqualTo(1);
        Thread other = new Thread(() -> f.leave(cell));
        other.start();
        other.join(10_000);
        assertThat(f.sum()).isZero();
    }

    @Test
    void neverCountsFewerThanTheSendsHeldOpenWhileOthersComeAndGoAcrossThreads() throws Exception {
        InFlight f = new InFlight();
        int held = f.enter();
        BlockingQueue<Integer> handoff = new ArrayBlockingQueue<>(1024);
        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong low = new AtomicLong(Long.MAX_VALUE);
        Thread producer = new Thread(() -> {
            for (int i = 0; i < 200_000 && !stop.get(); i++) {
                try {
                    handoff.put(f.enter());
                } catch (InterruptedException e) {
                    return;
                }
            }
            stop.set(true);
        });
        Thread consumer = new Thread(() -> {
            while (!stop.get() || !handoff.isEmpty()) {
                try {
                    Integer cell = handoff.poll(10, TimeUnit.MILLISECONDS);
                    if (cell != null) {
                        f.leave(cell);
                    }
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        producer.start();
        consumer.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!stop.get() && System.nanoTime() < deadline) {
            low.accumulateAndGet(f.sum(), Math::min);
        }
        stop.set(true);
        producer.join(10_000);
        consumer.join(10_000);
        assertThat(low.get()).as("lowest count seen while one send was held open").isGreaterThanOrEqualTo(1);
        f.leave(held);
        assertThat(f.sum()).isZero();
    }
}
