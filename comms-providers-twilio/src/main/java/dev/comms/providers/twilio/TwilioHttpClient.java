package dev.comms.providers.twilio;

import com.twilio.http.NetworkHttpClient;
import com.twilio.http.Request;
import com.twilio.http.Response;
import dev.comms.spi.LastExchange;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.ChainElement;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.util.Timeout;

/**
 * The Twilio SDK's own {@link NetworkHttpClient} (so Twilio's request encoding, headers and user agent
 * stay as Twilio maintains them), adjusted so that the facade's retry policy is the only one:
 * <ul>
 * <li>exactly one HTTP request per SDK call: {@code reliableRequest} (which retries any 5xx three
 * times, POSTs included) is overridden to a single attempt, and Apache HttpClient 5 is built with
 * {@code disableAutomaticRetries()} (its default strategy retries 429/503 honouring Retry-After);</li>
 * <li>our timeouts: the SDK stamps its own defaults (30.5 s connect) on every request, so an exec
 * interceptor puts ours back on the exchange's context; the read timeout and the wait for a pooled
 * connection of an attempt are capped by the attempt's own timeout;</li>
 * <li>requests are copied onto {@code base-url + path} when a base URL other than Twilio's is set (a
 * local stub, a proxy); region and edge stay unset so the SDK does not rewrite the host;</li>
 * <li>what reached the wire is kept in a {@link LastExchange} per client (per thread inside it, the
 * SDK call is synchronous): an exec interceptor placed after the chain's {@code CONNECT} element
 * marks the request written once a connection is leased and connected, so a failure before that (no
 * pooled connection within the timeout, a refused connection) is known to have sent nothing; the
 * status and headers of the answer are recorded too, because {@code ApiException} loses them (its
 * status is the JSON body's {@code status} field, and null for HTML or empty bodies).</li>
 * </ul>
 */
final class TwilioHttpClient extends NetworkHttpClient implements AutoCloseable {
    /** Twilio's API host: requests to it are not rewritten. */
    static final URI TWILIO = URI.create("https://api.twilio.com");

    /** The timeouts, shared by the client and the interceptor that applies them. */
    private static final class Timeouts {
        final Timeout connect;
        final Timeout read;
        final ThreadLocal<Timeout> attempt = new ThreadLocal<>();

        Timeouts(Timeout connect, Timeout read) {
            this.connect = connect;
            this.read = read;
        }

        RequestConfig current() {
            Timeout a = attempt.get();
            return a == null ? requestConfig(connect, read) : requestConfig(min(connect, a), min(read, a));
        }

        static Timeout min(Timeout a, Timeout b) {
            return a.compareTo(b) <= 0 ? a : b;
        }
    }

    private final LastExchange exchange;
    private final Timeouts timeouts;
    private final String base;

    private TwilioHttpClient(String base, Timeouts timeouts, LastExchange exchange, HttpClientBuilder builder) {
        super(builder);
        this.base = base;
        this.timeouts = timeouts;
        this.exchange = exchange;
    }

    /**
     * @param base the API base URL; {@link #TWILIO} or null for Twilio itself
     * @param connectTimeout the connect timeout, also the longest wait for a pooled connection
     * @param readTimeout the read (response) timeout per attempt
     * @param maxConnections the pool's size
     * @return the client
     */
    static TwilioHttpClient create(URI base, Duration connectTimeout, Duration readTimeout, int maxConnections) {
        Timeout connect = Timeout.of(connectTimeout);
        Timeout read = Timeout.of(readTimeout);
        Timeouts timeouts = new Timeouts(connect, read);
        LastExchange exchange = new LastExchange();
        PoolingHttpClientConnectionManager pool = PoolingHttpClientConnectionManagerBuilder.create()
                .setDefaultConnectionConfig(ConnectionConfig.custom().setConnectTimeout(connect).setSocketTimeout(read).build())
                .setMaxConnPerRoute(maxConnections).setMaxConnTotal(maxConnections)
                .build();
        HttpClientBuilder builder = HttpClientBuilder.create()
                .disableAutomaticRetries()
                .setConnectionManager(pool)
                .setDefaultRequestConfig(requestConfig(connect, read))
                // Runs before a connection is acquired: replaces the SDK's per-request defaults with ours.
                .addExecInterceptorFirst("comms-timeouts", (request, scope, chain) -> {
                    scope.clientContext.setRequestConfig(timeouts.current());
                    return chain.proceed(request, scope);
                })
                // Runs once the connection is leased and connected, just before the request is written to it.
                .addExecInterceptorAfter(ChainElement.CONNECT.name(), "comms-written", (request, scope, chain) -> {
                    exchange.written();
                    return chain.proceed(request, scope);
                });
        String rebased = base == null || base.equals(TWILIO) ? null : base.toString().replaceAll("/+$", "");
        return new TwilioHttpClient(rebased, timeouts, exchange, builder);
    }

