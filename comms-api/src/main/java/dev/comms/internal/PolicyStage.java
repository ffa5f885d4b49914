package dev.comms.internal;

import dev.comms.CommsException;
import dev.comms.ErrorCode;
import dev.comms.Phone;
import dev.comms.Receipt;
import dev.comms.Sms;
import dev.comms.VoiceCall;
import dev.comms.policy.PolicyContext;
import dev.comms.policy.PolicyRefusedException;
import dev.comms.policy.SendPolicy;
import java.util.List;

/**
 * Send policies (suppression, quiet hours, allow-lists, the application's own), in the order added,
 * before anything is held or sent. A policy that throws anything but a refusal refuses the send
 * ({@code POLICY_REFUSED}): policies fail closed.
 */
final class PolicyStage implements Stage {
    private final List<SendPolicy> policies;

    PolicyStage(List<SendPolicy> policies) {
        this.policies = List.copyOf(policies);
    }

    @Override
    public <M, R extends Receipt, X> void run(Send<M, R, X> s, Chain next) {
        if (!policies.isEmpty()) {
            List<Phone> phones = s.message instanceof Sms sms ? List.of(sms.to())
                    : s.message instanceof VoiceCall call ? List.of(call.to()) : List.of();
            PolicyContext ctx = new PolicyContext(s.channel, s.account, s.mode, s.message, s.ops.recipients(s.message), phones,
                    s.clock.instant(), s.options.recipientZone());
            for (SendPolicy p : policies) {
                try {
                    p.check(ctx);
                } catch (CommsException refused) {
                    throw refused;
                } catch (RuntimeException | LinkageError broken) {
                    throw new PolicyRefusedException(ErrorCode.POLICY_REFUSED, p.name(), "Send policy " + p.name()
                            + " failed (" + broken.getClass().getSimpleName() + "), so the send was refused: policies fail closed; "
                            + "nothing was sent", s.channel);
                }
            }
        }
        next.proceed(s);
    }
}
