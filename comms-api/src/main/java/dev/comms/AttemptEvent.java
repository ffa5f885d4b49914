package dev.comms;

import java.time.Duration;
import java.util.Optional;

/**
 * One provider call made by the pipeline, reported to {@link CommsListener#onAttempt}.
 *
 * @param channel the channel
 * @param provider the provider called
 * @param messageId Comms' message id
 * @param attempt 1 for the first call of this send
 * @param latency how long the call took
 * @param failure the failure, or null when the call succeeded
 */
public record AttemptEvent(Channel channel, String provider, String messageId, int attempt, Duration latency,
        ProviderException failure) {
    /** @return true if the provider accepted the request */
    public boolean succeeded() {
        return failure == null;
    }

    /** @return the failure, if the call failed */
    public Optional<ProviderException> failed() {
        return Optional.ofNullable(failure);
    }
}
