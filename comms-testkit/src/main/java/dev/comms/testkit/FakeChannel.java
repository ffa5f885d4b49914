package dev.comms.testkit;

import dev.comms.Channel;
import dev.comms.FailureClass;
import dev.comms.ProviderException;
import dev.comms.spi.Capability;
import dev.comms.spi.LookupResult;
import dev.comms.spi.OutcomeLookup;
import dev.comms.spi.ProviderChannel;
import dev.comms.spi.SendContext;
import dev.comms.spi.SentQuery;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * What the four fakes share: an outbox of accepted messages, a script of outcomes for the next
 * requests, magic recipients, deduplication by idempotency key, and a request count.
 *
 * <p>Each request takes the next scripted {@link Outcome}; with none scripted, the message's magic
 * recipient decides (see {@link MagicRecipients}); otherwise the fake accepts. An
 * {@link FailureClass#AMBIGUOUS AMBIGUOUS} outcome models a lost answer: the fake <em>accepts</em>
 * the message and then fails, so a retry with the same idempotency key shows whether the caller
 * double-sends. A second request with a key already accepted returns the first answer and adds
 * nothing to the outbox, as Resend does.
 *
 * <p>Bounded: the outbox keeps the last {@link #DEFAULT_LIMIT} messages (10,000; change it with
 * {@link #limit(int)} or {@code comms.fake.outbox-size}), and the keys it remembers for deduplication
 * as many, oldest dropped first, so the sandbox can run for days in a staging service.
 *
 * <p>It answers the facade's reconciler ({@link OutcomeLookup}): a message it accepted under a key is
 * {@code Accepted}, any other {@code NotAccepted}, unless {@link #answerLookups(boolean)} switched
 * lookups off (then {@code Unknown}, so the hold is committed at the end of its lease).
 *
 * <p>Thread-safe.
 *
 * @param <M> the message type
 * @param <R> the provider's result type
 */
public abstract class FakeChannel<M, R> implements ProviderChannel, OutcomeLookup {
    /** How many messages and keys a fake keeps by default. */
    public static final int DEFAULT_LIMIT = 10_000;

    private final Channel channel;
    private final String idPrefix;
    private final Queue<Outcome> script = new ConcurrentLinkedQueue<>();
    private final ArrayDeque<Sent<M>> outbox = new ArrayDeque<>();
    /** Results by idempotency key, oldest first; guarded by {@code outbox}. */
    private final LinkedHashMap<String, Map.Entry<String, R>> byKey = new LinkedHashMap<>();
    private volatile int limit = DEFAULT_LIMIT;
    private volatile boolean answerLookups = true;
    private final AtomicInteger requests = new AtomicInteger();
    private final AtomicLong sequence = new AtomicLong();
    private volatile Set<Capability> capabilities;
    private volatile Clock clock = Clock.systemUTC();

    FakeChannel(Channel channel, String idPrefix, Set<Capability> capabilities) {
        this.channel = channel;
        // a random part per instance, like a real provider's ids: a fake restarted against a kept
        // database (a JDBC event store, an idempotency table) never reuses an id an earlier run stored
        this.idPrefix = idPrefix + String.format("%08x", java.util.concurrent.ThreadLocalRandom.current().nextInt());
        this.capabilities = Set.copyOf(capabilities);
    }

    @Override
    public final String id() {
        return FakeProvider.ID;
    }

    @Override
    public final Set<Capability> capabilities() {
        return capabilities;
    }

    /**
     * Narrows what the fake claims to support, to test how the facade treats a less capable provider.
     *
     * @param supported the capabilities to declare
     */
    public final void capabilities(Set<Capability> supported) {
        this.capabilities = supported.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(supported));
    }

    /**
     * Scripts the outcomes of the next requests, in order.
     *
     * @param outcomes what the next requests meet
     */
    public final void enqueue(Outcome... outcomes) {
        script.addAll(Arrays.asList(outcomes));
    }

    /**
     * Scripts the same outcome for the next {@code times} requests.
     *
     * @param times how many requests
     * @param outcome the outcome
     */
    public final void enqueue(int times, Outcome outcome) {
        for (int i = 0; i < times; i++) {
            script.add(outcome);
        }
    }

    /** @return every accepted message still kept, oldest first */
    public final List<Sent<M>> sent() {
        synchronized (outbox) {
            return List.copyOf(outbox);
        }
    }

    /** @return the messages alone, oldest first */
    public final List<M> messages() {
        return sent().stream().map(Sent::message).toList();
    }

    /** @return the most recent accepted message */
    public final Optional<Sent<M>> last() {
        synchronized (outbox) {
            return Optional.ofNullable(outbox.peekLast());
        }
    }

    /**
     * Bounds what the fake keeps: the last {@code max} accepted messages and keys.
     *
     * @param max at least 1
     */
    public final void limit(int max) {
        if (max < 1) {
            throw new IllegalArgumentException("the outbox limit must be at least 1");
        }
        this.limit = max;
        synchronized (outbox) {
            trim();
        }
    }

    /**
     * @param answer false to answer every lookup {@code Unknown} (a provider that cannot be asked)
     */
    public final void answerLookups(boolean answer) {
        this.answerLookups = answer;
    }

    @Override
    public LookupResult lookup(SentQuery query) {
        if (!answerLookups) {
            return new LookupResult.Unknown("lookups are switched off on this fake");
        }
        synchronized (outbox) {
            Map.Entry<String, R> hit = byKey.get(query.idempotencyKey());
            if (hit != null) {
                return new LookupResult.Accepted(hit.getKey());
            }
            for (Sent<M> s : outbox) {
                String[] rc = recipientAndContent(s.message());
                if (rc != null && rc[0].equalsIgnoreCase(query.recipient()) && query.matches(rc[1]) && !s.at().isBefore(
                        query.firstAttempt().minusSeconds(60)) && !s.at().isAfter(query.lastAttempt().plusSeconds(300))) {
                    return new LookupResult.Accepted(s.providerId());
                }
            }
            return new LookupResult.NotAccepted();
        }
    }

    /** @return requests received, accepted or not */
    public final int requests() {
        return requests.get();
    }

    /** @return the channel this fake serves */
    public final Channel channel() {
        return channel;
    }

    /** Empties the outbox and the script, forgets keys and counts. */
    public void reset() {
        script.clear();
        synchronized (outbox) {
            outbox.clear();
            byKey.clear();
        }
        requests.set(0);
    }

    final void clock(Clock clock) {
        this.clock = clock;
    }

    final Clock clock() {
        return clock;
    }

    /**
     * The magic-recipient outcome of a message.
     *
     * @param message the message
     * @return the outcome, or {@code null} to accept
     */
    abstract Outcome magic(M message);

    /**
     * What a lookup matches a message by when its key is not the one the fake saw (a message sent in
     * a batch under the batch's key): its recipient and content, as the pipeline's {@code SentQuery}
     * carries them.
     *
     * @param message a message
     * @return recipient and content, or null when the channel has none
     */
    String[] recipientAndContent(M message) {
        return null;
    }

    /**
     * Handles one request.
     *
     * @param message the message
     * @param context the attempt
     * @param result builds the result from a new provider id
     * @return the result
     */
    final R handle(M message, SendContext context, Function<String, R> result) {
        requests.incrementAndGet();
        Outcome outcome = script.poll();
        if (outcome == null) {
            outcome = magic(message);
        }
        if (outcome == null) {
            outcome = Outcome.accept();
        }
        pause(outcome.delay());
        if (outcome.accepts()) {
            return accept(message, context, result);
        }
        if (outcome.failureClass() == FailureClass.AMBIGUOUS && !Outcome.LOST.equals(outcome.code())) {
            accept(message, context, result);
        }
        throw failure(outcome);
    }

    /**
     * Handles one batch request: one request counted, one scripted outcome for the whole batch (or the
     * first magic recipient's), and each message accepted under {@code key/index}.
     *
     * @param messages the batch
     * @param context the batch's attempt
     * @param result builds a result from a new provider id
     * @return the results, in order
     */
    final List<R> handleBatch(List<M> messages, SendContext context, Function<String, R> result) {
        requests.incrementAndGet();
        Outcome outcome = script.poll();
        for (int i = 0; outcome == null && i < messages.size(); i++) {
            outcome = magic(messages.get(i));
        }
        if (outcome == null) {
            outcome = Outcome.accept();
        }
        pause(outcome.delay());
        boolean accept = outcome.accepts() || (outcome.failureClass() == FailureClass.AMBIGUOUS && !Outcome.LOST.equals(outcome.code()));
        List<R> out = new java.util.ArrayList<>(messages.size());
        if (accept) {
            for (int i = 0; i < messages.size(); i++) {
                SendContext one = new SendContext(context.messageId() + "-" + i, context.idempotencyKey() + "/" + i, context.account(),
                        context.mode(), context.attempt(), context.timeout());
                out.add(accept(messages.get(i), one, result));
            }
        }
        if (outcome.accepts()) {
            return out;
        }
        throw failure(outcome);
    }

    private R accept(M message, SendContext context, Function<String, R> result) {
        synchronized (outbox) {
            Map.Entry<String, R> seen = byKey.get(context.idempotencyKey());
            if (seen != null) {
                return seen.getValue();
            }
            String id = idPrefix + String.format("%012d", sequence.incrementAndGet());
            outbox.addLast(new Sent<>(message, id, context, clock.instant()));
            R r = result.apply(id);
            byKey.put(context.idempotencyKey(), Map.entry(id, r));
            trim();
            return r;
        }
    }

    private void trim() {
        while (outbox.size() > limit) {
            outbox.removeFirst();
        }
        for (var it = byKey.entrySet().iterator(); byKey.size() > limit && it.hasNext(); ) {
            it.next();
            it.remove();
        }
    }

    final ProviderException failure(Outcome o) {
        String what = switch (o.failureClass()) {
            case NOT_SENT -> o.httpStatus() == 429 ? "rate limited by the fake" : "the fake did not accept the request";
            case AMBIGUOUS -> "the fake accepted the request but its answer was lost";
            case PERMANENT -> "the fake rejected the request";
        };
        ProviderException.Builder b = ProviderException.of(o.failureClass(), FakeProvider.ID,
                what + (o.code() == null ? "" : " (" + o.code() + ")")).channel(channel);
        if (o.code() != null) {
            b.providerCode(o.code());
        }
        if (o.httpStatus() > 0) {
            b.httpStatus(o.httpStatus());
        }
        if (o.retryAfter() != null) {
            b.retryAfter(o.retryAfter());
        }
        return b.build();
    }

    private void pause(Duration delay) {
        if (delay.isZero()) {
            return;
        }
        if (clock instanceof FakeClock fake) {
            fake.advance(delay);
            return;
        }
        try {
            Thread.sleep(delay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ProviderException.of(FailureClass.AMBIGUOUS, FakeProvider.ID, "interrupted during a scripted delay")
                    .channel(channel).cause(e).build();
        }
    }
}
