package dev.comms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.comms.support.RecordingMeter;
import dev.comms.support.ScriptedProvider;
import dev.comms.support.VirtualTime;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * A local failure ({@link ProviderException#isLocal()}: nothing reached the wire, such as no pooled
 * connection in time) is NOT_SENT, retried and failed over like any other, but never counts against
 * the provider's circuit: it says nothing about the provider's health.
 */
class LocalFailureTest {
    private final VirtualTime time = new VirtualTime();

    private Comms.Builder builder(ScriptedProvider... providers) {
        Comms.Builder b = Comms.builder().ambientConfiguration(false).autoDiscovery(false).clock(time).sleeper(time)
                .creditMeter(new RecordingMeter(1_000_000)).property("comms.circuit.failure-threshold", "3")
                .property("comms.retry.max-attempts", "1");
        for (ScriptedProvider p : providers) {
            b.provider(p);
        }
        return b;
    }

    private static Sms sms() {
        return Sms.to("+447123456789").body("hello").build();
    }

    private static ProviderException local(String provider) {
        return ProviderException.of(FailureClass.NOT_SENT, provider, "no pooled connection within the timeout").local().build();
    }

    private static ProviderException refused(String provider) {
        return ProviderException.of(FailureClass.NOT_SENT, provider, "connection refused").build();
    }

    private static String circuit(Comms comms) {
        return comms.health().channel(Channel.SMS).providers().get(0).circuit();
    }

    @Test
    void localFailuresNeverOpenTheCircuit() {
        ScriptedProvider p = ScriptedProvider.of("p", Channel.SMS);
        for (int i = 0; i < 10; i++) {
            p.script.add(() -> local("p"));
        }
        try (Comms comms = builder(p).build()) {
            for (int i = 0; i < 10; i++) {
                assertThatThrownBy(() -> comms.sms().send(sms())).isInstanceOfSatisfying(ProviderException.class, e -> {
                    assertThat(e.failureClass()).isEqualTo(FailureClass.NOT_SENT);
                    assertThat(e.isLocal()).isTrue();
                    assertThat(e.code()).isEqualTo(ErrorCode.PROVIDER_ERROR);
                });
            }
            assertThat(p.calls.get()).as("every send reached the provider: its circuit never opened").isEqualTo(10);
            assertThat(circuit(comms)).isEqualTo("closed");
            assertThat(comms.sms().send(sms()).provider()).isEqualTo("p");
        }
    }

    @Test
    void theSameFailuresNotLocalOpenTheCircuit() {
        // the control: a refused connection is the provider not answering, and counts
        ScriptedProvider p = ScriptedProvider.of("p", Channel.SMS);
        for (int i = 0; i < 10; i++) {
            p.script.add(() -> refused("p"));
        }
        try (Comms comms = builder(p).build()) {
            for (int i = 0; i < 3; i++) {
                assertThatThrownBy(() -> comms.sms().send(sms())).isInstanceOf(ProviderException.class);
            }
            assertThat(circuit(comms)).isEqualTo("open");
            assertThatThrownBy(() -> comms.sms().send(sms())).isInstanceOfSatisfying(CommsException.class,
                    e -> assertThat(e.code()).isEqualTo(ErrorCode.SERVICE_UNAVAILABLE));
            assertThat(p.calls.get()).isEqualTo(3);
        }
    }

    @Test
    void aLocalFailureFailsOverAtOnce() {
        ScriptedProvider a = ScriptedProvider.of("a", Channel.SMS);
        ScriptedProvider b = ScriptedProvider.of("b", Channel.SMS);
        a.script.add(() -> local("a"));
        try (Comms comms = builder(a, b).property("comms.retry.max-attempts", "2").build()) {
            assertThat(comms.sms().send(sms()).provider()).isEqualTo("b");
            assertThat(a.calls.get()).isEqualTo(1);
        }
    }

    @Test
    void aLocalFailureOfTheHalfOpenTrialLeavesTheCircuitHalfOpen() {
        ScriptedProvider p = ScriptedProvider.of("p", Channel.SMS);
        for (int i = 0; i < 3; i++) {
            p.script.add(() -> refused("p"));
        }
        p.script.add(() -> local("p"));
        try (Comms comms = builder(p).build()) {
            for (int i = 0; i < 3; i++) {
                assertThatThrownBy(() -> comms.sms().send(sms())).isInstanceOf(ProviderException.class);
            }
            time.advance(Duration.ofSeconds(31));
            assertThat(circuit(comms)).isEqualTo("half-open");
            assertThatThrownBy(() -> comms.sms().send(sms())).isInstanceOfSatisfying(ProviderException.class,
                    e -> assertThat(e.isLocal()).isTrue());
            assertThat(circuit(comms)).as("the trial gave no verdict on the provider").isEqualTo("half-open");
            assertThat(comms.sms().send(sms()).provider()).isEqualTo("p");
            assertThat(circuit(comms)).isEqualTo("closed");
        }
    }

    @Test
    void onlyANotSentFailureCanBeLocal() {
        assertThat(ProviderException.of(FailureClass.NOT_SENT, "p", "x").build().isLocal()).isFalse();
        for (FailureClass fc : new FailureClass[] {FailureClass.AMBIGUOUS, FailureClass.PERMANENT}) {
            assertThatThrownBy(() -> ProviderException.of(fc, "p", "x").local()).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("NOT_SENT");
        }
    }
}
