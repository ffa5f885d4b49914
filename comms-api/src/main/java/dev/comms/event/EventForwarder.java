package dev.comms.event;

import dev.comms.CommsListener;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends every event that moved a message forward on to the application's endpoint, signed
 * ({@link EventSigner}), over the JDK {@code HttpClient}: a listener you add to the facade. A delivery
 * that fails (no answer, or not 2xx) is retried with full-jitter backoff up to a number of attempts,
 * then handed to the dead-letter receiver; retries carry the same {@code webhook-id}. Deliveries to one
 * endpoint are NOT promised in order (a retried event can arrive after a later one): receivers order by
 * the payload's timestamp and deduplicate by {@code webhook-id}. At most {@code maxPending} deliveries
 * wait at once; beyond that an event goes to the dead-letter receiver at once.
 *
 * <pre>{@code
 * EventForwarder forward = EventForwarder.to(URI.create("https://app.example/hooks/comms"), new EventSigner(secret))
 *         .deadLetter(d -> log.error("event {} not delivered: {}", d.id(), d.reason())).build();
 * Comms comms = Comms.builder().listener(forward).build();
 * }</pre>
 *
 * <p>Thread-safe; {@link #close()} stops it (pending retries are dropped to the dead-letter receiver).
 */
public final class EventForwarder implements CommsListener, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EventForwarder.class);

    /**
     * An event that could not be delivered.
     *
     * @param id its webhook id
     * @param event the event
     * @param attempts how many deliveries were tried
     * @param reason the last failure
     */
    public record DeadLetter(String id, DeliveryEvent event, int attempts, String reason) {
    }

    private final URI endpoint;
    private final EventSigner signer;
    private final int maxAttempts;
    private final Duration baseDelay;
    private final Duration maxDelay;
    private final Duration timeout;
    private final int maxPending;
    private final Consumer<DeadLetter> deadLetter;
    private final Clock clock;
    private final HttpClient http;
    private final ScheduledExecutorService executor;
    private final AtomicInteger pending = new AtomicInteger();

    private EventForwarder(Builder b) {
        this.endpoint = b.endpoint;
        this.signer = b.signer;
        this.maxAttempts = b.maxAttempts;
        this.baseDelay = b.baseDelay;
        this.maxDelay = b.maxDelay;
        this.timeout = b.timeout;
        this.maxPending = b.maxPending;
        this.deadLetter = b.deadLetter;
        this.clock = b.clock;
        this.http = HttpClient.newBuilder().connectTimeout(b.timeout).followRedirects(HttpClient.Redirect.NEVER).build();
        ScheduledThreadPoolExecutor ex = new ScheduledThreadPoolExecutor(2, r -> {
            Thread t = new Thread(r, "comms-event-forwarder");
            t.setDaemon(true);
            return t;
        });
        ex.setRemoveOnCancelPolicy(true);
        this.executor = ex;
    }

    /**
     * @param endpoint the application's URL (https, or http to a loopback host)
     * @param signer signs each delivery
     * @return a builder: 6 attempts, full jitter from 500 ms up to 60 s, 10 s timeout, 10,000 pending
     */
    public static Builder to(URI endpoint, EventSigner signer) {
        return new Builder(endpoint, signer);
    }

    /** Builds an {@link EventForwarder}. */
    public static final class Builder {
        private final URI endpoint;
        private final EventSigner signer;
        private int maxAttempts = 6;
        private Duration baseDelay = Duration.ofMillis(500);
        private Duration maxDelay = Duration.ofSeconds(60);
        private Duration timeout = Duration.ofSeconds(10);
        private int maxPending = 10_000;
        private Consumer<DeadLetter> deadLetter = d -> LOG.error("Comms could not deliver event {} ({}) after {} attempt(s): {}", d.id(),
                d.event().type(), d.attempts(), d.reason());
        private Clock clock = Clock.systemUTC();

        private Builder(URI endpoint, EventSigner signer) {
            this.endpoint = dev.comms.spi.HttpProviders.checkBaseUrl("endpoint", Objects.requireNonNull(endpoint, "endpoint").toString());
            this.signer = Objects.requireNonNull(signer, "signer");
        }

        /**
         * @param n attempts per event, at least 1
         * @return this builder
         */
        public Builder maxAttempts(int n) {
            if (n < 1) {
                throw new IllegalArgumentException("maxAttempts must be at least 1");
            }
            this.maxAttempts = n;
            return this;
        }

        /**
         * @param base the first backoff ceiling
         * @param max the largest backoff
         * @return this builder
         */
        public Builder backoff(Duration base, Duration max) {
            this.baseDelay = Objects.requireNonNull(base, "base");
            this.maxDelay = Objects.requireNonNull(max, "max");
            return this;
        }

        /**
         * @param t the timeout of one delivery
         * @return this builder
         */
        public Builder timeout(Duration t) {
            this.timeout = Objects.requireNonNull(t, "timeout");
            return this;
        }

        /**
         * @param n the most deliveries waiting at once
         * @return this builder
         */
        public Builder maxPending(int n) {
            this.maxPending = n;
            return this;
        }

        /**
         * @param receiver gets each event that could not be delivered
         * @return this builder
         */
        public Builder deadLetter(Consumer<DeadLetter> receiver) {
            this.deadLetter = Objects.requireNonNull(receiver, "receiver");
            return this;
        }

        /**
         * @param c the clock deliveries are signed with
         * @return this builder
         */
        public Builder clock(Clock c) {
            this.clock = Objects.requireNonNull(c, "clock");
            return this;
        }

        /** @return the forwarder */
        public EventForwarder build() {
            return new EventForwarder(this);
        }
    }

    @Override
    public void onEvent(DeliveryEvent event) {
        String id = EventSigner.idOf(event);
        if (pending.incrementAndGet() > maxPending) {
            pending.decrementAndGet();
            dead(new DeadLetter(id, event, 0, "too many deliveries pending (" + maxPending + ")"));
            return;
        }
        try {
            executor.execute(() -> attempt(event, id, 1));
        } catch (java.util.concurrent.RejectedExecutionException closed) {
            pending.decrementAndGet();
            dead(new DeadLetter(id, event, 0, "the forwarder is closed"));
        }
    }

    private void attempt(DeliveryEvent event, String id, int attempt) {
        String failure;
        try {
            EventSigner.Signed s = signer.sign(id, EventSigner.payload(event), clock.instant());
            HttpRequest.Builder rb = HttpRequest.newBuilder(endpoint).timeout(timeout).POST(HttpRequest.BodyPublishers.ofByteArray(s.body()));
            s.headers().forEach(rb::header);
            HttpResponse<Void> r = http.send(rb.build(), HttpResponse.BodyHandlers.discarding());
            if (r.statusCode() / 100 == 2) {
                pending.decrementAndGet();
                return;
            }
            failure = "HTTP " + r.statusCode();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            pending.decrementAndGet();
            dead(new DeadLetter(id, event, attempt, "interrupted"));
            return;
        } catch (Exception e) {
            failure = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
        }
        if (attempt >= maxAttempts) {
            pending.decrementAndGet();
            dead(new DeadLetter(id, event, attempt, failure));
            return;
        }
        long ceiling = Math.min(maxDelay.toMillis(), baseDelay.toMillis() << Math.min(attempt - 1, 20));
        long delay = ceiling <= 0 ? 0 : ThreadLocalRandom.current().nextLong(ceiling + 1);
        try {
            executor.schedule(() -> attempt(event, id, attempt + 1), delay, TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException closed) {
            pending.decrementAndGet();
            dead(new DeadLetter(id, event, attempt, "the forwarder closed before the next attempt (" + failure + ")"));
        }
    }

    private void dead(DeadLetter d) {
        try {
            deadLetter.accept(d);
        } catch (RuntimeException e) {
            LOG.warn("Comms event forwarder's dead-letter receiver threw: {}", e.toString());
        }
    }

    /** @return deliveries waiting or under way */
    public int pending() {
        return pending.get();
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }

    @Override
    public String toString() {
        return "EventForwarder[" + endpoint.getHost() + ", pending=" + pending.get() + "]";
    }
}