    private static RequestConfig requestConfig(Timeout connect, Timeout read) {
        // The connect timeout comes from the pool's ConnectionConfig (the RequestConfig one is deprecated).
        return RequestConfig.custom().setConnectionRequestTimeout(connect).setResponseTimeout(read).build();
    }

    /**
     * Starts an SDK call on this thread: forgets the previous exchange and caps the timeouts.
     *
     * @param attemptTimeout the attempt's timeout ({@link dev.comms.spi.HttpProviders#attemptTimeout}), or null for
     *     the configured ones (a lookup)
     */
    void begin(Duration attemptTimeout) {
        exchange.begin();
        if (attemptTimeout == null || attemptTimeout.isNegative() || attemptTimeout.isZero()) {
            timeouts.attempt.remove();
        } else {
            timeouts.attempt.set(Timeout.of(attemptTimeout));
        }
    }

    /** @return what this thread's current SDK call put on the wire and got back */
    LastExchange.Exchange exchange() {
        return exchange.get();
    }

    @Override
    public Response reliableRequest(Request request) {
        return makeRequest(request);
    }

    @Override
    public Response reliableRequest(Request request, int[] retryCodes, int retries, long delayMillis) {
        return makeRequest(request);
    }

    @Override
    public Response makeRequest(Request request) {
        Response response = super.makeRequest(base == null ? request : rebase(request));
        exchange.answered(response.getStatusCode(), headers(response));
        return response;
    }

    private static Map<String, String> headers(Response response) {
        Map<String, String> map = new HashMap<>();
        Header[] headers = response.getHeaders();
        if (headers != null) {
            for (Header h : headers) {
                map.putIfAbsent(h.getName(), h.getValue());
            }
        }
        return map;
    }

    /** A copy of the SDK's request aimed at {@code base + path}: query, form, body, headers and auth kept. */
    private Request rebase(Request r) {
        URI sdk = URI.create(r.getUrl());
        Request copy = new Request(r.getMethod(), base + sdk.getRawPath() + (sdk.getRawQuery() == null ? "" : "?" + sdk.getRawQuery()));
        copyParams(r.getQueryParams(), copy::addQueryParam);
        copyParams(r.getPostParams(), copy::addPostParam);
        copyParams(r.getHeaderParams(), copy::addHeaderParam);
        copy.setFormParameters(r.getFormParameters());
        copy.setContentType(r.getContentType());
        copy.setBody(r.getBody());
        copy.setUserAgentExtensions(r.getUserAgentExtensions());
        if (r.getUsername() != null && r.getPassword() != null) {
            copy.setAuth(r.getUsername(), r.getPassword());
        } else if (r.getAuthStrategy() != null) {
            copy.setAuth(r.getAuthStrategy());
        }
        return copy;
    }

    private interface Adder {
        void add(String name, String value);
    }

    private static void copyParams(Map<String, List<String>> params, Adder adder) {
        for (Map.Entry<String, List<String>> e : params.entrySet()) {
            for (String v : e.getValue()) {
                adder.add(e.getKey(), v);
            }
        }
    }

    @Override
    public void close() {
        try {
            client.close();
        } catch (IOException e) {
            // only idle connections are left to close
        }
    }

    @Override
    public String toString() {
        return "TwilioHttpClient[" + (base == null ? TWILIO : base) + "]";
    }
}
