package dev.comms.providers.twilio;

import com.twilio.exception.ApiException;
import com.twilio.exception.TwilioException;
import dev.comms.Channel;
import dev.comms.FailureClass;
import dev.comms.ProviderException;
import dev.comms.spi.RetryAfter;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Instant;
import java.util.regex.Pattern;

/**
 * Classifies Twilio failures (PROVIDERS.md): refused connections and 429 / 20429 are NOT_SENT; a 5xx,
 * an unreadable answer or a read timeout on a send is AMBIGUOUS (Twilio has no idempotency key, so a
 * retry can send twice); other 4xx are PERMANENT. Phone numbers in Twilio's messages are masked.
 */
final class TwilioErrors {
    private static final Pattern NUMBER = Pattern.compile("\\+?\\d[\\d ]{5,}(\\d{3})");

    private TwilioErrors() {
    }

    /**
     * @param e what the SDK threw
     * @param ex the HTTP exchange the custom client recorded for this call
     * @param channel the channel
     * @param now the current time, for an HTTP-date Retry-After
     * @return the classified exception
     */
    static ProviderException classify(TwilioException e, TwilioHttpClient.Exchange ex, Channel channel, Instant now) {
        Integer twilioCode = e instanceof ApiException api ? api.getCode() : null;
        String code = twilioCode == null || twilioCode == 0 ? null : twilioCode.toString();
        String message = "Twilio: " + mask(e.getMessage());
        if (!ex.sent()) {
            // nothing reached the network: the SDK refused the request before sending it
            return ProviderException.of(FailureClass.PERMANENT, TwilioProvider.ID, message + " (no request was sent)")
                    .channel(channel).providerCode(code).cause(e).build();
        }
        if (ex.failure() != null) {
            IOException io = ex.failure();
            boolean notConnected = notConnected(io);
            String what = notConnected ? "could not connect to Twilio (" + io.getClass().getSimpleName() + ")"
                    : "no answer from Twilio (" + io.getClass().getSimpleName() + "): the request may have been accepted";
            return ProviderException.of(notConnected ? FailureClass.NOT_SENT : FailureClass.AMBIGUOUS, TwilioProvider.ID, what)
                    .channel(channel).cause(e).build();
        }
        int status = ex.status();
        ProviderException.Builder b;
        if (status == 429 || "20429".equals(code)) {
            b = ProviderException.of(FailureClass.NOT_SENT, TwilioProvider.ID, message);
            RetryAfter.parse(ex.retryAfter(), now).ifPresent(b::retryAfter);
        } else if (status >= 500 || status < 400) {
            // 5xx, or a 2xx/3xx whose body could not be read: Twilio may have acted on it
            b = ProviderException.of(FailureClass.AMBIGUOUS, TwilioProvider.ID, message + " (HTTP " + status
                    + "; Twilio has no idempotency key, so this is not retried)");
        } else {
            b = ProviderException.of(FailureClass.PERMANENT, TwilioProvider.ID, message);
        }
        return b.channel(channel).providerCode(code).httpStatus(status).cause(e).build();
    }

    static boolean notConnected(IOException io) {
        if (io instanceof ConnectException || io instanceof NoRouteToHostException || io instanceof UnknownHostException
                || io instanceof org.apache.hc.client5.http.ConnectTimeoutException) {
            return true;
        }
        return !(io instanceof SocketTimeoutException) && !(io instanceof InterruptedIOException) && io.getCause() instanceof ConnectException;
    }



    static String mask(String text) {
        if (text == null) {
            return "error without a message";
        }
        return NUMBER.matcher(text).replaceAll("***$1");
    }
}
