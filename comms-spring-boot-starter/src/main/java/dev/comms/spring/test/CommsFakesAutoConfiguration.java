package dev.comms.spring.test;

import dev.comms.spring.CommsAutoConfiguration;
import dev.comms.testkit.FakeAi;
import dev.comms.testkit.FakeEmail;
import dev.comms.testkit.FakeProvider;
import dev.comms.testkit.FakeSms;
import dev.comms.testkit.FakeVoice;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * The fakes of {@link AutoConfigureCommsFakes}; imported only by that annotation, never on its own.
 */
@AutoConfiguration(before = CommsAutoConfiguration.class)
@ConditionalOnClass(FakeProvider.class)
public class CommsFakesAutoConfiguration {
    /** Creates the configuration (Spring does). */
    public CommsFakesAutoConfiguration() {
    }

    /** @return the fakes, which the auto-configured facade adds in code */
    @Bean
    @ConditionalOnMissingBean
    public FakeProvider commsFakeProvider() {
        return new FakeProvider();
    }

    /**
     * @param fake the fakes
     * @return the SMS outbox
     */
    @Bean
    @ConditionalOnMissingBean
    public FakeSms commsFakeSms(FakeProvider fake) {
        return fake.sms();
    }

    /**
     * @param fake the fakes
     * @return the email outbox
     */
    @Bean
    @ConditionalOnMissingBean
    public FakeEmail commsFakeEmail(FakeProvider fake) {
        return fake.email();
    }

    /**
     * @param fake the fakes
     * @return the voice outbox
     */
    @Bean
    @ConditionalOnMissingBean
    public FakeVoice commsFakeVoice(FakeProvider fake) {
        return fake.voice();
    }

    /**
     * @param fake the fakes
     * @return the AI outbox
     */
    @Bean
    @ConditionalOnMissingBean
    public FakeAi commsFakeAi(FakeProvider fake) {
        return fake.ai();
    }
}
