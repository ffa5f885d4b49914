package dev.comms.policy;

import dev.comms.Channel;
import dev.comms.CommsException;
import dev.comms.ErrorCode;
import java.util.Objects;

/**
 * A send policy refused the send before anything was held or sent. Its code says which kind
 * ({@code RECIPIENT_SUPPRESSED}, {@code QUIET_HOURS}, {@code RECIPIENT_NOT_ALLOWED}, or
 * {@code POLICY_REFUSED} for any other policy, and for one that failed: policies fail closed).
 */
public class PolicyRefusedException extends CommsException {
    private static final long serialVersionUID = 1L;

    /** The name of the policy that refused. */
    private final String policy;

    /**
     * @param code a 403 code: {@code RECIPIENT_SUPPRESSED}, {@code QUIET_HOURS}, {@code RECIPIENT_NOT_ALLOWED}, {@code POLICY_REFUSED}
     * @param policy the policy's name, for logs and support
     * @param message why, naming the recipient masked, and what would let it through
     * @param channel the channel
     */
    public PolicyRefusedException(ErrorCode code, String policy, String message, Channel channel) {
        super(code, message, channel, null, null);
        this.policy = Objects.requireNonNull(policy, "policy");
    }

    /** @return the name of the policy that refused */
    public String policy() {
        return policy;
    }
}
