package dev.comms.spi;

import dev.comms.Channel;
import dev.comms.Mode;
import dev.comms.RateLimitedException;
import java.time.Duration;

/**
 * The pipeline's admit stage: rate limits and concurrency slots per (account, channel), decided
 * before anything is held or sent. The facade's own limits ({@code comms.limits.*}, off unless
 * configured) implement it; an application may plug its own with {@code Comms.Builder.admission}.
 *
 * <pre>{@code
 * Admission.Permit p = admission.admit(account, mode, channel, estimate, sendId, lease); // RateLimitedException
 * try { send(); p.sent(); } finally { p.close(); }
 * }</pre>
 *
 * <p>Thread-safety: implementations must be safe for concurrent use.
 */
@FunctionalInterface
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

    /**
     * Admits a send, knowing its id and how long its slot may be held at most (a holder that crashes
     * frees its slot when the lease ends).
     *
     * @param account the account
     * @param mode live or test
     * @param channel the channel
     * @param estimate what the send consumes
     * @param sendId Comms' message id: the holder of a concurrency slot
     * @param lease how long the slot may be held at most
     * @return a permit to close when the send is over
     * @throws RateLimitedException if a limit is reached
     * @throws dev.comms.CommsException with {@code SERVICE_UNAVAILABLE} if the limit store cannot be reached
     */
    default Permit admit(String account, Mode mode, Channel channel, Usage estimate, String sendId, Duration lease) {
        return admit(account, mode, channel, estimate);
    }

    /**
     * A call placed earlier has ended (settled): frees the concurrency slot it kept while in progress.
     *
     * @param account the account
     * @param mode live or test
     * @param channel the channel
     * @param sendId the message id of the send
     */
    default void finished(String account, Mode mode, Channel channel, String sendId) {
    }

    /** A concurrency slot held for one send. */
    interface Permit extends AutoCloseable {
        /** Holds nothing. */
        Permit NONE = () -> { };

        /**
         * The send succeeded. A call's slot then stays held while the call is in progress, until
         * {@link Admission#finished} or its lease ends; other channels free it on {@link #close()}.
         */
        default void sent() {
        }

        /** Frees the slot (unless a placed call keeps it); idempotent, never throws. */
        @Override
        void close();
    }
}
