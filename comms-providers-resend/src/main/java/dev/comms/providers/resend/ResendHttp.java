package dev.comms.providers.resend;

import com.resend.core.net.AbstractHttpResponse;
import com.resend.core.net.HttpMethod;
import com.resend.core.net.IHttpClient;
import com.resend.core.net.RequestOptions;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Map;
import okhttp3.Call;
import okhttp3.EventListener;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * Resend's HTTP layer on our own OkHttp client: a base URL (the SDK's is a constant), explicit
 * timeouts, no retry on connection failure, no redirects, and the status, rate-limit header and
 * "request started" flag of the last exchange on this thread kept for classification (the SDK's
 * exception has no headers, and a failure before the request was written means nothing was sent).
 */
final class ResendHttp implements IHttpClient<String> {
    /**
     * The last exchange on a thread.
     *
     * @param status the HTTP status, 0 when no answer came
     * @param retryAfter the {@code retry-after} header, or null
     * @param failure the network failure, or null
     * @param requestStarted whether OkHttp began writing the request (false: Resend cannot have seen it)
     */
    record Exchange(int status, String retryAfter, IOException failure, boolean requestStarted) {
    }

    private static final ThreadLocal<Exchange> LAST = new ThreadLocal<>();
    /** Set when OkHttp starts writing the request; execute() runs the call on the calling thread. */
    private static final ThreadLocal<Boolean> STARTED = new ThreadLocal<>();

    private static final EventListener TRACK_WRITE = new EventListener() {
        @Override
        public void requestHeadersStart(Call call) {
            STARTED.set(Boolean.TRUE);
        }
    };

    private final String base;
    private final OkHttpClient http;
    private final String userAgent;

    ResendHttp(String base, Duration connectTimeout, Duration readTimeout, String userAgent) {
        this.base = base.replaceAll("/+$", "");
        this.userAgent = userAgent;
        this.http = new OkHttpClient.Builder().connectTimeout(connectTimeout).readTimeout(readTimeout).writeTimeout(readTimeout)
                .retryOnConnectionFailure(false).followRedirects(false).eventListener(TRACK_WRITE).build();
    }

    static Exchange last() {
        return LAST.get();
    }

    static void clear() {
        LAST.remove();
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
        STARTED.remove();
        try (Response r = http.newCall(b.build()).execute()) {
            String body = r.body().string();
            LAST.set(new Exchange(r.code(), r.header("retry-after"), null, true));
            return new AbstractHttpResponse<>(r.code(), body, r.isSuccessful());
        } catch (IOException e) {
            LAST.set(new Exchange(0, null, e, Boolean.TRUE.equals(STARTED.get())));
            throw new UncheckedIOException(e);
        } finally {
            STARTED.remove();
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

    void close() {
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
    }
}
