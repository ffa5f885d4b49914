package dev.comms.readme;

// tag::testkit[]
import static dev.comms.testkit.assertj.CommsAssertions.assertThat;

// end::testkit[]
import dev.comms.Comms;
import dev.comms.testkit.FakeSms;
import dev.comms.testkit.junit.CommsTest;
import org.junit.jupiter.api.Test;

// tag::testkit[]
@CommsTest
class SignupTest {
    @Test
    void sendsTheCode(Comms comms, FakeSms sms) {
        new Signup(comms).start("+447123456789");
        assertThat(sms).hasSent(1).lastTo("+447123456789").lastBodyContains("code");
    }
}
// end::testkit[]
