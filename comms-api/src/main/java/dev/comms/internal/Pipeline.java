package dev.comms.internal;

import dev.comms.CommsException;
import dev.comms.Mode;
import dev.comms.Receipt;
import dev.comms.SendOptions;
import dev.comms.spi.Admission;
import dev.comms.spi.CreditMeter;
import dev.comms.spi.IdempotencyStore;
import dev.comms.spi.Sleeper;
import java.time.Clock;
import java.util.List;

/**
 * The one send pipeline: a short chain of stages over one per-send record ({@link Send}). This class
 * is the only place that knows their order:
 *
 * <ol>
 *   <li>{@link PrepareStage}: normalise and validate, plan (segments, units, region, needs,
 *   fingerprint), the providers that can take the message, deadline and lease</li>
 *   <li>{@link PolicyStage}: suppression, quiet hours, allow-lists (fail closed)</li>
 *   <li>{@link IdempotencyStage}: replay, conflict, in progress; store the outcome</li>
 *   <li>{@link AdmitStage}: rate limits, concurrency slots</li>
 *   <li>{@link ReserveStage}: hold credits, then resolve the hold by what the send left behind</li>
 *   <li>{@link AttemptStage}: provider calls, classification, retry, failover, backoff</li>
 * </ol>
 *
 * then the receipt and the listeners. Thread-safe: the stages are stateless; each send has its own
 * record.
 */
public final class Pipeline {
    private final List<Stage> stages;
    private final Listeners listeners;
    private final Clock clock;

    Pipeline(Settings settings, Routing routing, List<dev.comms.policy.SendPolicy> policies, IdempotencyStore idempotency,
            Admission admission, CreditMeter meter, Listeners listeners, Clock clock, Sleeper sleeper) {
        this.stages = List.of(new PrepareStage(settings, routing), new PolicyStage(policies), new IdempotencyStage(idempotency, sleeper),
                new AdmitStage(admission),
                new ReserveStage(meter, listeners), new AttemptStage(settings, listeners, sleeper));
        this.listeners = listeners;
        this.clock = clock;
    }

    /**
     * Runs one message through every stage.
     *
     * @param ops the channel's part
     * @param message the message
     * @param options per-send options
     * @param account the account
     * @param mode live or test
     * @param <M> message type
     * @param <R> receipt type
     * @param <X> provider result type
     * @return the receipt
     * @throws CommsException whatever refused or failed the send; never anything else but a VM error
     */
    <M, R extends Receipt, X> R run(ChannelOps<M, R, X> ops, M message, SendOptions options, String account, Mode mode) {
        if (message == null) {
            throw new IllegalArgumentException("message is null");
        }
        Send<M, R, X> send = new Send<>(ops, message, options, account, mode, Ids.messageId(clock.millis()), clock);
        try {
            new Stage.Chain(stages, 0).proceed(send);
        } catch (Exception e) {
            // Exception, not RuntimeException: a checked exception thrown sneakily is caught too.
            CommsException c = Failures.comms(e, ops.channel(), send.messageId);
            listeners.failed(ops.channel(), send.messageId, c);
            throw c;
        }
        if (send.replayed != null) {
            return send.replayed;
        }
        R receipt = send.receipt();
        listeners.sent(receipt);
        return receipt;
    }
}
