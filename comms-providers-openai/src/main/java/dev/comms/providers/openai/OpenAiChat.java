package dev.comms.providers.openai;

import dev.comms.Channel;
import dev.comms.ChatRequest;
import dev.comms.FailureClass;
import dev.comms.ProviderException;
import dev.comms.spi.HttpProviders;
import dev.comms.spi.Capability;
import dev.comms.spi.ChatCompleter;
import dev.comms.spi.ChatResult;
import dev.comms.spi.SendContext;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;

/**
 * Chat completions over the JDK's {@link HttpClient}: one {@code POST} per attempt (the client never
 * retries a POST, follows no redirect and has no authenticator), bounded as a whole by the shorter of
 * {@code comms.openai.timeout} and the attempt's {@link SendContext#timeout()}.
 */
final class OpenAiChat implements ChatCompleter {
    /** The longest answer read: a chat completion is a few kilobytes, so this only stops a broken server. */
    static final long MAX_ANSWER_BYTES = 8L * 1024 * 1024;
    /** The longest piece of a server's error text kept in an exception message. */
    static final int MAX_ERROR_TEXT = 300;

    /**
     * Where and how to send: the full chat completions URL and the header that carries the key.
     *
     * @param uri {@code .../chat/completions}, with Azure's {@code api-version} query when it applies
     * @param keyHeader {@code Authorization} (value {@code Bearer <key>}) or Azure's {@code api-key} (the bare key)
     * @param organization the {@code OpenAI-Organization} header, or null
     */
    record Endpoint(URI uri, String keyHeader, String organization) {
    }

    private final HttpClient client;
    private final Endpoint endpoint;
    private final boolean legacyMaxTokens;
    private final Duration timeout;
    private final String secret;
    private final String authorization;
    private final String userAgent;
    private final HttpClient.Version version;
    private final Clock clock;
    private volatile boolean closed;

    OpenAiChat(HttpClient client, Endpoint endpoint, boolean legacyMaxTokens, Duration timeout, String secret, String userAgent,
            Clock clock) {
        this.client = client;
        this.endpoint = endpoint;
        this.legacyMaxTokens = legacyMaxTokens;
        this.timeout = timeout;
        this.secret = secret;
        this.authorization = endpoint.keyHeader().equalsIgnoreCase("Authorization") ? "Bearer " + secret : secret;
        this.userAgent = userAgent;
        // HTTP/2 where TLS negotiates it (ALPN), else HTTP/1.1. Plain http (loopback only) stays on
        // HTTP/1.1: an h2c upgrade offer on a POST is something small local servers get wrong.
        this.version = "https".equalsIgnoreCase(endpoint.uri().getScheme()) ? HttpClient.Version.HTTP_2 : HttpClient.Version.HTTP_1_1;
        this.clock = clock;
    }

    @Override
    public String id() {
        return OpenAiProvider.ID;
    }

    @Override
    public Set<Capability> capabilities() {
        return EnumSet.of(Capability.AI_MAX_TOKENS);
    }

