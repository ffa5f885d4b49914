package dev.comms.providers.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.report.LevelResolver;
import com.atlassian.oai.validator.report.ValidationReport;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.comms.ChatRequest;
import dev.comms.FailureClass;
import dev.comms.ProviderException;
import dev.comms.spi.ChatCompleter;
import dev.comms.spi.ChatResult;
import dev.comms.spi.SendContext;
import dev.comms.testkit.contract.OpenApi31;
import dev.comms.testkit.contract.Scenario;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** What the module puts on the wire, and its conformance to OpenAI's own OpenAPI document. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OpenAiRequestTest {
    final OpenAiStub stub = new OpenAiStub();
    final ChatCompleter completer = new OpenAiProvider().chatCompleter(stub.context());
    final ObjectMapper json = new ObjectMapper();

    @AfterAll
    void stop() {
        completer.close();
        stub.close();
    }

    static ChatRequest request() {
        return ChatRequest.builder().system("You are terse.").user("Say hello.").assistant("Hello.").user("Again, louder.")
                .model("gpt-4o-mini").maxTokens(50).build();
    }

    @Test
    void rolesModelTokenLimitAndUsage() throws Exception {
        stub.arrange(Scenario.ACCEPTED);
        ChatResult r = completer.complete(request(), SendContext.of("m"));
        assertThat(r.text()).isEqualTo("Hello!");
        assertThat(r.model()).isEqualTo("gpt-4o-mini-2024-07-18");
        assertThat(r.usage().promptTokens()).isEqualTo(21);
        assertThat(r.usage().completionTokens()).isEqualTo(3);
        assertThat(r.usage().totalTokens()).isEqualTo(24);
        assertThat(r.finishReason()).isEqualTo("stop");
        LoggedRequest req = stub.requests().get(0);
        assertThat(stub.requests()).hasSize(1);
        assertThat(req.getUrl()).isEqualTo("/v1/chat/completions");
        assertThat(req.getHeader("Authorization")).isEqualTo("Bearer " + OpenAiStub.KEY);
        JsonNode body = json.readTree(req.getBodyAsString());
        assertThat(body.get("model").asText()).isEqualTo("gpt-4o-mini");
        assertThat(body.get("max_completion_tokens").asInt()).isEqualTo(50);
        assertThat(body.has("max_tokens")).isFalse();
        assertThat(body.at("/messages/0/role").asText()).isEqualTo("system");
        assertThat(body.at("/messages/1/role").asText()).isEqualTo("user");
        assertThat(body.at("/messages/2/role").asText()).isEqualTo("assistant");
        assertThat(body.at("/messages/3/content").asText()).isEqualTo("Again, louder.");
    }

    @Test
    void olderCompatibleServersGetMaxTokens() throws Exception {
        ChatCompleter legacy = new OpenAiProvider().chatCompleter(stub.context("comms.openai.token-limit-field", "max_tokens"));
        stub.arrange(Scenario.ACCEPTED);
        legacy.complete(request(), SendContext.of("m"));
        JsonNode body = json.readTree(stub.requests().get(0).getBodyAsString());
        assertThat(body.get("max_tokens").asInt()).isEqualTo(50);
        assertThat(body.has("max_completion_tokens")).isFalse();
        legacy.close();
    }

    @Test
    void insufficientQuotaIsPermanentAndRetryAfterMsWins() {
        stub.server.resetAll();
        stub.server.stubFor(com.github.tomakehurst.wiremock.client.WireMock.any(com.github.tomakehurst.wiremock.client.WireMock.anyUrl())
                .willReturn(OpenAiStub.json(429, OpenAiStub.error("You exceeded your current quota", "insufficient_quota", "insufficient_quota"))));
        ProviderException e = catchThrowableOfType(ProviderException.class, () -> completer.complete(request(), SendContext.of("q")));
        assertThat(e.failureClass()).isEqualTo(FailureClass.PERMANENT);
        assertThat(e.providerCode()).contains("insufficient_quota");
        assertThat(stub.requests()).hasSize(1);
        stub.server.resetAll();
        stub.server.stubFor(com.github.tomakehurst.wiremock.client.WireMock.any(com.github.tomakehurst.wiremock.client.WireMock.anyUrl())
                .willReturn(OpenAiStub.json(429, OpenAiStub.error("slow down", "requests", "rate_limit_exceeded"))
                        .withHeader("retry-after-ms", "1500").withHeader("retry-after", "2")));
        ProviderException r = catchThrowableOfType(ProviderException.class, () -> completer.complete(request(), SendContext.of("r")));
        assertThat(r.failureClass()).isEqualTo(FailureClass.NOT_SENT);
        assertThat(r.retryAfter()).contains(Duration.ofMillis(1500));
    }

    @Test
    void theKeyNeverShows() {
        stub.arrange(Scenario.UNAUTHORIZED);
        ProviderException e = catchThrowableOfType(ProviderException.class, () -> completer.complete(request(), SendContext.of("k")));
        assertThat(e.getMessage()).doesNotContain(OpenAiStub.KEY);
        assertThat(completer.toString()).doesNotContain(OpenAiStub.KEY);
    }

    @Test
    void capturedRequestsConformToOpenAisSpec() throws Exception {
        Path spec = Path.of(System.getProperty("commsSharedDir", "../../shared"), "provider-specs", "openai_chat_completions.json");
        if (!Files.isRegularFile(spec)) {
            System.out.println("provider specs not found at " + spec.getParent() + ": OpenAI conformance test SKIPPED");
        }
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isRegularFile(spec), "provider specs not found at " + spec.getParent() + ": skipped");
        JsonNode doc = OpenApi31.downgrade(json.readTree(spec.toFile()));
        // the validator resolves a discriminator without a mapping by schema name ("system"), which
        // OpenAI's document does not use: drop discriminators and let oneOf match structurally
        doc.findParents("discriminator").forEach(n -> ((com.fasterxml.jackson.databind.node.ObjectNode) n).remove("discriminator"));
        OpenApiInteractionValidator validator = OpenApiInteractionValidator.createForInlineApiSpecification(json.writeValueAsString(doc))
                .withLevelResolver(LevelResolver.create().withLevel("validation.schema.additionalProperties",
                        ValidationReport.Level.IGNORE).build())
                .build();
        stub.arrange(Scenario.ACCEPTED);
        completer.complete(request(), SendContext.of("a"));
        completer.complete(ChatRequest.builder().user("Hi").model("gpt-4o").build(), SendContext.of("b"));
        List<LoggedRequest> captured = new ArrayList<>(stub.requests());
        for (LoggedRequest r : captured) {
            ValidationReport report = validator.validateRequest(SimpleRequest.Builder.post(r.getUrl().replaceFirst("^/v1", ""))
                    .withContentType("application/json").withAuthorization(r.getHeader("Authorization")).withBody(r.getBodyAsString()).build());
            assertThat(report.getMessages()).as("%s", r.getBodyAsString())
                    .filteredOn(m -> m.getLevel() != ValidationReport.Level.IGNORE).isEmpty();
        }
        ValidationReport bad = validator.validateRequest(SimpleRequest.Builder.post("/chat/completions").withContentType("application/json")
                .withAuthorization("Bearer x").withBody("{\"model\":\"gpt-4o\"}").build());
        assertThat(bad.hasErrors()).as("a request without messages must fail validation").isTrue();
        System.out.println("OpenAI conformance: requests validated=" + captured.size() + " against " + spec.getFileName());
        assertThat(captured).hasSize(2);
    }
}
