package dev.comms.providers.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.comms.ChatRequest;
import dev.comms.spi.ChatCompleter;
import dev.comms.spi.ChatResult;
import dev.comms.spi.SendContext;
import dev.comms.testkit.ProviderContexts;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** One real chat completion, only when COMMS_TEST_OPENAI_API_KEY is set (model: COMMS_TEST_OPENAI_MODEL or gpt-4o-mini). */
class OpenAiLiveTest {
    @Test
    void completesARealChat() {
        String key = System.getenv("COMMS_TEST_OPENAI_API_KEY");
        if (key == null) {
            System.out.println("OpenAI live test SKIPPED: set COMMS_TEST_OPENAI_API_KEY to run it");
        }
        assumeTrue(key != null, "no OpenAI key in the environment");
        ChatCompleter c = new OpenAiProvider().chatCompleter(ProviderContexts.of("openai", Map.of("comms.openai.api-key", key)));
        ChatResult r = c.complete(ChatRequest.builder().user("Reply with the word ok.")
                .model(System.getenv().getOrDefault("COMMS_TEST_OPENAI_MODEL", "gpt-4o-mini")).maxTokens(5).build(), SendContext.of("live"));
        assertThat(r.usage().totalTokens()).isPositive();
        c.close();
    }
}
