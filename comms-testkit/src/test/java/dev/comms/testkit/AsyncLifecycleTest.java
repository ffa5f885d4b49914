package dev.comms.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.comms.Comms;
import dev.comms.CommsException;
import dev.comms.ErrorCode;
import dev.comms.Sms;
import dev.comms.SmsReceipt;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * sendAsync on the bounded executor and close() on the fakes, in real time: thread count, queue
 * bound, draining close, refusal after close, the sandbox outbox bound. A cached thread pool, a close
 * that does not wait, or a send that still reaches the provider after close fails these.
 */
class AsyncLifecycleTest {
    private static Comms comms(FakeProvider fake, String... props) {
        Comms.Builder b = Comms.builder().autoDiscovery(false).ambientConfiguration(false).provider(fake)
                .property("comms.sms.from", "Acme");
        for (int i = 0; i < props.length; i += 2) {
            b.property(props[i], props[i + 1]);
        }
        return b.build();
    }

    private static Sms sms(int i) {
        return Sms.to("+447123456789").body("n" + i).build();
    }

    /** Samples the threads named comms-send-* while a run lasts. */
    private static final class ThreadWatch {
        final AtomicInteger peak = new AtomicInteger();
        final AtomicBoolean stop = new AtomicBoolean();
        final Thread t = new Thread(() -> {
            while (!stop.get()) {
                int n = (int) Thread.getAllStackTraces().keySet().stream().filter(x -> x.getName().startsWith("comms-send-")).count();
                peak.accumulateAndGet(n, Math::max);
                try {
                    Thread.sleep(5);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });

        ThreadWatch() {
            t.setDaemon(true);
            t.start();
        }

        int stop() throws InterruptedException {
            stop.set(true);
            t.join();
            return peak.get();
        }
    }

    @Test
    void tenThousandAsyncSendsRunOnABoundedPoolAndAllComplete() throws Exception {
        FakeProvider fake = new FakeProvider();
        fake.sms().enqueue(10_000, Outcome.delay(Duration.ofMillis(20)));
        int threadsBefore = ManagementFactory.getThreadMXBean().getThreadCount();
        List<CompletableFuture<SmsReceipt>> futures = new ArrayList<>();
        long t0 = System.nanoTime();
        ThreadWatch watch = new ThreadWatch();
        try (Comms comms = comms(fake)) {
            for (int i = 0; i < 10_000; i++) {
                futures.add(comms.sms().sendAsync(sms(i)));
            }
            CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).get(2, TimeUnit.MINUTES);
            long ms = (System.nanoTime() - t0) / 1_000_000;
            int peak = watch.stop();
            System.out.println("async sends=10000 delay=20ms threads_configured=64 peak_send_threads=" + peak
                    + " jvm_threads_before=" + threadsBefore + " ms=" + ms + " ideal_ms=" + (10_000 * 20 / 64));
            assertThat(peak).isBetween(1, 64);
        }
        assertThat(futures).allMatch(f -> f.isDone() && !f.isCompletedExceptionally());
        assertThat(fake.sms().requests()).isEqualTo(10_000);
    }

    @Test
    void aFullQueueFailsTheFutureWithServiceUnavailableAndNeverQueuesWithoutBound() throws Exception {
        FakeProvider fake = new FakeProvider();
        fake.sms().enqueue(10_000, Outcome.delay(Duration.ofMillis(20)));
        List<CompletableFuture<SmsReceipt>> futures = new ArrayList<>();
        try (Comms comms = comms(fake, "comms.async.threads", "4", "comms.async.queue", "100")) {
            for (int i = 0; i < 1_000; i++) {
                futures.add(comms.sms().sendAsync(sms(i)));
            }
            CompletableFuture.allOf(futures.stream().map(f -> f.exceptionally(e -> null)).toArray(CompletableFuture[]::new))
                    .get(1, TimeUnit.MINUTES);
        }
        long refused = futures.stream().filter(CompletableFuture::isCompletedExceptionally).count();
        System.out.println("async_queue_full submitted=1000 threads=4 queue=100 refused=" + refused + " sent=" + fake.sms().sent().size());
        assertThat(refused).isGreaterThan(0);
        assertThat(fake.sms().sent().size() + refused).isEqualTo(1_000);
        ExecutionException e = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class,
                () -> futures.stream().filter(CompletableFuture::isCompletedExceptionally).findFirst().orElseThrow().get());
        assertThat(e.getCause()).isInstanceOfSatisfying(CommsException.class, c -> {
            assertThat(c.code()).isEqualTo(ErrorCode.SERVICE_UNAVAILABLE);
            assertThat(c.getMessage()).contains("send queue full");
        });
    }

