package dev.comms.providers.twilio;

import com.twilio.exception.ApiException;
import com.twilio.http.NetworkHttpClient;
import com.twilio.http.Request;
import com.twilio.http.Response;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
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
 * <li>our connect and read timeouts: the SDK stamps its own defaults (30.5 s connect) on every request,
 * so an exec interceptor puts ours back on the exchange's context; the read timeout of an attempt is
 * the shorter of {@code comms.twilio.timeout} and the attempt's own budget;</li>
 * <li>requests are copied onto {@code base-url + path} when a base URL other than Twilio's is set (a
 * local stub, a proxy); region and edge stay unset so the SDK does not rewrite the host;</li>
 * <li>the HTTP status, the Retry-After header and any I/O failure of the last exchange are kept per
 * thread (the SDK call is synchronous), because {@code ApiException} loses them: its status is the
 * JSON body's {@code status} field, and null for HTML or empty bodies.</li>
 * </ul>
 */
final class TwilioHttpClient extends NetworkHttpClient implements AutoCloseable {
    /** Twilio's API host: requests to it are not rewritten. */
    static final URI TWILIO = URI.create("https://api.twilio.com");

    /**
     * What the last exchange on a thread was.
     *
     * @param sent whether the SDK handed a request to the HTTP layer
     * @param status the HTTP status, 0 when no response arrived
     * @param retryAfter the Retry-After header, or null
     * @param failure the I/O failure, or null
     */
    record Exchange(boolean sent, int status, String retryAfter, IOException failure) {
        static final Exchange NONE = new Exchange(false, 0, null, null);
    }

    /** The timeouts, shared by the client and the interceptor that applies them. */
    private static final class Timeouts {
        final Timeout connect;
        final Timeout read;
        final ThreadLocal<Timeout> attemptRead = new ThreadLocal<>();

        Timeouts(Timeout connect, Timeout read) {
            this.connect = connect;
            this.read = read;
        }

        RequestConfig current() {
            Timeout attempt = attemptRead.get();
            return requestConfig(connect, attempt != null && attempt.compareTo(read) < 0 ? attempt : read);
        }
    }

    private final ThreadLocal<Exchange> last = ThreadLocal.withInitial(() -> Exchange.NONE);
    private final Timeouts timeouts;
    private final String base;

    private TwilioHttpClient(String base, Timeouts timeouts, HttpClientBuilder builder) {
        super(builder);
        this.base = base;
        this.timeouts = timeouts;
    }

    /**
     * @param base the API base URL; {@link #TWILIO} or null for Twilio itself
     * @param connectTimeout the connect timeout
     * @param readTimeout the read (response) timeout per attempt
     * @return the client
     */
    static TwilioHttpClient create(URI base, Duration connectTimeout, Duration readTimeout) {
        Timeout connect = Timeout.of(connectTimeout);
        Timeout read = Timeout.of(readTimeout);
        Timeouts timeouts = new Timeouts(connect, read);
        PoolingHttpClientConnectionManager pool = PoolingHttpClientConnectionManagerBuilder.create()
                .setDefaultConnectionConfig(ConnectionConfig.custom().setConnectTimeout(connect).setSocketTimeout(read).build())
                .setMaxConnPerRoute(20).setMaxConnTotal(100)
                .build();
        HttpClientBuilder builder = HttpClientBuilder.create()
                .disableAutomaticRetries()
                .setConnectionManager(pool)
                .setDefaultRequestConfig(requestConfig(connect, read))
                // Runs before a connection is acquired: replaces the SDK's per-request defaults with ours.
                .addExecInterceptorFirst("comms-timeouts", (request, scope, chain) -> {
                    scope.clientContext.setRequestConfig(timeouts.current());
                    return chain.proceed(request, scope);
                });
        String rebased = base == null || base.equals(TWILIO) ? null : base.toString().replaceAll("/+$", "");
        return new TwilioHttpClient(rebased, timeouts, builder);
    }

    private static RequestConfig requestConfig(Timeout connect, Timeout read) {
        // The connect timeout comes from the pool's ConnectionConfig (the RequestConfig one is deprecated).
        return RequestConfig.custom().setConnectionRequestTimeout(connect).setResponseTimeout(read).build();
    }

    /**
     * Starts an SDK call on this thread: forgets the previous exchange and caps the read timeout.
     *
     * @param attemptBudget the attempt's own timeout, or null
     */
    void begin(Duration attemptBudget) {
        last.set(Exchange.NONE);
        if (attemptBudget == null || attemptBudget.isNegative() || attemptBudget.isZero()) {
            timeouts.attemptRead.remove();
        } else {
            timeouts.attemptRead.set(Timeout.of(attemptBudget));
        }
    }

    /** @return the last exchange on this thread since {@link #begin} */
    Exchange last() {
        return last.get();
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
        Request target = base == null ? request : rebase(request);
        Response response;
        try {
            response = super.makeRequest(target);
        } catch (ApiException e) {
            IOException io = e.getCause() instanceof IOException i ? i : null;
            last.set(new Exchange(io != null, 0, null, io));
            throw e;
        }
        last.set(new Exchange(true, response.getStatusCode(), header(response, "Retry-After"), null));
        return response;
    }

    private static String header(Response response, String name) {
        Header[] headers = response.getHeaders();
        if (headers != null) {
            for (Header h : headers) {
                if (h.getName().equalsIgnoreCase(name)) {
                    return h.getValue();
                }
            }
        }
        return null;
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
