package dev.comms.internal;

import dev.comms.Receipt;
import java.time.Duration;

/**
 * Stages 1, 2 and 6 decided early: validate (policies and defaults), plan (units, region, needs,
 * fingerprint), the providers that can take the message, the deadline and the lease. Anything refused
 * here is refused before anything is held or sent.
 */
final class PrepareStage implements Stage {
    private final Settings settings;
    private final Routing routing;

    PrepareStage(Settings settings, Routing routing) {
        this.settings = settings;
        this.routing = routing;
    }

    @Override
    public <M, R extends Receipt, X> void run(Send<M, R, X> s, Chain next) {
        s.message = s.ops.prepare(s.message);
        s.plan = s.ops.plan(s.message);
        s.routes = routing.usable(s);
        Duration deadline = s.options.deadline().orElse(settings.deadline);
        s.deadline = s.clock.instant().plus(deadline);
        s.lease = settings.lease(deadline, s.plan.afterSend());
        next.proceed(s);
    }
}