    @Override
    public ChatResult complete(ChatRequest request, SendContext context) {
        byte[] body = OpenAiPayloads.request(request, legacyMaxTokens);
        if (closed) {
            throw ProviderException.of(FailureClass.NOT_SENT, OpenAiProvider.ID, "the OpenAI provider is closed").channel(Channel.AI).build();
        }
        Duration attempt = HttpProviders.attemptTimeout(context, timeout);
        HttpRequest.Builder b = HttpRequest.newBuilder(endpoint.uri())
                .version(version)
                .timeout(attempt)
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .header("User-Agent", userAgent)
                .header(endpoint.keyHeader(), authorization)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (endpoint.organization() != null) {
            b.header("OpenAI-Organization", endpoint.organization());
        }
        long deadline = System.nanoTime() + attempt.toNanos();
        HttpResponse<byte[]> answer;
        try {
            // send, not sendAsync: the async variant adds a hop through the common pool to every call
            answer = client.send(b.build(), ProviderHttp.body(MAX_ANSWER_BYTES, deadline));
        } catch (IOException e) {
            throw network(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ProviderException.of(FailureClass.AMBIGUOUS, OpenAiProvider.ID, "interrupted waiting for OpenAI").channel(Channel.AI)
                    .build();
        }
        return answer(answer.statusCode(), answer.headers(), answer.body(), request, context);
    }

    /** Maps one HTTP answer to a result or a classified failure. */
    ChatResult answer(int status, HttpHeaders headers, byte[] body, ChatRequest request, SendContext context) {
        if (status >= 200 && status < 300) {
            try {
                return OpenAiPayloads.completion(body, request, context.messageId());
            } catch (OpenAiPayloads.NotACompletion e) {
                // a proxy page or a broken compatible server: like a 5xx it did nothing but cost, so
                // another attempt or provider may be tried
                String said = OpenAiPayloads.error(body).message();
                String message = "OpenAI: HTTP " + status + ": the answer is not a chat completion (" + e.getMessage() + "; "
                        + describe(headers, body) + ")" + (said == null ? "" : ": " + bounded(said));
                throw ProviderException.of(FailureClass.NOT_SENT, OpenAiProvider.ID, ProviderHttp.redact(message, secret))
                        .channel(Channel.AI).httpStatus(status).build();
            }
        }
        throw classify(status, headers, body, clock.instant(), secret);
    }

    /**
     * 429: not sent, retry after {@code retry-after-ms} or {@code retry-after}, except
     * {@code insufficient_quota} (permanent: retrying cannot add credit). 5xx: not sent - a chat
     * completion has no side effect beyond its cost, so retrying and failing over is safe; a 503's
     * Retry-After is kept too. Other statuses: permanent. The provider code is the error's
     * {@code code}, else its {@code type}.
     */
    static ProviderException classify(int status, HttpHeaders headers, byte[] body, Instant now, String secret) {
        OpenAiPayloads.ApiError error = OpenAiPayloads.error(body);
        String code = error.providerCode();
        FailureClass fc = status == 429 && "insufficient_quota".equals(code) ? FailureClass.PERMANENT : ProviderHttp.classify(status);
        StringBuilder message = new StringBuilder("OpenAI: HTTP ").append(status);
        if (code != null) {
            message.append(' ').append(code);
        }
        if (error.message() != null) {
            message.append(": ").append(bounded(error.message()));
        } else if (body.length > 0) {
            message.append(" (").append(describe(headers, body)).append(')');
        }
        ProviderException.Builder b = ProviderException.of(fc, OpenAiProvider.ID, ProviderHttp.redact(message.toString(), secret))
                .channel(Channel.AI).httpStatus(status);
        if (code != null) {
            b.providerCode(ProviderHttp.redact(bounded(code), secret));
        }
        if (fc == FailureClass.NOT_SENT && (status == 429 || status == 503)) {
            b.retryAfter(ProviderHttp.retryAfter(headers, now));
        }
        return b.build();
    }

    /** A network failure, a timeout or an over-long answer (no HTTP status to classify). */
    static ProviderException network(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ProviderHttp.AnswerTooLarge) {
                return ProviderException.of(FailureClass.NOT_SENT, OpenAiProvider.ID,
                        "OpenAI: the answer is not a chat completion (" + t.getMessage() + ")").channel(Channel.AI).build();
            }
        }
        ProviderHttp.NetworkFailure n = ProviderHttp.network(failure);
        // the JDK's exceptions never hold the key (it travels in a header only), so the cause is kept
        return ProviderException.of(n.notSent() ? FailureClass.NOT_SENT : FailureClass.AMBIGUOUS, OpenAiProvider.ID,
                "OpenAI: " + n.what()).channel(Channel.AI).cause(failure).build();
    }

    private static String describe(HttpHeaders headers, byte[] body) {
        return headers.firstValue("Content-Type").orElse("no content type") + ", " + body.length + " bytes";
    }

    private static String bounded(String text) {
        String oneLine = text.replaceAll("[\\p{Cntrl}]+", " ").strip();
        return oneLine.length() <= MAX_ERROR_TEXT ? oneLine : oneLine.substring(0, MAX_ERROR_TEXT) + "...";
    }

    /**
     * Stops new sends. On Java 21 and later the client's threads and connections are released now;
     * on Java 17 the JDK releases them once the client is unreachable.
     */
    @Override
    public void close() {
        closed = true;
        if (client instanceof AutoCloseable c) {
            try {
                c.close();
            } catch (Exception e) {
                // nothing to do: the client is unusable either way
            }
        }
    }

    @Override
    public String toString() {
        return "OpenAiChat[" + endpoint.uri() + ", api key ****]";
    }
}
