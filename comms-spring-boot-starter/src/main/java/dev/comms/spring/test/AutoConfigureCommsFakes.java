package dev.comms.spring.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.test.context.TestExecutionListeners;

/**
 * On a Spring test class: the auto-configured {@code Comms} bean sends through the testkit's fakes
 * (one {@link dev.comms.testkit.FakeProvider} bean, added in code, so it serves every channel in live
 * and test mode), the fakes' channels are beans too ({@code FakeSms}, {@code FakeEmail},
 * {@code FakeVoice}, {@code FakeAi}), and their outboxes and scripts are emptied after each test, so
 * test classes can share one application context.
 *
 * <pre>{@code
 * @SpringBootTest(properties = "comms.sms.from=Acme")
 * @AutoConfigureCommsFakes
 * class SignupTest {
 *     @Autowired Signup signup;
 *     @Autowired FakeSms sms;
 *
 *     @Test
 *     void sendsTheCode() {
 *         signup.start("+447123456789");
 *         CommsAssertions.assertThat(sms).hasSent(1).lastTo("+447123456789");
 *     }
 * }
 * }</pre>
 *
 * <p>Needs {@code dev.comms:comms-testkit} (test scope).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ImportAutoConfiguration(CommsFakesAutoConfiguration.class)
@TestExecutionListeners(listeners = CommsFakesResetListener.class, mergeMode = TestExecutionListeners.MergeMode.MERGE_WITH_DEFAULTS)
public @interface AutoConfigureCommsFakes {
}
