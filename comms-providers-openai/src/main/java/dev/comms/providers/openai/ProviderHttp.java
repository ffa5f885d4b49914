package dev.comms.providers.openai;

import dev.comms.FailureClass;
import dev.comms.spi.RetryAfter;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpHeaders;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLHandshakeException;

/**
 * The HTTP rules every provider module needs and none is specific to OpenAI: the base URL rule, the
 * attempt timeout, Retry-After, and the classification of an HTTP status or a network failure. Kept
 * in this one class so that the shared helper planned for {@code dev.comms.spi} can replace it
 * without touching the rest of the module.
 */
final class ProviderHttp {
    /** A TCP connect never waits longer than this: a dead host should fail over quickly. */
    static final Duration MAX_CONNECT = Duration.ofSeconds(10);

    private ProviderHttp() {
    }

    /**
     * @param timeout the provider's timeout setting
     * @return the connect timeout: that setting, at most {@link #MAX_CONNECT}
     */
    static Duration connectTimeout(Duration timeout) {
        return timeout.compareTo(MAX_CONNECT) < 0 ? timeout : MAX_CONNECT;
    }

    /**
     * The class of an HTTP error status, for an endpoint whose only side effect is its cost (a chat
     * completion): 429 and 5xx are NOT_SENT (retrying or failing over cannot double anything a user
     * sees), every other status is PERMANENT. Vendor exceptions (OpenAI's {@code insufficient_quota})
     * are the caller's.
     *
     * @param status an HTTP status outside 2xx
     * @return its class
     */
    static FailureClass classify(int status) {
        return status == 429 || status >= 500 ? FailureClass.NOT_SENT : FailureClass.PERMANENT;
    }

    /**
     * @param headers the answer's headers (names are case-insensitive)
     * @param now the current time, for an HTTP date
     * @return the wait asked for by {@code retry-after-ms} (OpenAI's, milliseconds) or else
     *     {@code retry-after} (seconds or an HTTP date), clamped to between zero and a day; null if neither is readable
     */
    static Duration retryAfter(HttpHeaders headers, Instant now) {
        for (String ms : headers.allValues("retry-after-ms")) {
            Duration d = millis(ms);
            if (d != null) {
                return d;
            }
        }
        for (String v : headers.allValues("retry-after")) {
            Optional<Duration> d = RetryAfter.parse(v, now);
            if (d.isPresent()) {
                return d.get();
            }
        }
        return null;
    }

    private static Duration millis(String value) {
        try {
            double v = Double.parseDouble(value.strip());
            return Double.isFinite(v) ? Duration.ofMillis((long) Math.max(0, Math.min(v, RetryAfter.MAX.toMillis()))) : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /**
     * What a network failure says about the request.
     *
     * @param notSent true when the request cannot have reached the server
     * @param what a sentence for the exception's message
     */
    record NetworkFailure(boolean notSent, String what) {
    }

    /**
     * A failure before a connection existed (refused, unreachable, unknown host, connect timeout, TLS
     * handshake) was never sent: NOT_SENT. Anything later, a timeout waiting for the answer included,
     * came after the request may have reached the server: AMBIGUOUS.
     *
     * @param failure the exception (its causes are searched)
     * @return what it means
     */
    static NetworkFailure network(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof HttpConnectTimeoutException) {
                return new NetworkFailure(true, "timed out connecting");
            }
            if (t instanceof ConnectException || t instanceof NoRouteToHostException || t instanceof UnknownHostException
                    || t instanceof UnresolvedAddressException) {
                return new NetworkFailure(true, "could not connect (" + t.getClass().getSimpleName() + ")");
            }
            if (t instanceof SSLHandshakeException) {
                return new NetworkFailure(true, "TLS handshake failed (" + t.getClass().getSimpleName() + ")");
            }
        }
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof HttpTimeoutException || t instanceof InterruptedIOException || t instanceof java.util.concurrent.TimeoutException) {
                return new NetworkFailure(false, "timed out waiting for the answer");
            }
        }
        return new NetworkFailure(false, "network failure (" + failure.getClass().getSimpleName() + ")");
    }

    /**
     * @param text text a server sent back (may be null)
     * @param secret the API key
     * @return the text with the key replaced by {@code ****}
     */
    static String redact(String text, String secret) {
        return text == null || secret == null || secret.isEmpty() ? text : text.replace(secret, "****");
    }

    /** The answer was longer than {@link #body} allows: nothing of it is kept. */
    static final class AnswerTooLarge extends IOException {
        private static final long serialVersionUID = 1L;

        AnswerTooLarge(long limit) {
            super("the answer is longer than " + limit + " bytes");
        }
    }

    /**
     * Reads the body into memory, but not beyond {@code limit} bytes (a broken or hostile server
     * cannot exhaust the application's heap) and not beyond {@code deadline}: the request's own
     * timeout stops at the answer's headers, so a server that sends them and then trickles the body
     * is cut off here.
     *
     * @param limit the most bytes to read
     * @param deadline when the attempt ends, in {@link System#nanoTime()} terms
     * @return the body handler
     */
    static HttpResponse.BodyHandler<byte[]> body(long limit, long deadline) {
        return info -> new Bounded(limit, deadline);
    }

    private static final class Bounded implements HttpResponse.BodySubscriber<byte[]> {
        private final HttpResponse.BodySubscriber<byte[]> bytes = HttpResponse.BodySubscribers.ofByteArray();
        private final CompletableFuture<byte[]> result = new CompletableFuture<>();
        private final long limit;
        private volatile Flow.Subscription subscription;
        private long received;

        Bounded(long limit, long deadline) {
            this.limit = limit;
            bytes.getBody().whenComplete((b, t) -> {
                if (t == null) {
                    result.complete(b);
                } else {
                    result.completeExceptionally(t);
                }
            });
            result.orTimeout(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            // a timeout or an over-long answer: stop reading, the connection is not reused
            result.whenComplete((b, t) -> {
                Flow.Subscription s = subscription;
                if (t != null && s != null) {
                    s.cancel();
                }
            });
        }

        @Override
        public CompletionStage<byte[]> getBody() {
            return result;
        }

        @Override
        public void onSubscribe(Flow.Subscription s) {
            subscription = s;
            if (result.isCompletedExceptionally()) {
                s.cancel();
            } else {
                bytes.onSubscribe(s);
            }
        }

        @Override
        public void onNext(List<ByteBuffer> items) {
            if (result.isDone()) {
                return;
            }
            for (ByteBuffer b : items) {
                received += b.remaining();
            }
            if (received > limit) {
                result.completeExceptionally(new AnswerTooLarge(limit));
                return;
            }
            bytes.onNext(items);
        }

        @Override
        public void onError(Throwable t) {
            bytes.onError(t);
        }

        @Override
        public void onComplete() {
            bytes.onComplete();
        }
    }
}
