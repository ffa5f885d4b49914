package dev.comms.testkit.junit;

import dev.comms.Mode;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs a test class with {@link CommsExtension}: each test gets a {@code Comms} wired to fresh fakes,
 * a fake clock and a fake sleeper, injected as parameters.
 *
 * <pre>{@code
 * @CommsTest(properties = "comms.sms.max-segments=2")
 * class ReminderTest {
 *     @Test
 *     void remindsByText(Comms comms, FakeSms sms) {
 *         new Reminders(comms).send("+447123456789");
 *         assertThat(sms).hasSent(1).lastTo("+447123456789");
 *     }
 * }
 * }</pre>
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@ExtendWith(CommsExtension.class)
public @interface CommsTest {
    /**
     * @return extra configuration, each {@code key=value}
     */
    String[] properties() default {};

    /** @return the facade's mode; the fakes serve both */
    Mode mode() default Mode.TEST;
}
