package dev.comms.providers.twilio;

import com.twilio.exception.ApiException;
import com.twilio.exception.TwilioException;
import dev.comms.Channel;
import dev.comms.CommsException;
import dev.comms.FailureClass;
import dev.comms.ProviderException;
import dev.comms.spi.HttpProviders;
import dev.comms.spi.LastExchange;
import dev.comms.spi.RetryAfter;
import java.io.IOException;
import java.time.Instant;
import java.util.regex.Pattern;
import org.apache.hc.core5.http.ConnectionRequestTimeoutException;

/**
 * Classifies Twilio failures (PROVIDERS.md) by what reached the wire: nothing written (no pooled
 * connection in time, a refused connection) is NOT_SENT, and the wait for a pooled connection is also
 * {@linkplain ProviderException#isLocal() local} (it never counts against Twilio's circuit); 429 / 20429 is NOT_SENT; a 5xx, an
 * unreadable answer or no answer once the request was written is AMBIGUOUS on a send (Twilio has no
 * idempotency key, so a retry can send twice); other 4xx are PERMANENT. A read (a status or outcome
 * lookup) sends nothing, so there a 5xx or a lost answer is NOT_SENT: it can simply be asked again.
 * Phone numbers in Twilio's messages are masked.
 */
final class TwilioErrors {
    private static final Pattern NUMBER = Pattern.compile("\\+?\\d[\\d ]{5,}(\\d{3})");

    private TwilioErrors() {
    }

    /**
     * @param e what the SDK threw
     * @param ex what the HTTP layer saw of this call
     * @param channel the channel
     * @param now the current time, for an HTTP-date Retry-After
     * @param read true for a lookup (GET), false for a send
     * @return the classified exception
     */
    static ProviderException classify(TwilioException e, LastExchange.Exchange ex, Channel channel, Instant now, boolean read) {
        Integer twilioCode = e instanceof ApiException api ? api.getCode() : null;
        String code = twilioCode == null || twilioCode == 0 ? null : twilioCode.toString();
        String message = "Twilio: " + mask(e.getMessage());
        FailureClass lost = read ? FailureClass.NOT_SENT : FailureClass.AMBIGUOUS;
        int status = ex.status();
        if (status == 0) {
            IOException io = e.getCause() instanceof IOException i ? i : null;
            if (!ex.written()) {
                if (io == null) {
                    // the SDK refused the request before handing it to the HTTP layer
                    return ProviderException.of(FailureClass.PERMANENT, TwilioProvider.ID, message + " (no request was sent)")
                            .channel(channel).providerCode(code).cause(e).build();
                }
                if (io instanceof ConnectionRequestTimeoutException) {
                    // waited for a pooled connection: nothing reached the wire, and Twilio's health is not in question
                    return ProviderException.of(FailureClass.NOT_SENT, TwilioProvider.ID, "no pooled connection to Twilio within the "
                            + "timeout (comms.twilio.max-connections): the request was never written, nothing was sent").local()
                            .channel(channel).cause(e).build();
                }
                return ProviderException.of(FailureClass.NOT_SENT, TwilioProvider.ID, "could not connect to Twilio ("
                        + io.getClass().getSimpleName() + "): the request was never written, nothing was sent").channel(channel).cause(e).build();
            }
            String what = io == null ? "no answer from Twilio" : "no answer from Twilio (" + io.getClass().getSimpleName() + ")";
            return ProviderException.of(lost, TwilioProvider.ID, what + (read ? "" : ": the request may have been accepted"))
                    .channel(channel).cause(e).build();
        }
        ProviderException.Builder b;
        if ("20429".equals(code) && status != 429) {
            b = ProviderException.of(FailureClass.NOT_SENT, TwilioProvider.ID, message).httpStatus(status).channel(channel);
            RetryAfter.parse(ex.header("Retry-After"), now).ifPresent(b::retryAfter);
        } else if (status < 400) {
            // a 2xx/3xx whose body could not be read: Twilio may have acted on it
            b = ProviderException.of(lost, TwilioProvider.ID, message + " (HTTP " + status + ", unreadable answer)").httpStatus(status)
                    .channel(channel);
        } else {
            b = HttpProviders.classify(TwilioProvider.ID, channel, status, ex::header, now, lost)
                    .message(status >= 500 && !read ? message + " (HTTP " + status
                            + "; Twilio has no idempotency key, so this is not retried)" : message);
        }
        return b.providerCode(code).cause(e).build();
    }

    /**
     * A failure the SDK is not known to throw. Once the request was written it is a provider failure
     * like any other (the message may have been sent, so never a bare exception after the write);
     * before that it is a bug, rethrown as it is.
     *
     * @param e what was thrown
     * @param ex what the HTTP layer saw of this call
     * @param channel the channel
     * @param read true for a lookup
     * @return the exception to throw
     */
    static RuntimeException unexpected(RuntimeException e, LastExchange.Exchange ex, Channel channel, boolean read) {
        if (e instanceof CommsException || !ex.written()) {
            return e;
        }
        return ProviderException.of(read ? FailureClass.NOT_SENT : FailureClass.AMBIGUOUS, TwilioProvider.ID,
                "unexpected failure after the request was written (" + e.getClass().getSimpleName() + ")"
                        + (read ? "" : ": the request may have been accepted"))
                .channel(channel).httpStatus(ex.status()).cause(e).build();
    }

    static String mask(String text) {
        if (text == null) {
            return "error without a message";
        }
        return NUMBER.matcher(text).replaceAll("***$1");
    }
}
