package dev.comms.providers.openai;

import com.openai.client.OpenAIClient;
import com.openai.core.JsonField;
import com.openai.core.RequestOptions;
import com.openai.core.Timeout;
import com.openai.core.http.Headers;
import com.openai.errors.OpenAIIoException;
import com.openai.errors.OpenAIServiceException;
import com.openai.errors.OpenAIException;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.completions.CompletionUsage;
import dev.comms.Channel;
import dev.comms.ChatMessage;
import dev.comms.ChatRequest;
import dev.comms.CommsConfigurationException;
import dev.comms.FailureClass;
import dev.comms.ProviderException;
import dev.comms.TokenUsage;
import dev.comms.spi.Capability;
import dev.comms.spi.ChatCompleter;
import dev.comms.spi.ChatResult;
import dev.comms.spi.RetryAfter;
import dev.comms.spi.SendContext;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Chat completions through the OpenAI SDK; one HTTP request per attempt ({@code maxRetries(0)}),
 * bounded by the shorter of {@code comms.openai.timeout} and the attempt's {@link SendContext#timeout()}.
 */
final class OpenAiChat implements ChatCompleter {
    /** A TCP connect never waits longer than this: a dead host should fail over quickly. */
    static final Duration MAX_CONNECT = Duration.ofSeconds(10);

    private final OpenAIClient client;
    private final boolean legacyMaxTokens;
    private final Duration timeout;
    private final String secret;
    private final Clock clock;

