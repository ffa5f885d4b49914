package dev.comms.providers.openai;

import com.openai.client.OpenAIClient;
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
import dev.comms.FailureClass;
import dev.comms.ProviderException;
import dev.comms.TokenUsage;
import dev.comms.spi.Capability;
import dev.comms.spi.ChatCompleter;
import dev.comms.spi.ChatResult;
import dev.comms.spi.SendContext;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/** Chat completions through the OpenAI SDK; one HTTP request per attempt ({@code maxRetries(0)}). */
final class OpenAiChat implements ChatCompleter {
    private final OpenAIClient client;
    private final boolean legacyMaxTokens;
    private final Clock clock;

    OpenAiChat(OpenAIClient client, boolean legacyMaxTokens, Clock clock) {
        this.client = client;
        this.legacyMaxTokens = legacyMaxTokens;
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

    @SuppressWarnings("deprecation") // max_tokens on purpose, for compatible servers that only know it
    static ChatCompletionCreateParams params(ChatRequest request, boolean legacyMaxTokens) {
        ChatCompletionCreateParams.Builder b = ChatCompletionCreateParams.builder()
                .model(request.model().orElseThrow(() -> new IllegalArgumentException("no model: set comms.ai.model")));
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
        ChatCompletion c;
        try {
            c = client.chat().completions().create(params(request, legacyMaxTokens));
        } catch (OpenAIServiceException e) {
            throw classify(e, clock.instant());
        } catch (OpenAIIoException e) {
            throw network(e);
        } catch (OpenAIException e) {
            throw ProviderException.of(FailureClass.NOT_SENT, OpenAiProvider.ID, "OpenAI answer could not be read: " + e.getMessage())
                    .channel(Channel.AI).cause(e).build();
        }
        String text = c.choices().isEmpty() ? "" : c.choices().get(0).message().content().orElse("");
        String finish = c.choices().isEmpty() ? "unknown" : c.choices().get(0).finishReason().asString();
        TokenUsage usage = c.usage().map(OpenAiChat::usage).orElse(TokenUsage.NONE);
        return new ChatResult(c.id(), text, c.model(), usage, finish);
    }

    static TokenUsage usage(CompletionUsage u) {
        return new TokenUsage(u.promptTokens(), u.completionTokens(), u.totalTokens());
    }

    /**
     * 429: not sent, retry after {@code retry-after-ms} or {@code retry-after}, except
     * {@code insufficient_quota} (permanent: retrying cannot add credit). 5xx: not sent - a chat
     * completion has no side effect beyond its cost, so retrying and failing over is safe. Other 4xx:
     * permanent.
     */
    static ProviderException classify(OpenAIServiceException e, Instant now) {
        int status = e.statusCode();
        String code = e.code().or(e::type).orElse(null);
        String message = "OpenAI: HTTP " + status + (e.getMessage() == null ? "" : " " + e.getMessage());
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
        ProviderException.Builder b = ProviderException.of(fc, OpenAiProvider.ID, message).channel(Channel.AI).httpStatus(status).cause(e);
        if (code != null) {
            b.providerCode(code);
        }
        if (retryAfter != null && fc == FailureClass.NOT_SENT) {
            b.retryAfter(retryAfter);
        }
        return b.build();
    }

    static Duration retryAfter(Headers headers, Instant now) {
        List<String> ms = headers.values("retry-after-ms");
        if (!ms.isEmpty()) {
            try {
                return Duration.ofMillis((long) Double.parseDouble(ms.get(0).strip()));
            } catch (NumberFormatException e) {
                // fall through to retry-after
            }
        }
        List<String> ra = headers.values("retry-after");
        if (ra.isEmpty()) {
            return null;
        }
        String v = ra.get(0).strip();
        try {
            return Duration.ofMillis((long) (Double.parseDouble(v) * 1000));
        } catch (NumberFormatException e) {
            try {
                Duration d = Duration.between(now, ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
                return d.isNegative() ? Duration.ZERO : d;
            } catch (java.time.format.DateTimeParseException ex) {
                return null;
            }
        }
    }

    /** A refused connection was never sent; a timeout after sending is ambiguous (it may still be billed). */
    static ProviderException network(OpenAIIoException e) {
        Throwable c = e.getCause();
        boolean notConnected = c instanceof ConnectException || c instanceof NoRouteToHostException || c instanceof UnknownHostException;
        boolean timeout = c instanceof InterruptedIOException;
        FailureClass fc = notConnected ? FailureClass.NOT_SENT : FailureClass.AMBIGUOUS;
        return ProviderException.of(fc, OpenAiProvider.ID, notConnected ? "could not connect to the OpenAI endpoint"
                : (timeout ? "timed out waiting for OpenAI" : "network failure talking to OpenAI") + " (" + (c == null ? e : c)
                        .getClass().getSimpleName() + ")").channel(Channel.AI).cause(e).build();
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
