package dev.comms.spi;

import dev.comms.Channel;
import dev.comms.Mode;
import dev.comms.RateLimitedException;

/**
 * The pipeline's admit stage: rate limits and concurrency slots per (account, channel). The default
 * admits everything ({@link #UNLIMITED}).
 *
 * <p>Thread-safety: implementations must be safe for concurrent use.
 */
public interface Admission {
    /** Admits every send. */
    Admission UNLIMITED = (account, mode, channel, estimate) -> Permit.NONE;

    /**
     * Admits a send or refuses it before any provider call.
     *
     * @param account the account
     * @param mode live or test
     * @param channel the channel
     * @param estimate what the send consumes: one message, and its SMS segments or email recipients
     * @return a permit to close when the send is over (frees its concurrency slot)
     * @throws RateLimitedException if a limit is reached
     */
    Permit admit(String account, Mode mode, Channel channel, Usage estimate);

    /** A concurrency slot held for one send. */
    interface Permit extends AutoCloseable {
        /** Holds nothing. */
        Permit NONE = () -> { };

        /** Frees the slot; idempotent, never throws. */
        @Override
        void close();
    }
}
