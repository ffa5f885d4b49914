package dev.comms.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.comms.FailureClass;
import dev.comms.Mode;
import dev.comms.ProviderException;
import dev.comms.spi.SendContext;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.TestInstance;

/**
 * The behaviour every provider owes the pipeline, whatever its vendor: one request per attempt,
 * failures classified so that retries never double-send, the provider's error code, HTTP status and
 * Retry-After carried on the exception.
 *
 * <p>A provider module extends the channel's contract ({@link SmsSenderContract},
 * {@link EmailSenderContract}, {@link VoiceCallerContract}, {@link ChatCompleterContract}) and
 * implements {@link #arrange(Scenario)} against its stub server. The fakes in this module pass the
 * same contract first.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class ProviderContract {
    private final AtomicInteger sequence = new AtomicInteger();

    /** Creates the contract. */
    protected ProviderContract() {
    }

    /**
     * Makes the provider's next request meet the scenario and resets the request count.
     *
     * @param scenario what the server does next
     */
    protected abstract void arrange(Scenario scenario);

    /**
     * @return the requests the provider's server received since the last {@link #arrange}
     */
    protected abstract int requestsReceived();

    /**
     * The classification the provider must give a failure scenario. Override where the provider's
     * semantics differ (for instance a 5xx from a provider that cannot have acted on the request).
     *
     * @param scenario a failure scenario
     * @return the expected class
     */
    protected FailureClass expectedClass(Scenario scenario) {
        return switch (scenario) {
            case RATE_LIMITED, CONNECTION_REFUSED -> FailureClass.NOT_SENT;
            case SERVER_ERROR, HTML_ERROR, EMPTY_ERROR, READ_TIMEOUT -> FailureClass.AMBIGUOUS;
            case REJECTED, UNAUTHORIZED -> FailureClass.PERMANENT;
            case ACCEPTED -> throw new IllegalArgumentException("ACCEPTED is not a failure");
        };
    }

    /**
     * @return whether {@link Scenario#RATE_LIMITED} must surface a Retry-After of 7 seconds
     */
    protected boolean reportsRetryAfter() {
        return true;
    }

    /** @return the per-attempt timeout handed to the provider */
    protected Duration attemptTimeout() {
        return Duration.ofSeconds(2);
    }

    /** @return a fresh context for one attempt in test mode */
    protected SendContext context() {
        String id = "msg_contract" + sequence.incrementAndGet();
        return new SendContext(id, "key_" + id, "default", Mode.TEST, 1, attemptTimeout());
    }

    /**
     * Runs a send that must fail as the scenario says and checks the exception.
     *
     * @param scenario the arranged failure
     * @param send the send
     * @return the exception, for further checks
     */
    protected ProviderException expectFailure(Scenario scenario, Runnable send) {
        ProviderException e = catchThrowableOfType(ProviderException.class, send::run);
        assertThat(e).as("%s must raise a ProviderException", scenario).isNotNull();
        assertThat(e.failureClass()).as("classification of %s", scenario).isEqualTo(expectedClass(scenario));
        assertThat(e.getMessage()).as("message of %s", scenario).isNotBlank();
        if (scenario == Scenario.REJECTED) {
            assertThat(e.httpStatus()).as("HTTP status of %s", scenario).isIn(400, 422);
        } else if (scenario.httpStatus() > 0) {
            assertThat(e.httpStatus()).as("HTTP status of %s", scenario).isEqualTo(scenario.httpStatus());
        }
        if (scenario == Scenario.RATE_LIMITED && reportsRetryAfter()) {
            assertThat(e.retryAfter()).as("Retry-After of %s", scenario).contains(Duration.ofSeconds(7));
        }
        if (scenario != Scenario.CONNECTION_REFUSED) {
            assertThat(requestsReceived()).as("requests per attempt for %s (the SDK must not retry)", scenario)
                    .isEqualTo(1);
        }
        return e;
    }
}