    @Test
    void callerRunsSendsEverythingWhenTheQueueIsFull() throws Exception {
        FakeProvider fake = new FakeProvider();
        fake.sms().enqueue(500, Outcome.delay(Duration.ofMillis(2)));
        List<CompletableFuture<SmsReceipt>> futures = new ArrayList<>();
        try (Comms comms = comms(fake, "comms.async.threads", "2", "comms.async.queue", "10", "comms.async.when-full", "caller-runs")) {
            for (int i = 0; i < 500; i++) {
                futures.add(comms.sms().sendAsync(sms(i)));
            }
            CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).get(1, TimeUnit.MINUTES);
        }
        assertThat(fake.sms().sent()).hasSize(500);
    }

    @Test
    void closeDrainsWhatWasAcceptedThenRefusesEverything() throws Exception {
        FakeProvider fake = new FakeProvider();
        fake.sms().enqueue(2_000, Outcome.delay(Duration.ofMillis(20)));
        Comms comms = comms(fake);
        List<CompletableFuture<SmsReceipt>> futures = new ArrayList<>();
        for (int i = 0; i < 2_000; i++) {
            futures.add(comms.sms().sendAsync(sms(i)));
        }
        comms.close();
        long running = futures.stream().filter(f -> !f.isDone()).count();
        long failed = futures.stream().filter(CompletableFuture::isCompletedExceptionally).count();
        System.out.println("close_drains submitted=2000 still_running_after_close=" + running + " failed=" + failed + " sent="
                + fake.sms().sent().size());
        assertThat(running).isZero();
        assertThat(failed).isZero();
        assertThat(fake.sms().sent()).hasSize(2_000);
        assertThatThrownBy(() -> comms.sms().send(sms(-1))).isInstanceOfSatisfying(CommsException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.SERVICE_UNAVAILABLE));
        assertThat(comms.sms().sendAsync(sms(-2))).isCompletedExceptionally();
        assertThat(fake.sms().requests()).isEqualTo(2_000);
    }

    @Test
    void closeCancelsWhatIsLeftAfterTheGracePeriodAndNoFutureIsLeftHanging() throws Exception {
        FakeProvider fake = new FakeProvider();
        fake.sms().enqueue(2_000, Outcome.delay(Duration.ofMillis(20)));
        Comms comms = comms(fake, "comms.async.threads", "4", "comms.shutdown.grace", "200ms");
        List<CompletableFuture<SmsReceipt>> futures = new ArrayList<>();
        for (int i = 0; i < 2_000; i++) {
            futures.add(comms.sms().sendAsync(sms(i)));
        }
        long t0 = System.nanoTime();
        comms.close();
        long ms = (System.nanoTime() - t0) / 1_000_000;
        CompletableFuture.allOf(futures.stream().map(f -> f.exceptionally(e -> null)).toArray(CompletableFuture[]::new))
                .get(30, TimeUnit.SECONDS);
        long cancelled = futures.stream().filter(CompletableFuture::isCompletedExceptionally).count();
        System.out.println("close_grace grace=200ms close_ms=" + ms + " sent=" + fake.sms().sent().size() + " cancelled=" + cancelled);
        assertThat(cancelled).isGreaterThan(0);
        assertThat(futures).allMatch(CompletableFuture::isDone);
        assertThat(ms).isLessThan(20_000); // bounded by the grace, not by the 10 s it would take to drain
    }

    @Test
    void theSandboxOutboxIsBoundedWhenUsedAtRunTime() {
        FakeProvider fake = new FakeProvider();
        try (Comms comms = comms(fake, "comms.fake.outbox-size", "100")) {
            for (int i = 0; i < 1_000; i++) {
                comms.sms().send(sms(i));
            }
        }
        assertThat(fake.sms().sent()).hasSize(100);
        assertThat(fake.sms().last().orElseThrow().message().body()).isEqualTo("n999");
        assertThat(fake.sms().requests()).isEqualTo(1_000);
    }
}
