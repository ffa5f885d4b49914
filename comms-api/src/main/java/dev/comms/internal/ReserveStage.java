package dev.comms.internal;

import dev.comms.Billing;
import dev.comms.BillingEvent;
import dev.comms.CommsException;
import dev.comms.Receipt;
import dev.comms.spi.CreditMeter;
import dev.comms.spi.MeterRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stages 5 and 8: hold the estimate before any provider call, and resolve the hold once by what the
 * send left behind: committed on success (or left pending for a call's duration), marked outcome
 * unknown after any ambiguous attempt, released when a provider was called and sent nothing, and
 * abandoned (its key free again) when no provider was called at all.
 */
final class ReserveStage implements Stage {
    private static final Logger LOG = LoggerFactory.getLogger(ReserveStage.class);

    private final CreditMeter meter;
    private final Listeners listeners;

    ReserveStage(CreditMeter meter, Listeners listeners) {
        this.meter = meter;
        this.listeners = listeners;
    }

    @Override
    public <M, R extends Receipt, X> void run(Send<M, R, X> s, Chain next) {
        // without a meter there is nothing to hold, and no request (nor its fingerprint) to build
        s.hold = meter == CreditMeter.NONE ? CreditMeter.Hold.FREE : meter.reserve(new MeterRequest(s.account, s.mode, s.channel, s.key,
                s.plan.fingerprint(), s.plan.estimate(), s.plan.region(), s.lease, s.messageId, s.deadline));
        try {
            next.proceed(s);
        } catch (Exception e) {
            CommsException c = Failures.comms(e, s.channel, s.messageId);
            settleFailure(s);
            throw c;
        }
        settle(s);
    }

    private <M, R extends Receipt, X> void settle(Send<M, R, X> s) {
        try {
            s.billing = s.ops.settlesLater() ? s.hold.pending() : s.hold.commit(s.ops.actual(s.message, s.plan, s.result));
        } catch (RuntimeException e) {
            // A meter must keep a charge it cannot make (LedgerCreditMeter does); one that throws instead loses it.
            LOG.error("Comms sent {} {} but its credit meter failed to charge it; reconcile hold {} from the provider's log",
                    s.channel.key(), s.messageId, s.hold.id(), e);
            listeners.billing(new BillingEvent(BillingEvent.Kind.SETTLEMENT_LOST, s.account, s.mode, s.channel, s.hold.id(), s.messageId,
                    s.hold.amount(), "the credit meter threw while charging a sent message: " + e.getClass().getName(), s.clock.instant()));
            s.billing = Billing.NOT_METERED;
        }
    }

    private <M, R extends Receipt, X> void settleFailure(Send<M, R, X> s) {
        try {
            if (s.ambiguous()) {
                s.hold.unknown(s.query());
            } else if (!s.providerCalled) {
                s.hold.abandon();
            } else {
                s.hold.release();
            }
        } catch (RuntimeException e) {
            LOG.warn("Comms could not resolve credit hold {} after a failed send; it resolves when its lease ends: {}", s.hold.id(),
                    e.toString());
        }
    }
}