    OpenAiChat(OpenAIClient client, boolean legacyMaxTokens, Duration timeout, String secret, Clock clock) {
        this.client = client;
        this.legacyMaxTokens = legacyMaxTokens;
        this.timeout = timeout;
        this.secret = secret;
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

    /** The SDK timeouts for one attempt: connect at most {@link #MAX_CONNECT}, the rest {@code t}. */
    static Timeout timeouts(Duration t) {
        return Timeout.builder().request(t).read(t).write(t).connect(t.compareTo(MAX_CONNECT) < 0 ? t : MAX_CONNECT).build();
    }

    @SuppressWarnings("deprecation") // max_tokens on purpose, for compatible servers that only know it
    static ChatCompletionCreateParams params(ChatRequest request, boolean legacyMaxTokens) {
        ChatCompletionCreateParams.Builder b = ChatCompletionCreateParams.builder()
                .model(request.model().orElseThrow(() -> new CommsConfigurationException(
                        "the chat request names no model: set one on the request or configure comms.ai.model")));
        for (ChatMessage m : request.messages()) {
            switch (m.role()) {
                case SYSTEM -> b.addSystemMessage(m.content());
                case USER -> b.addUserMessage(m.content());
                case ASSISTANT -> b.addAssistantMessage(m.content());
            }
        }
        if (request.maxTokens().isPresent()) {
            if (legacyMaxTokens) {
                b.maxTokens(request.maxTokens().getAsInt());
            } else {
                b.maxCompletionTokens(request.maxTokens().getAsInt());
            }
        }
        return b.build();
    }

    @Override
    public ChatResult complete(ChatRequest request, SendContext context) {
        ChatCompletionCreateParams params = params(request, legacyMaxTokens);
        Duration attempt = context.timeout().compareTo(timeout) < 0 ? context.timeout() : timeout;
        try {
            ChatCompletion c = client.chat().completions().create(params, RequestOptions.builder().timeout(timeouts(attempt)).build());
            return result(c, request, context);
        } catch (OpenAIServiceException e) {
            throw classify(e, clock.instant(), secret);
        } catch (OpenAIIoException e) {
            throw network(e, secret);
        } catch (OpenAIException e) {
            // a 2xx whose body is not a chat completion (a proxy page, a broken compatible server):
            // like a 5xx it did nothing but cost, so another attempt or provider may be tried
            ProviderException.Builder b = ProviderException.of(FailureClass.NOT_SENT, OpenAiProvider.ID,
                    "the answer is not a chat completion: " + redact(e.getMessage(), secret)).channel(Channel.AI);
            throw withCause(b, e, secret).build();
        }
    }

    /**
     * Reads the answer leniently (compatible servers leave out fields OpenAI always sends): a missing
     * id becomes the message id, a missing model the requested one, missing usage {@link TokenUsage#NONE}.
     */
    static ChatResult result(ChatCompletion c, ChatRequest request, SendContext context) {
        String id = c._id().asKnown().filter(s -> !s.isBlank()).orElse(context.messageId());
        String model = c._model().asKnown().filter(s -> !s.isBlank()).or(request::model).orElse("");
        Optional<ChatCompletion.Choice> first = c._choices().asKnown().filter(l -> !l.isEmpty()).map(l -> l.get(0));
        String text = first.flatMap(ch -> ch._message().asKnown()).flatMap(m -> m._content().asKnown()).orElse("");
        String finish = first.flatMap(ch -> ch._finishReason().asKnown()).map(f -> f.asString()).orElse("");
        TokenUsage usage = c._usage().asKnown().map(OpenAiChat::usage).orElse(TokenUsage.NONE);
        return new ChatResult(id, text, model, usage, finish);
    }

    static TokenUsage usage(CompletionUsage u) {
        long prompt = count(u._promptTokens());
        long completion = count(u._completionTokens());
        long total = u._totalTokens().asKnown().map(t -> Math.max(0L, t)).orElse(prompt + completion);
        return new TokenUsage(prompt, completion, total);
    }

    private static long count(JsonField<Long> f) {
        return f.asKnown().map(t -> Math.max(0L, t)).orElse(0L);
    }

    /**
     * 429: not sent, retry after {@code retry-after-ms} or {@code retry-after}, except
     * {@code insufficient_quota} (permanent: retrying cannot add credit). 5xx: not sent - a chat
     * completion has no side effect beyond its cost, so retrying and failing over is safe. Other 4xx:
     * permanent. The provider code is the error's {@code code}, else its {@code type}.
     */
    static ProviderException classify(OpenAIServiceException e, Instant now, String secret) {
        int status = e.statusCode();
        String code = e.code().filter(s -> !s.isBlank()).or(() -> e.type().filter(s -> !s.isBlank())).orElse(null);
        FailureClass fc;
        Duration retryAfter = null;
        if (status == 429) {
            fc = "insufficient_quota".equals(code) ? FailureClass.PERMANENT : FailureClass.NOT_SENT;
            retryAfter = retryAfter(e.headers(), now);
        } else if (status >= 500) {
            fc = FailureClass.NOT_SENT;
        } else {
            fc = FailureClass.PERMANENT;
        }
        String detail = e.getMessage() == null ? "" : " " + redact(e.getMessage(), secret);
        ProviderException.Builder b = ProviderException.of(fc, OpenAiProvider.ID, "OpenAI: HTTP " + status + detail)
                .channel(Channel.AI).httpStatus(status);
        if (code != null) {
            b.providerCode(code);
        }
        if (retryAfter != null && fc == FailureClass.NOT_SENT) {
            b.retryAfter(retryAfter);
        }
        return withCause(b, e, secret).build();
    }

    /** {@code retry-after-ms} (OpenAI's, milliseconds) first, then {@code retry-after} (seconds or an HTTP date). */
    static Duration retryAfter(Headers headers, Instant now) {
        for (String ms : headers.values("retry-after-ms")) {
            Duration d = millis(ms, 1);
            if (d != null) {
                return d;
            }
        }
        for (String v : headers.values("retry-after")) {
            java.util.Optional<Duration> d = RetryAfter.parse(v, now);
            if (d.isPresent()) {
                return d.get();
            }
        }
        return null;
    }

    private static Duration millis(String value, double scale) {
        try {
            double v = Double.parseDouble(value.strip()) * scale;
            return Double.isFinite(v) ? Duration.ofMillis((long) Math.max(0, Math.min(v, 86_400_000d))) : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /**
     * A refused connection (or a connect timeout) was never sent: NOT_SENT. Any other network failure,
     * a read or whole-call timeout included, came after the request may have reached the model, which
     * may have run and billed: AMBIGUOUS.
     */
    static ProviderException network(OpenAIIoException e, String secret) {
        Throwable c = e.getCause() == null ? e : e.getCause();
        boolean connectTimeout = c instanceof SocketTimeoutException && c.getMessage() != null
                && c.getMessage().toLowerCase(Locale.ROOT).contains("connect");
        boolean notConnected = connectTimeout || c instanceof ConnectException || c instanceof NoRouteToHostException
                || c instanceof UnknownHostException;
        boolean timeout = c instanceof InterruptedIOException;
        String what = notConnected ? (connectTimeout ? "timed out connecting to the OpenAI endpoint" : "could not connect to the OpenAI endpoint")
                : timeout ? "timed out waiting for OpenAI" : "network failure talking to OpenAI";
        ProviderException.Builder b = ProviderException.of(notConnected ? FailureClass.NOT_SENT : FailureClass.AMBIGUOUS,
                OpenAiProvider.ID, what + " (" + c.getClass().getSimpleName() + ")").channel(Channel.AI);
        return withCause(b, e, secret).build();
    }

    /** Removes the API key from text a server echoed back (OpenAI masks it; compatible servers may not). */
    static String redact(String text, String secret) {
        return text == null || secret == null || secret.isEmpty() ? text : text.replace(secret, "****");
    }

    /** Attaches the SDK exception as the cause unless some message in its chain holds the key. */
    private static ProviderException.Builder withCause(ProviderException.Builder b, Throwable cause, String secret) {
        for (Throwable t = cause; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (secret != null && !secret.isEmpty() && String.valueOf(t.getMessage()).contains(secret)) {
                return b;
            }
        }
        return b.cause(cause);
    }

    @Override
    public void close() {
        client.close();
    }

    @Override
    public String toString() {
        return "OpenAiChat[api key ****]";
    }
}
