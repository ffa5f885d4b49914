package dev.comms.providers.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.comms.ChatRequest;
import dev.comms.TokenUsage;
import dev.comms.spi.ChatResult;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The wire records on their own, without HTTP: what is written, and how leniently answers are read. */
class OpenAiPayloadsTest {
    final ObjectMapper json = new ObjectMapper();

    static ChatRequest request() {
        return ChatRequest.builder().system("Be \"terse\".").user("Say héllo 👋").assistant("Hello.").user("Again")
                .model("gpt-4o-mini").maxTokens(50).build();
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void theRequestHoldsExactlyModelMessagesAndOneTokenLimit() throws Exception {
        JsonNode body = json.readTree(OpenAiPayloads.request(request(), false));
        assertThat(body.fieldNames()).toIterable().containsExactlyInAnyOrder("model", "messages", "max_completion_tokens");
        assertThat(body.get("model").asText()).isEqualTo("gpt-4o-mini");
        assertThat(body.get("max_completion_tokens").asInt()).isEqualTo(50);
        assertThat(body.get("messages")).hasSize(4);
        assertThat(body.at("/messages/0/role").asText()).isEqualTo("system");
        assertThat(body.at("/messages/0/content").asText()).isEqualTo("Be \"terse\".");
        assertThat(body.at("/messages/1/content").asText()).isEqualTo("Say héllo 👋");
        assertThat(body.at("/messages/2/role").asText()).isEqualTo("assistant");
        assertThat(body.at("/messages/1").fieldNames()).toIterable().containsExactly("role", "content");

        JsonNode legacy = json.readTree(OpenAiPayloads.request(request(), true));
        assertThat(legacy.get("max_tokens").asInt()).isEqualTo(50);
        assertThat(legacy.has("max_completion_tokens")).isFalse();

        JsonNode unlimited = json.readTree(OpenAiPayloads.request(ChatRequest.builder().user("Hi").model("m").build(), false));
        assertThat(unlimited.fieldNames()).toIterable().containsExactlyInAnyOrder("model", "messages");
    }

    @Test
    void aFullAnswerIsReadAndUnknownFieldsIgnored() throws Exception {
        ChatResult r = OpenAiPayloads.completion(bytes(OpenAiStub.OK.replace("\"object\"", "\"service_tier\":\"default\",\"object\"")),
                request(), "msg-1");
        assertThat(r).isEqualTo(new ChatResult("chatcmpl-123", "Hello!", "gpt-4o-mini-2024-07-18", new TokenUsage(21, 3, 24), "stop"));
    }

    @Test
    void missingPartsAreFilledIn() throws Exception {
        ChatResult r = OpenAiPayloads.completion(bytes("{\"choices\":[]}"), request(), "msg-2");
        assertThat(r).isEqualTo(new ChatResult("msg-2", "", "gpt-4o-mini", TokenUsage.NONE, ""));
        ChatResult nulls = OpenAiPayloads.completion(bytes("{\"id\":null,\"model\":\" \",\"choices\":[{\"message\":{\"content\":null},"
                + "\"finish_reason\":null}],\"usage\":null}"), request(), "msg-3");
        assertThat(nulls).isEqualTo(new ChatResult("msg-3", "", "gpt-4o-mini", TokenUsage.NONE, ""));
        ChatResult nullChoice = OpenAiPayloads.completion(bytes("{\"choices\":[null]}"), request(), "msg-4");
        assertThat(nullChoice.text()).isEmpty();
    }

    @Test
    void contentAsTextPartsIsJoined() throws Exception {
        ChatResult r = OpenAiPayloads.completion(bytes("{\"choices\":[{\"message\":{\"content\":[{\"type\":\"text\",\"text\":\"Hel\"},"
                + "{\"type\":\"image_url\"},{\"type\":\"text\",\"text\":\"lo\"}]}}]}"), request(), "m");
        assertThat(r.text()).isEqualTo("Hello");
    }

    @Test
    void usageIsClampedAndATotalIsSummedWhenMissing() {
        assertThat(OpenAiPayloads.usage(new OpenAiPayloads.Usage(-3L, 5L, null))).isEqualTo(new TokenUsage(0, 5, 5));
        assertThat(OpenAiPayloads.usage(new OpenAiPayloads.Usage(2L, null, -1L))).isEqualTo(new TokenUsage(2, 0, 0));
        assertThat(OpenAiPayloads.usage(null)).isEqualTo(TokenUsage.NONE);
    }

    @Test
    void anythingWithoutChoicesIsNotACompletion() {
        for (String body : List.of("", "null", "[]", "\"ok\"", "{}", "{\"error\":{\"message\":\"x\"}}", "{\"choices\":{}}",
                "<html></html>", "{\"choices\":[{\"message\":")) {
            assertThatThrownBy(() -> OpenAiPayloads.completion(bytes(body), request(), "m")).as(body)
                    .isInstanceOf(OpenAiPayloads.NotACompletion.class);
        }
    }

    @Test
    void errorBodiesInTheirShapes() {
        assertThat(OpenAiPayloads.error(bytes(OpenAiStub.error("Rate limit", "requests", "rate_limit_exceeded"))))
                .isEqualTo(new OpenAiPayloads.ApiError("requests", "rate_limit_exceeded", "Rate limit"));
        OpenAiPayloads.ApiError typeOnly = OpenAiPayloads.error(bytes(OpenAiStub.error("x", "server_error", null)));
        assertThat(typeOnly.providerCode()).isEqualTo("server_error");
        assertThat(OpenAiPayloads.error(bytes("{\"error\":{\"code\":404,\"message\":\"nope\",\"extra\":[1]}}")).providerCode())
                .isEqualTo("404");
        assertThat(OpenAiPayloads.error(bytes("{\"error\":\"model not found\"}")))
                .isEqualTo(new OpenAiPayloads.ApiError(null, null, "model not found"));
        assertThat(OpenAiPayloads.error(bytes("<html>502</html>"))).isEqualTo(OpenAiPayloads.ApiError.NONE);
        assertThat(OpenAiPayloads.error(bytes(""))).isEqualTo(OpenAiPayloads.ApiError.NONE);
        assertThat(OpenAiPayloads.error(bytes("{\"error\":{\"type\":{\"nested\":true}}}")).providerCode()).isNull();
    }
}
