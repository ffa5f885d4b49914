package dev.comms.internal;

import dev.comms.Receipt;
import dev.comms.spi.Admission;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Stage 4: rate limits and a concurrency slot per (account, channel), held until the send ends. */
final class AdmitStage implements Stage {
    private static final Logger LOG = LoggerFactory.getLogger(AdmitStage.class);

    private final Admission admission;

    AdmitStage(Admission admission) {
        this.admission = admission;
    }

    @Override
    public <M, R extends Receipt, X> void run(Send<M, R, X> s, Chain next) {
        Admission.Permit permit = admission.admit(s.account, s.mode, s.channel, s.plan.estimate(), s.messageId, s.lease);
        try {
            next.proceed(s);
            permit.sent();
        } finally {
            try {
                permit.close();
            } catch (RuntimeException e) {
                LOG.warn("Comms could not free a concurrency slot; it frees itself when its lease ends: {}", e.toString());
            }
        }
    }
}
