package dev.comms.internal;

import dev.comms.Billing;
import dev.comms.Channel;
import dev.comms.FailureClass;
import dev.comms.Mode;
import dev.comms.ProviderException;
import dev.comms.Receipt;
import dev.comms.SendOptions;
import dev.comms.spi.CreditMeter;
import dev.comms.spi.SentQuery;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * One send's state, carried through the stages of the {@link Pipeline}. Everything that decides money
 * and keys is a field here, so what a failure leaves behind is explicit: whether any provider was
 * called, the worst outcome of any attempt (not the last), the hold and its lease.
 *
 * <p>Confined to the sending thread; not thread-safe.
 *
 * @param <M> message type
 * @param <R> receipt type
 * @param <X> provider result type
 */
final class Send<M, R extends Receipt, X> {
    final ChannelOps<M, R, X> ops;
    final Channel channel;
    final String messageId;
    final String account;
    final Mode mode;
    final SendOptions options;
    /** The caller's idempotency key, or null. */
    final String callerKey;
    /** The key the hold is reserved under: the caller's, or the message id. */
    final String key;
    final Clock clock;

    /** The message as given, then as prepared (stage 1). */
    M message;
    Plan plan;
    /** Providers that can take this message, in failover order. */
    List<Route> routes;
    Instant deadline;
    /** How long the hold and the idempotency claim live. */
    Duration lease;
    /** A receipt replayed by the idempotency stage: nothing else ran. */
    R replayed;

    CreditMeter.Hold hold = CreditMeter.Hold.FREE;
    int attempts;
    /** True once a provider was handed the message (anything short of an input error raised before the wire). */
    boolean providerCalled;
    /** The most severe failure of any attempt so far: AMBIGUOUS outranks NOT_SENT, and stays once seen. */
    ProviderException worst;
    /** The provider of the first ambiguous attempt: the one the reconciler asks. */
    Route ambiguousRoute;
    Instant firstAttempt;
    Instant lastAttempt;

    Route route;
    X result;
    Billing billing = Billing.NOT_METERED;
    private R receipt;

    Send(ChannelOps<M, R, X> ops, M message, SendOptions options, String account, Mode mode, String messageId, Clock clock) {
        this.ops = ops;
        this.channel = ops.channel();
        this.message = message;
        this.options = options;
        this.account = account;
        this.mode = mode;
        this.messageId = messageId;
        this.clock = clock;
        this.callerKey = options.idempotencyKey().orElse(null);
        this.key = callerKey != null ? callerKey : messageId;
    }

    /**
     * Records a failed attempt; the worst one decides the outcome.
     *
     * @param failure the attempt's failure
     * @param on the provider it came from
     */
    void failed(ProviderException failure, Route on) {
        if (ambiguous()) {
            return; // ambiguous until a later attempt succeeds, whatever the attempts in between said
        }
        worst = failure;
        if (failure.failureClass() == FailureClass.AMBIGUOUS) {
            ambiguousRoute = on;
        }
    }

    /** @return true if any attempt may have been accepted */
    boolean ambiguous() {
        return ambiguousRoute != null;
    }

    /**
     * The error to throw now: after any ambiguous attempt the send is ambiguous (its outcome unknown),
     * whatever later attempts said; otherwise the failure at hand.
     *
     * @param current the failure that ends the send
     * @return the error for the caller
     */
    ProviderException outcome(ProviderException current) {
        if (!ambiguous()) {
            return current != null ? current : worst;
        }
        if (current != null && current != worst) {
            worst.addSuppressed(current);
        }
        return worst;
    }

    /** @return what the reconciler asks the provider of the ambiguous attempt */
    SentQuery query() {
        Instant first = firstAttempt != null ? firstAttempt : clock.instant();
        return new SentQuery(ambiguousRoute.id(), channel, messageId, key, ops.recipient(message), SentQuery.sha256(ops.content(message)),
                first, lastAttempt != null ? lastAttempt : first);
    }

    /** @return the receipt of a successful send, built once from this state */
    R receipt() {
        if (receipt == null) {
            receipt = ops.receipt(new ChannelOps.ReceiptBase(messageId, account, mode, route.id(), attempts, clock.instant()), message, plan,
                    result, billing);
        }
        return receipt;
    }
}
