package dev.comms.testkit.assertj;

import dev.comms.ChatRequest;
import dev.comms.testkit.FakeAi;

/** Assertions over the fake AI outbox. */
public final class AiOutboxAssert extends OutboxAssert<AiOutboxAssert, ChatRequest> {
    AiOutboxAssert(FakeAi actual) {
        super(actual, AiOutboxAssert.class);
    }

    /**
     * @param model the model the last request must have named
     * @return this
     */
    public AiOutboxAssert lastModel(String model) {
        String got = last().model().orElse(null);
        if (!model.equals(got)) {
            failWithMessage("Expected the last chat request to use model <%s> but it used <%s>", model, got);
        }
        return this;
    }

    /**
     * @param text text the last request's final user message must contain
     * @return this
     */
    public AiOutboxAssert lastPromptContains(String text) {
        String prompt = ((FakeAi) actual).lastPrompt().orElse("");
        if (!prompt.contains(text)) {
            failWithMessage("Expected the last prompt to contain <%s> but it was <%s>", text, prompt);
        }
        return this;
    }
}
