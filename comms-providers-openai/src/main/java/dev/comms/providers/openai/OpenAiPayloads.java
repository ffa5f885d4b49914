package dev.comms.providers.openai;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.comms.ChatMessage;
import dev.comms.ChatRequest;
import dev.comms.CommsConfigurationException;
import dev.comms.TokenUsage;
import dev.comms.spi.ChatResult;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The JSON of {@code POST /chat/completions}, as small records holding exactly the fields Comms
 * sends and reads; every other field is ignored. Pure: no HTTP here, so it is tested on its own.
 */
final class OpenAiPayloads {
    private static final JsonMapper MAPPER = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();
    private static final ObjectWriter REQUEST = MAPPER.writerFor(CompletionRequest.class);
    private static final ObjectReader COMPLETION = MAPPER.readerFor(Completion.class);

    private OpenAiPayloads() {
    }

    /** One message of the request: {@code {"role": "user", "content": "..."}}. */
    record Message(String role, String content) {
    }

    /** The request body; the token limit goes in one of the two fields, the other stays out. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record CompletionRequest(String model, List<Message> messages,
            @JsonProperty("max_completion_tokens") Integer maxCompletionTokens,
            @JsonProperty("max_tokens") Integer maxTokens) {
    }

    /** The answer's message; {@code content} is a string, or null, or (some compatible servers) an array of text parts. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record AnswerMessage(JsonNode content) {
    }

    /** One choice of the answer. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Choice(AnswerMessage message, @JsonProperty("finish_reason") String finishReason) {
    }

    /** Token counts; any may be missing. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Usage(@JsonProperty("prompt_tokens") Long promptTokens, @JsonProperty("completion_tokens") Long completionTokens,
            @JsonProperty("total_tokens") Long totalTokens) {
    }

    /** The answer: only {@code choices} must be there. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Completion(String id, String model, List<Choice> choices, Usage usage) {
    }

    /**
     * The error body {@code {"error": {"type", "code", "message"}}}; each part may be missing.
     *
     * @param type the error's type
     * @param code the error's code
     * @param message the error's message
     */
    record ApiError(String type, String code, String message) {
        static final ApiError NONE = new ApiError(null, null, null);

        /** @return the code, else the type, else null: OpenAI's most specific name for the error */
        String providerCode() {
            return code != null && !code.isBlank() ? code : type != null && !type.isBlank() ? type : null;
        }
    }

    /** A 2xx whose body is not a chat completion. */
    static final class NotACompletion extends IOException {
        private static final long serialVersionUID = 1L;

        NotACompletion(String why) {
            super(why);
        }
    }

    /**
     * @param request the request, its model resolved
     * @param legacyMaxTokens send the limit as {@code max_tokens} instead of {@code max_completion_tokens}
     * @return the request body
     * @throws CommsConfigurationException if the request names no model
     */
    static byte[] request(ChatRequest request, boolean legacyMaxTokens) {
        String model = request.model().orElseThrow(() -> new CommsConfigurationException(
                "the chat request names no model: set one on the request or configure comms.ai.model"));
        List<Message> messages = new ArrayList<>(request.messages().size());
        for (ChatMessage m : request.messages()) {
            messages.add(new Message(m.role().key(), m.content()));
        }
        Integer limit = request.maxTokens().isPresent() ? request.maxTokens().getAsInt() : null;
        try {
            return REQUEST.writeValueAsBytes(new CompletionRequest(model, messages, legacyMaxTokens ? null : limit,
                    legacyMaxTokens ? limit : null));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a chat completion request", e);
        }
    }

    /**
     * Reads an answer leniently (compatible servers leave out fields OpenAI always sends): a missing
     * id becomes the message id, a missing model the requested one, missing usage
     * {@link TokenUsage#NONE}, a missing total the sum of the other two.
     *
     * @param body a 2xx body
     * @param request what was asked
     * @param messageId Comms' id for the message
     * @return the result
     * @throws NotACompletion if the body is not JSON or has no {@code choices} array
     */
    static ChatResult completion(byte[] body, ChatRequest request, String messageId) throws NotACompletion {
        Completion c;
        try {
            c = COMPLETION.readValue(body);
        } catch (IOException e) {
            throw new NotACompletion("unreadable JSON (" + e.getClass().getSimpleName() + ")");
        }
        if (c == null || c.choices() == null) {
            throw new NotACompletion("no choices");
        }
        String id = c.id() != null && !c.id().isBlank() ? c.id() : messageId;
        String model = c.model() != null && !c.model().isBlank() ? c.model() : request.model().orElse("");
        Choice first = c.choices().isEmpty() ? null : c.choices().get(0);
        String text = first == null || first.message() == null ? "" : text(first.message().content());
        String finish = first == null || first.finishReason() == null ? "" : first.finishReason();
        return new ChatResult(id, text, model, usage(c.usage()), finish);
    }

    private static String text(JsonNode content) {
        if (content == null || content.isNull()) {
            return "";
        }
        if (content.isArray()) {
            StringBuilder sb = new StringBuilder();
            for (JsonNode part : content) {
                if (part.path("text").isTextual()) {
                    sb.append(part.get("text").asText());
                }
            }
            return sb.toString();
        }
        return content.isValueNode() ? content.asText() : "";
    }

    static TokenUsage usage(Usage u) {
        if (u == null) {
            return TokenUsage.NONE;
        }
        long prompt = count(u.promptTokens());
        long completion = count(u.completionTokens());
        long total = u.totalTokens() == null ? prompt + completion : count(u.totalTokens());
        return new TokenUsage(prompt, completion, total);
    }

    private static long count(Long n) {
        return n == null ? 0L : Math.max(0L, n);
    }

    /**
     * Reads an error body: OpenAI's {@code {"error": {...}}}, or the {@code {"error": "text"}} some
     * compatible servers send; anything else (HTML, empty) is {@link ApiError#NONE}.
     *
     * @param body an error answer's body
     * @return what it says
     */
    static ApiError error(byte[] body) {
        JsonNode root;
        try {
            root = MAPPER.readTree(body);
        } catch (IOException e) {
            return ApiError.NONE;
        }
        JsonNode e = root == null ? null : root.get("error");
        if (e == null || e.isNull()) {
            return ApiError.NONE;
        }
        if (e.isTextual()) {
            return new ApiError(null, null, e.asText());
        }
        return new ApiError(scalar(e.get("type")), scalar(e.get("code")), scalar(e.get("message")));
    }

    private static String scalar(JsonNode n) {
        return n == null || n.isNull() || !n.isValueNode() ? null : n.asText();
    }
}
