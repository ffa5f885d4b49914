package dev.comms.spring.test;

import dev.comms.testkit.FakeProvider;
import org.springframework.context.ApplicationContext;
import org.springframework.core.Ordered;
import org.springframework.test.context.TestContext;
import org.springframework.test.context.TestExecutionListener;

/**
 * Empties the fakes' outboxes, scripted outcomes and remembered idempotency keys after each test
 * method, so tests sharing a cached application context do not see each other's sends. Registered by
 * {@link AutoConfigureCommsFakes}.
 */
public class CommsFakesResetListener implements TestExecutionListener, Ordered {
    /** Creates the listener (Spring's test framework does). */
    public CommsFakesResetListener() {
    }

    @Override
    public void afterTestMethod(TestContext testContext) {
        if (testContext.hasApplicationContext()) {
            ApplicationContext context = testContext.getApplicationContext();
            context.getBeanProvider(FakeProvider.class).ifAvailable(FakeProvider::reset);
        }
    }

    @Override
    public int getOrder() {
        return 5000;
    }
}
