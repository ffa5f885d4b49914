package dev.comms.testkit;

import dev.comms.ChatMessage;
import dev.comms.ChatRequest;
import dev.comms.ChatRole;
import dev.comms.Channel;
import dev.comms.TokenUsage;
import dev.comms.spi.Capability;
import dev.comms.spi.ChatCompleter;
import dev.comms.spi.ChatResult;
import dev.comms.spi.SendContext;
import java.util.EnumSet;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * The fake AI provider. It answers with scripted replies ({@link #reply}) or, by default,
 * {@code "Fake reply."}; token counts are the characters divided by four, rounded up, so they are
 * deterministic. Magic model names fail (see {@link MagicRecipients}).
 */
public final class FakeAi extends FakeChannel<ChatRequest, ChatResult> implements ChatCompleter {
    /** The reply when none is scripted. */
    public static final String DEFAULT_REPLY = "Fake reply.";

    private final Queue<String> replies = new ConcurrentLinkedQueue<>();

    FakeAi() {
        super(Channel.AI, "chatcmpl-fake", EnumSet.of(Capability.AI_MAX_TOKENS, Capability.IDEMPOTENCY_KEY));
    }

    /**
     * Scripts the text of the next replies.
     *
     * @param texts replies, in order
     */
    public void reply(String... texts) {
        replies.addAll(java.util.List.of(texts));
    }

    @Override
    public ChatResult complete(ChatRequest request, SendContext context) {
        return handle(request, context, id -> {
            String text = replies.poll();
            if (text == null) {
                text = DEFAULT_REPLY;
            }
            long prompt = 0;
            for (ChatMessage m : request.messages()) {
                prompt += tokens(m.content());
            }
            long completion = tokens(text);
            if (request.maxTokens().isPresent() && completion > request.maxTokens().getAsInt()) {
                completion = request.maxTokens().getAsInt();
            }
            String finish = completion < tokens(text) ? "length" : "stop";
            return new ChatResult(id, text, request.model().orElse("fake"), new TokenUsage(prompt, completion, prompt + completion), finish);
        });
    }

    static long tokens(String text) {
        return (text.length() + 3) / 4;
    }

    @Override
    Outcome magic(ChatRequest request) {
        return request.model().map(MagicRecipients::forModel).orElse(null);
    }

    @Override
    public void reset() {
        super.reset();
        replies.clear();
    }

    /** @return the last user message of the last request, for assertions */
    public java.util.Optional<String> lastPrompt() {
        return last().flatMap(s -> s.message().messages().stream().filter(m -> m.role() == ChatRole.USER)
                .reduce((a, b) -> b).map(ChatMessage::content));
    }

    @Override
    public String toString() {
        return "FakeAi[sent=" + sent().size() + ", requests=" + requests() + "]";
    }
}
