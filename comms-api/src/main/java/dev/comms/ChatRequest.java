package dev.comms;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * An AI chat completion request: messages with roles, an optional model and token limit.
 * "Chat" means a language-model completion here, not a chat app.
 *
 * <pre>{@code
 * ChatRequest request = ChatRequest.builder()
 *         .system("You answer in one sentence.")
 *         .user("What is an SMS segment?")
 *         .maxTokens(100)
 *         .build();
 * ChatReceipt receipt = comms.ai().send(request);
 * receipt.text();
 * }</pre>
 *
 * <p>The model may be left out when {@code comms.ai.model} is configured.
 */
public final class ChatRequest {
    private final List<ChatMessage> messages;
    private final String model;
    private final Integer maxTokens;

    private ChatRequest(Builder b) {
        this.messages = List.copyOf(b.messages);
        this.model = b.model;
        this.maxTokens = b.maxTokens;
    }

    /** @return an empty builder */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A request of one user message.
     *
     * @param content what to ask
     * @return a builder holding that message
     */
    public static Builder user(String content) {
        return new Builder().user(content);
    }

    /** @return a builder holding this request's fields */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.messages.addAll(messages);
        b.model = model;
        b.maxTokens = maxTokens;
        return b;
    }

    /** @return the messages in order; never empty */
    public List<ChatMessage> messages() {
        return messages;
    }

    /**
     * @return the model, unless left to {@code comms.ai.model}
     */
    public Optional<String> model() {
        return Optional.ofNullable(model);
    }

    /** @return the most tokens to generate, if limited */
    public OptionalInt maxTokens() {
        return maxTokens == null ? OptionalInt.empty() : OptionalInt.of(maxTokens);
    }

    /**
     * @param model the model to use
     * @return the same request for the given model (used to apply {@code comms.ai.model})
     */
    public ChatRequest withModel(String model) {
        return toBuilder().model(model).build();
    }

    /** @return a summary without message contents, safe for logs */
    @Override
    public String toString() {
        return "ChatRequest{messages=" + messages.size() + ", model=" + model + ", maxTokens=" + maxTokens + '}';
    }

    /** Builds a {@link ChatRequest}; not thread-safe. */
    public static final class Builder {
        private final List<ChatMessage> messages = new ArrayList<>();
        private String model;
        private Integer maxTokens;

        private Builder() {
        }

        /**
         * @param content system instructions
         * @return this builder
         */
        public Builder system(String content) {
            return message(ChatRole.SYSTEM, content);
        }

        /**
         * @param content a user message
         * @return this builder
         */
        public Builder user(String content) {
            return message(ChatRole.USER, content);
        }

        /**
         * @param content an earlier answer of the model
         * @return this builder
         */
        public Builder assistant(String content) {
            return message(ChatRole.ASSISTANT, content);
        }

        /**
         * @param role the role
         * @param content the text
         * @return this builder
         */
        public Builder message(ChatRole role, String content) {
            messages.add(new ChatMessage(role, content));
            return this;
        }

        /**
         * @param model the model name, such as {@code gpt-4o-mini}
         * @return this builder
         */
        public Builder model(String model) {
            if (model != null && (model.isBlank() || model.chars().anyMatch(c -> c < 0x20))) {
                throw new InvalidMessageException(ErrorCode.INVALID_MESSAGE, "model", "model name is blank or holds control characters", Channel.AI);
            }
            this.model = model == null ? null : model.strip();
            return this;
        }

        /**
         * @param maxTokens the most tokens to generate, at least 1
         * @return this builder
         */
        public Builder maxTokens(int maxTokens) {
            if (maxTokens < 1) {
                throw new InvalidMessageException(ErrorCode.INVALID_MESSAGE, "maxTokens", "maxTokens must be at least 1 (got " + maxTokens + ")", Channel.AI);
            }
            this.maxTokens = maxTokens;
            return this;
        }

        /**
         * Validates and builds.
         *
         * @return the request
         * @throws InvalidMessageException if there is no message
         */
        public ChatRequest build() {
            if (messages.isEmpty()) {
                throw new InvalidMessageException(ErrorCode.EMPTY_MESSAGE, "messages", "give at least one message", Channel.AI);
            }
            if (messages.stream().noneMatch(m -> m.role() == ChatRole.USER)) {
                throw new InvalidMessageException(ErrorCode.INVALID_MESSAGE, "messages", "give at least one user message", Channel.AI);
            }
            return new ChatRequest(this);
        }
    }
}
