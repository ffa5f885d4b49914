package dev.comms.spi;

import dev.comms.Channel;
import dev.comms.Mode;
import java.util.Objects;

/**
 * What a credit meter says about one of its holds, for the facade's event processing: whose it is
 * and whether it still waits to be settled.
 *
 * @param holdId the hold
 * @param account the account
 * @param mode live or test
 * @param channel the channel
 * @param sendId Comms' message id of the send
 * @param pending true while the hold waits to be settled
 * @param outcomeUnknown true if it is pending because an attempt's outcome is unknown
 */
public record HoldInfo(String holdId, String account, Mode mode, Channel channel, String sendId, boolean pending, boolean outcomeUnknown) {
    /**
     * Checks the components.
     *
     * @param holdId the hold
     * @param account the account
     * @param mode live or test
     * @param channel the channel
     * @param sendId the send's message id
     * @param pending whether it is pending
     * @param outcomeUnknown whether it is pending for an unknown outcome
     */
    public HoldInfo {
        Objects.requireNonNull(holdId, "holdId");
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(sendId, "sendId");
    }
}
