package dev.comms.internal;

import dev.comms.Billing;
import dev.comms.Channel;
import dev.comms.ChatMessage;
import dev.comms.ChatReceipt;
import dev.comms.ChatRequest;
import dev.comms.DeliveryStatus;
import dev.comms.spi.Capability;
import dev.comms.spi.ChatCompleter;
import dev.comms.spi.ChatResult;
import dev.comms.spi.ProviderChannel;
import dev.comms.spi.SendContext;
import dev.comms.spi.Usage;
import java.util.EnumSet;

/** The AI channel's defaults, plan and receipt. */
final class ChatOps implements ChannelOps<ChatRequest, ChatReceipt, ChatResult> {
    private final Settings settings;

    ChatOps(Settings settings) {
        this.settings = settings;
    }

    @Override
    public Channel channel() {
        return Channel.AI;
    }

    @Override
    public ChatRequest prepare(ChatRequest request) {
        return request.model().isPresent() ? request : request.withModel(settings.aiModel);
    }

    @Override
    public Plan plan(ChatRequest request) {
        EnumSet<Capability> required = EnumSet.noneOf(Capability.class);
        if (request.maxTokens().isPresent()) {
            required.add(Capability.AI_MAX_TOKENS);
        }
        Fingerprint f = new Fingerprint().add("channel", "ai").add("model", request.model().orElse(null))
                .add("maxTokens", request.maxTokens().isPresent() ? request.maxTokens().getAsInt() : null);
        long promptChars = 0;
        for (ChatMessage m : request.messages()) {
            f.add(m.role().key(), m.content());
            promptChars += m.content().length();
        }
        // About four characters a token in English; the estimate only sizes the hold.
        long promptTokens = (promptChars + 3) / 4;
        long completion = request.maxTokens().isPresent() ? request.maxTokens().getAsInt() : settings.aiMaxTokens;
        return new Plan(Usage.ai(promptTokens, completion), "ZZ", null, required, f::sha256);
    }

    @Override
    public void check(ProviderChannel impl, ChatRequest request) {
        ((ChatCompleter) impl).check(request);
    }

    @Override
    public java.util.List<String> recipients(ChatRequest request) {
        return java.util.List.of();
    }

    @Override
    public String recipient(ChatRequest request) {
        return "";
    }

    @Override
    public String content(ChatRequest request) {
        return null;
    }

    @Override
    public ChatResult call(ProviderChannel impl, ChatRequest request, SendContext context) {
        return ((ChatCompleter) impl).complete(request, context);
    }

    @Override
    public Usage actual(ChatRequest request, Plan plan, ChatResult result) {
        return Usage.ai(result.usage().promptTokens(), result.usage().completionTokens());
    }

    @Override
    public ChatReceipt receipt(ReceiptBase b, ChatRequest request, Plan plan, ChatResult r, Billing billing) {
        return new ChatReceipt(b.id(), b.account(), b.mode(), b.provider(), r.providerMessageId(), DeliveryStatus.COMPLETED,
                b.attempts(), billing, b.timestamp(), r.text(), r.model(), r.usage(), r.finishReason());
    }
}
