package dev.comms.spring;

import static dev.comms.testkit.assertj.CommsAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.comms.Comms;
import dev.comms.Mode;
import dev.comms.Sms;
import dev.comms.spring.sample.SampleApplication;
import dev.comms.spring.test.AutoConfigureCommsFakes;
import dev.comms.testkit.FakeEmail;
import dev.comms.testkit.FakeSms;
import dev.comms.testkit.Outcome;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/** {@code @AutoConfigureCommsFakes}: live sends of the injected bean land in the fakes' outboxes. */
@SpringBootTest(classes = SampleApplication.class, properties = {"comms.sms.from=Sample", "comms.email.from=hello@example.org"})
@AutoConfigureCommsFakes
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CommsFakesTest {
    @Autowired
    Comms comms;
    @Autowired
    SampleApplication.Signup signup;
    @Autowired
    FakeSms sms;
    @Autowired
    FakeEmail email;

    @Test
    @Order(1)
    void theInjectedBeanSendsIntoTheOutbox() {
        assertThat(comms.mode()).isEqualTo(Mode.LIVE);
        signup.start("+447123456789");
        assertThat(sms).hasSent(1).lastTo("+447123456789").lastBodyContains("123456");
        assertThat(email).hasNothingSent();
        sms.enqueue(Outcome.permanent());
    }

    @Test
    @Order(2)
    void outboxesAndScriptsAreEmptyAgainInTheNextTest() {
        assertThat(sms).hasNothingSent();
        comms.sms().send(Sms.to("+447123456789").body("not refused: the script was reset").build());
        assertThat(sms).hasSent(1);
    }
}
