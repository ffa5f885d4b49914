package dev.comms.internal;

import dev.comms.ReconcileReport;
import dev.comms.spi.CreditMeter;
import dev.comms.spi.LookupResult;
import dev.comms.spi.OutcomeLookup;
import dev.comms.spi.UnknownOutcome;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Settles holds whose send's outcome is unknown: asks the provider of the ambiguous attempt
 * ({@link OutcomeLookup}) and commits or releases by its answer; then runs the credit meter's
 * maintenance, which commits what is still unknown at the end of its lease (reported) and applies
 * charges kept while the ledger was unreachable.
 */
final class Reconciler {
    private static final Logger LOG = LoggerFactory.getLogger(Reconciler.class);
    private static final int BATCH = 500;

    private final CreditMeter meter;
    private final Routing routing;

    Reconciler(CreditMeter meter, Routing routing) {
        this.meter = meter;
        this.routing = routing;
    }

    ReconcileReport run() {
        int looked = 0;
        int sent = 0;
        int notSent = 0;
        int unknown = 0;
        int cannotAsk = 0;
        int failures = 0;
        List<UnknownOutcome> due;
        try {
            due = meter.unknownOutcomes(BATCH);
        } catch (RuntimeException e) {
            // the meter's store is unreachable: nothing to look up now; maintenance below tries again
            LOG.debug("Comms could not list unknown outcomes: {}", e.toString());
            due = List.of();
            failures++;
        }
        for (UnknownOutcome u : due) {
            OutcomeLookup lookup = lookup(u);
            if (lookup == null) {
                cannotAsk++;
                continue;
            }
            looked++;
            try {
                LookupResult r = lookup.lookup(u.query());
                if (r instanceof LookupResult.Accepted) {
                    sent += meter.resolve(u.holdId(), true) ? 1 : 0;
                } else if (r instanceof LookupResult.NotAccepted) {
                    notSent += meter.resolve(u.holdId(), false) ? 1 : 0;
                } else {
                    unknown++;
                }
            } catch (RuntimeException e) {
                failures++;
                LOG.debug("Comms could not look up {} at '{}': {}", u.query().messageId(), u.query().providerId(), e.toString());
            }
        }
        int maintained;
        try {
            maintained = meter.maintain();
        } catch (RuntimeException e) {
            LOG.warn("Comms credit meter maintenance failed; it runs again on the next pass: {}", e.toString());
            maintained = 0;
        }
        if (failures > 0) {
            LOG.warn("Comms reconciliation: {} lookup(s) or listing(s) failed; they are retried on the next pass", failures);
        }
        return new ReconcileReport(looked, sent, notSent, unknown, cannotAsk, failures, maintained);
    }

    private OutcomeLookup lookup(UnknownOutcome u) {
        for (Route r : routing.routes(u.query().channel(), u.mode())) {
            if (r.id().equals(u.query().providerId()) && r.impl() instanceof OutcomeLookup l) {
                return l;
            }
        }
        return null;
    }
}
