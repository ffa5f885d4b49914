package dev.comms.spi;

import dev.comms.Channel;
import dev.comms.CommsConfigurationException;
import dev.comms.FailureClass;
import dev.comms.ProviderException;
import dev.comms.internal.ConnectionSizing;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * What every HTTP provider module does the same way, in one place: the base-URL rule, the attempt
 * timeout, and the classification of an HTTP answer. Provider modules stay a few small files each
 * (a config, the senders, a payload mapper) and differ only where their vendors differ.
 *
 * <pre>{@code
 * URI base = HttpProviders.baseUrl(context, BASE_URL, "https://api.resend.com");
 * Duration t = HttpProviders.attemptTimeout(sendContext, configuredTimeout);
 * throw HttpProviders.classify("resend", Channel.EMAIL, 503, headers::firstValue, now, FailureClass.AMBIGUOUS)
 *         .message("Resend answered 503").build();
 * }</pre>
 *
 * <p>Thread-safety: stateless.
 */
public final class HttpProviders {
    private HttpProviders() {
    }

    /**
     * Reads and checks a provider's base URL: {@code https}, or plain {@code http} only to a loopback
     * host (a local stub or a sidecar), so credentials never travel unencrypted over a network. No
     * user info, query or fragment; a trailing slash is removed.
     *
     * @param context the provider's context
     * @param key the setting, such as {@code comms.resend.base-url}
     * @param defaultUrl the vendor's URL, used when the setting is absent
     * @return the base URL, without a trailing slash
     * @throws CommsConfigurationException naming the setting and the fix
     */
    public static URI baseUrl(ProviderContext context, ConfigKey key, String defaultUrl) {
        return checkBaseUrl(key.name(), context.config().get(key.name()).orElse(defaultUrl));
    }

    /**
     * Checks a base URL against the rule of {@link #baseUrl}.
     *
     * @param setting the setting's name, for the message
     * @param value the URL
     * @return the URL, without a trailing slash
     * @throws CommsConfigurationException naming the setting and the fix
     */
    public static URI checkBaseUrl(String setting, String value) {
        URI uri;
        try {
            uri = new URI(value == null ? "" : value.strip());
        } catch (URISyntaxException e) {
            throw new CommsConfigurationException("'" + setting + "' is not a URL (" + e.getReason() + "): give an absolute https URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!uri.isAbsolute() || uri.getHost() == null || !(scheme.equals("https") || scheme.equals("http"))) {
            throw new CommsConfigurationException("'" + setting + "' must be an absolute https URL such as https://api.example.com, not '"
                    + value + "'");
        }
        if (uri.getRawUserInfo() != null) {
            throw new CommsConfigurationException("'" + setting + "' must not carry credentials in the URL: set the provider's key setting");
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new CommsConfigurationException("'" + setting + "' must not have a query or fragment");
        }
        if (scheme.equals("http") && !isLoopback(uri.getHost())) {
            throw new CommsConfigurationException("'" + setting + "' uses plain http to " + uri.getHost()
                    + ": credentials would travel unencrypted. Use https (plain http is allowed only to a loopback host such as 127.0.0.1)");
        }
        String s = uri.toString();
        while (s.endsWith("/")) {
            s = s.substring(0, s.length() - 1);
        }
        return URI.create(s);
    }

    /**
     * @param host a host name or address literal
     * @return true for {@code localhost}, 127.0.0.0/8 and {@code ::1}; no name is resolved
     */
    public static boolean isLoopback(String host) {
        if (host == null) {
            return false;
        }
        String h = host.toLowerCase(Locale.ROOT);
        if (h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        if (h.equals("localhost") || h.endsWith(".localhost")) {
            return true;
        }
        boolean literal = h.indexOf(':') >= 0 || (!h.isEmpty() && h.chars().allMatch(c -> (c >= '0' && c <= '9') || c == '.'));
        if (!literal) {
            return false;
        }
        try {
            return InetAddress.getByName(h).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    /**
     * How many calls the facade may make at once on the given channels: {@code comms.async.threads}
     * (64 by default) or the largest concurrency cap configured for those channels
     * ({@code comms.limits.<channel>.concurrency}, the hosted preset's, an account's), whichever is
     * larger. Size a connection pool from it (see {@link #connections}).
     *
     * @param context the provider's context
     * @param channels the channels the pool serves
     * @return at least 1
     */
    public static int concurrency(ProviderContext context, Set<Channel> channels) {
        return ConnectionSizing.concurrency(context.config(), channels);
    }

    /**
     * The size of a provider's connection pool: the setting when given, else
     * {@link #concurrency} for the pool's channels but at least {@code floor}, so a send the facade
     * admitted never waits for a connection.
     *
     * @param context the provider's context
     * @param key the setting, such as {@code comms.twilio.max-connections}
     * @param channels the channels the pool serves
     * @param floor the smallest pool when the setting is absent
     * @return the pool size, at least 1
     * @throws CommsConfigurationException if the setting is not a whole number of at least 1
     */
    public static int connections(ProviderContext context, ConfigKey key, Set<Channel> channels, int floor) {
        if (context.config().get(key.name()).isPresent()) {
            int n = context.config().getInt(key.name(), floor);
            if (n < 1) {
                throw new CommsConfigurationException("'" + key.name() + "' must be at least 1 (got " + n + ")");
            }
            return n;
        }
        return Math.max(Math.max(1, floor), concurrency(context, channels));
    }

    /**
     * The timeout of one attempt: what the pipeline allows ({@link SendContext#timeout()}), capped by
     * the provider's own setting.
     *
     * @param context the attempt
     * @param configured the provider's timeout setting
     * @return the smaller of the two, at least one millisecond
     */
    public static Duration attemptTimeout(SendContext context, Duration configured) {
        Duration t = context.timeout().compareTo(configured) < 0 ? context.timeout() : configured;
        return t.isNegative() || t.isZero() ? Duration.ofMillis(1) : t;
    }

    /**
     * Classifies an HTTP answer that was not a success: 408 and 429 were not sent (429 with the wait
     * from {@code Retry-After}), other 4xx are permanent, and 5xx take the class the provider says
     * (a provider that cannot dedupe a retry must call a 5xx on a send {@link FailureClass#AMBIGUOUS}).
     *
     * @param provider the provider id
     * @param channel the channel
     * @param status the HTTP status
     * @param header reads a response header by name (case-insensitive), null when absent
     * @param now the current time, for a {@code Retry-After} date
     * @param onServerError the class of a 5xx answer
     * @return a builder with class, status and retry-after set; add the provider's code and message
     */
    public static ProviderException.Builder classify(String provider, Channel channel, int status, Function<String, String> header,
            Instant now, FailureClass onServerError) {
        FailureClass fc;
        if (status == 408 || status == 429) {
            fc = FailureClass.NOT_SENT;
        } else if (status >= 500) {
            fc = onServerError;
        } else {
            fc = FailureClass.PERMANENT;
        }
        Optional<Duration> wait = status == 429 || status == 503 ? RetryAfter.parse(header.apply("Retry-After"), now) : Optional.empty();
        return ProviderException.of(fc, provider, provider + " answered HTTP " + status).channel(channel).httpStatus(status)
                .retryAfter(wait.orElse(null));
    }
}
