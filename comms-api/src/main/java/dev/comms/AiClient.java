package dev.comms;

/**
 * Asks AI chat completions (a language model, not a chat app).
 * {@code comms.ai().send(ChatRequest.user("Summarise this").build()).text()}.
 *
 * <p>Thread-safety: safe for concurrent use.
 */
public interface AiClient extends ChannelClient<ChatRequest, ChatReceipt> {
}
