package dev.comms;

import java.util.Objects;

/**
 * One message of an AI chat completion request.
 *
 * @param role who wrote it; never null
 * @param content the text; never empty
 */
public record ChatMessage(ChatRole role, String content) {
    /**
     * Validates the components.
     *
     * @param role who wrote it; never null
     * @param content the text; never empty
     */
    public ChatMessage {
        Objects.requireNonNull(role, "role");
        if (content == null || content.isBlank()) {
            throw new InvalidMessageException(ErrorCode.EMPTY_MESSAGE, "messages." + role.key(), "message content is empty", Channel.AI);
        }
    }

    /** @return the role and the content's length; never the content */
    @Override
    public String toString() {
        return "ChatMessage{" + role.key() + ", length=" + content.length() + '}';
    }
}
