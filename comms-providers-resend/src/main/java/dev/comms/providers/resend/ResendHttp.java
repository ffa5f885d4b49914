package dev.comms.providers.resend;

import com.resend.core.net.AbstractHttpResponse;
import com.resend.core.net.HttpMethod;
import com.resend.core.net.IHttpClient;
import com.resend.core.net.RequestOptions;
import dev.comms.spi.LastExchange;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import okhttp3.Call;
import okhttp3.ConnectionPool;
import okhttp3.EventListener;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * Resend's HTTP layer on our own OkHttp client: a base URL (the SDK's is a constant), explicit
 * timeouts (connect, write and read capped by the attempt's own timeout, set per call by an
 * application interceptor, and the whole call limited to it), no retry on connection failure, no
 * redirects, and what reached the wire kept in a per-client {@link LastExchange} for classification:
 * an event listener marks the request written when OkHttp starts writing its headers (so a failure
 * before that, a refused connection or a connect timeout, sent nothing), and the answer's status and
 * headers are recorded because the SDK's exception carries neither {@code retry-after} nor the
 * headers. {@code execute()} runs the call on the calling thread, so per-thread records suffice.
 */
final class ResendHttp implements IHttpClient<String> {
    private final String base;
    private final OkHttpClient http;
    private final String userAgent;
    private final LastExchange exchange = new LastExchange();
    /** The whole call's limit: the attempt's own timeout. */
    private final ThreadLocal<Duration> callTimeout = new ThreadLocal<>();
    /** Connect, write and read timeouts of the call: the configured ones capped by the attempt's. */
    private final ThreadLocal<Duration> ioTimeout = new ThreadLocal<>();

    /**
     * @param idleConnections the idle connections kept for reuse ({@link dev.comms.spi.HttpProviders#concurrency}), 5 minutes each
     */
    ResendHttp(String base, Duration connectTimeout, Duration readTimeout, int idleConnections, String userAgent) {
        this.base = base.replaceAll("/+$", "");
        this.userAgent = userAgent;
        this.http = new OkHttpClient.Builder().connectTimeout(connectTimeout).readTimeout(readTimeout).writeTimeout(readTimeout)
                .connectionPool(new ConnectionPool(Math.max(1, idleConnections), 5, TimeUnit.MINUTES))
                .retryOnConnectionFailure(false).followRedirects(false)
                .addInterceptor(chain -> {
                    Duration io = ioTimeout.get();
                    if (io == null) {
                        return chain.proceed(chain.request());
                    }
                    int ms = (int) Math.max(1, Math.min(Integer.MAX_VALUE, io.toMillis()));
                    int connect = (int) Math.min(ms, connectTimeout.toMillis());
                    return chain.withConnectTimeout(connect, TimeUnit.MILLISECONDS).withReadTimeout(ms, TimeUnit.MILLISECONDS)
                            .withWriteTimeout(ms, TimeUnit.MILLISECONDS).proceed(chain.request());
                })
                .eventListener(new EventListener() {
                    @Override
                    public void requestHeadersStart(Call call) {
                        exchange.written();
                    }
                }).build();
    }

    /**
     * Starts an SDK call on this thread: forgets the previous exchange and sets the call's timeouts.
     *
     * @param attempt how long the whole call may take ({@code SendContext.timeout()}), or null for the
     *     configured timeouts only
     * @param io the connect, write and read timeouts ({@code HttpProviders.attemptTimeout}), or null
     */
    void begin(Duration attempt, Duration io) {
        exchange.begin();
        set(callTimeout, attempt);
        set(ioTimeout, io);
    }

    private static void set(ThreadLocal<Duration> local, Duration value) {
        if (value == null || value.isNegative() || value.isZero()) {
            local.remove();
        } else {
            local.set(value);
        }
    }

    /** @return what this thread's current SDK call put on the wire and got back */
    LastExchange.Exchange exchange() {
        return exchange.get();
    }

    @Override
    public AbstractHttpResponse<String> perform(String path, String apiKey, HttpMethod method, String payload, MediaType mediaType) {
        return perform(path, apiKey, method, payload, mediaType, (RequestOptions) null);
    }

    @Override
    public AbstractHttpResponse<String> perform(String path, String apiKey, HttpMethod method, String payload, MediaType mediaType,
            Map<String, String> additionalHeaders) {
        return perform(path, apiKey, method, payload, mediaType, RequestOptions.builder().addAll(additionalHeaders).build());
    }

    @Override
    public AbstractHttpResponse<String> perform(String path, String apiKey, HttpMethod method, String payload, MediaType mediaType,
            RequestOptions options) {
        Request.Builder b = new Request.Builder().url(base + path).header("Accept", "application/json").header("User-Agent", userAgent)
                .header("Authorization", "Bearer " + apiKey)
                .method(method.name(), payload == null ? null : RequestBody.create(payload, mediaType));
        if (options != null) {
            if (options.getIdempotencyKey() != null) {
                b.header("Idempotency-Key", options.getIdempotencyKey());
            }
            if (options.getAdditionalHeaders() != null) {
                options.getAdditionalHeaders().forEach(b::header);
            }
        }
        Call call = http.newCall(b.build());
        Duration t = callTimeout.get();
        if (t != null) {
            call.timeout().timeout(t.toNanos(), TimeUnit.NANOSECONDS);
        }
        try (Response r = call.execute()) {
            String body = r.body().string();
            Map<String, String> headers = new HashMap<>();
            for (String name : r.headers().names()) {
                headers.put(name, r.header(name));
            }
            exchange.answered(r.code(), headers);
            return new AbstractHttpResponse<>(r.code(), body, r.isSuccessful());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public AbstractHttpResponse<String> performMultipart(String path, String apiKey, HttpMethod method, File file, MediaType fileMediaType,
            Map<String, String> formFields) {
        throw new UnsupportedOperationException("Comms does not send attachments through Resend yet");
    }

    @Override
    public AbstractHttpResponse<String> performMultipart(String path, String apiKey, HttpMethod method, File file, MediaType fileMediaType,
            Map<String, String> formFields, RequestOptions requestOptions) {
        throw new UnsupportedOperationException("Comms does not send attachments through Resend yet");
    }

    @Override
    public AbstractHttpResponse<String> performMultipart(String path, String apiKey, HttpMethod method, byte[] fileBytes, String fileName,
            MediaType fileMediaType, Map<String, String> formFields) {
        throw new UnsupportedOperationException("Comms does not send attachments through Resend yet");
    }

    @Override
    public AbstractHttpResponse<String> performMultipart(String path, String apiKey, HttpMethod method, byte[] fileBytes, String fileName,
            MediaType fileMediaType, Map<String, String> formFields, RequestOptions requestOptions) {
        throw new UnsupportedOperationException("Comms does not send attachments through Resend yet");
    }

    /** @return the idle connections the pool keeps now */
    int idleConnections() {
        return http.connectionPool().idleConnectionCount();
    }

    void close() {
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
    }
}
