package dev.comms.spi;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the HTTP layer of a provider saw during the current attempt, for its classifier: whether the
 * request reached the wire, and the status and headers of the answer. An SDK that hides them (Twilio
 * reports neither the HTTP status nor the headers of an error) is wrapped by an HTTP layer that
 * records them here; the sender reads them back on the same thread after the call.
 *
 * <p>One instance per provider channel, kept in a field (never static), so two facades in one JVM
 * never see each other's exchanges. Thread-safety: each thread sees only its own exchange, because
 * provider calls are synchronous.
 */
public final class LastExchange {
    /**
     * One attempt's exchange.
     *
     * @param written true once the request was handed to the connection (it may have been received)
     * @param status the HTTP status, or 0 when no answer arrived
     * @param headers the answer's headers, names in lower case (first value each)
     */
    public record Exchange(boolean written, int status, Map<String, String> headers) {
        /** Nothing happened yet: not written, no answer. */
        public static final Exchange NONE = new Exchange(false, 0, Map.of());

        /**
         * Checks the components.
         *
         * @param written true once the request was handed to the connection (it may have been received)
         * @param status the HTTP status, or 0 when no answer arrived
         * @param headers the answer's headers, names in lower case (first value each)
         */
        public Exchange {
            headers = Map.copyOf(headers);
        }

        /**
         * @param name a header name, any case
         * @return its first value, or null
         */
        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    private final ThreadLocal<Exchange> current = ThreadLocal.withInitial(() -> Exchange.NONE);

    /** A recorder with no exchange yet; keep one per provider channel. */
    public LastExchange() {
    }

    /** Starts an attempt: forgets the previous exchange of this thread. */
    public void begin() {
        current.set(Exchange.NONE);
    }

    /** The request was handed to the connection: from here a failure may mean it was received. */
    public void written() {
        Exchange e = current.get();
        current.set(new Exchange(true, e.status(), e.headers()));
    }

    /**
     * An answer arrived.
     *
     * @param status the HTTP status
     * @param headers the answer's headers (first value per name)
     */
    public void answered(int status, Map<String, String> headers) {
        Map<String, String> lower = new TreeMap<>();
        headers.forEach((k, v) -> {
            if (k != null && v != null) {
                lower.putIfAbsent(k.toLowerCase(Locale.ROOT), v);
            }
        });
        current.set(new Exchange(true, status, lower));
    }

    /** @return this thread's exchange of the current attempt; never null */
    public Exchange get() {
        return current.get();
    }

    /** @return this thread's exchange, and forgets it (so a pooled thread keeps nothing) */
    public Exchange take() {
        Exchange e = current.get();
        current.remove();
        return e;
    }
}
