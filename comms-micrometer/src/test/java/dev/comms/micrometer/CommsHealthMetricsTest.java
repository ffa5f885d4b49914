package dev.comms.micrometer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.comms.Comms;
import dev.comms.Mode;
import dev.comms.Sms;
import dev.comms.testkit.FakeClock;
import dev.comms.testkit.FakeProvider;
import dev.comms.testkit.FakeSleeper;
import dev.comms.testkit.Outcome;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class CommsHealthMetricsTest {
    @Test
    void circuitGaugeFollowsTheBreakerAndChannelStateTheHealth() {
        FakeProvider fake = new FakeProvider();
        FakeClock clock = new FakeClock();
        MeterRegistry registry = new SimpleMeterRegistry();
        try (Comms comms = Comms.builder().autoDiscovery(false).ambientConfiguration(false).provider(fake).mode(Mode.LIVE).clock(clock)
                .sleeper(new FakeSleeper(clock)).property("comms.sms.from", "Acme").property("comms.retry.max-attempts", "1")
                .property("comms.circuit.failure-threshold", "2").property("comms.circuit.open-duration", "30s").build()) {
            new CommsHealthMetrics(comms, Duration.ZERO).bindTo(registry);
            var circuit = registry.get(CommsHealthMetrics.CIRCUIT_STATE).tags("channel", "sms", "provider", "fake").gauge();
            var sms = registry.get(CommsHealthMetrics.CHANNEL_STATE).tags("channel", "sms").gauge();
            assertThat(circuit.value()).isEqualTo(0);
            assertThat(sms.value()).isEqualTo(0);
            assertThat(registry.find(CommsHealthMetrics.CHANNEL_STATE).gauges()).hasSize(4);

            fake.sms().enqueue(2, Outcome.unavailable());
            for (int i = 0; i < 2; i++) {
                assertThatThrownBy(() -> comms.sms().send(Sms.to("+447123456789").body("x").build()));
            }
            assertThat(circuit.value()).isEqualTo(2);
            assertThat(sms.value()).isEqualTo(2);
            clock.advance(Duration.ofSeconds(31));
            assertThat(circuit.value()).isEqualTo(1);
        }
    }

    @Test
    void aSnapshotServesAScrape() {
        FakeProvider fake = new FakeProvider();
        int[] calls = {0};
        try (Comms comms = Comms.builder().autoDiscovery(false).ambientConfiguration(false).provider(fake).mode(Mode.LIVE).build()) {
            MeterRegistry registry = new SimpleMeterRegistry();
            new CommsHealthMetrics(comms).bindTo(registry);
            registry.find(CommsHealthMetrics.CIRCUIT_STATE).gauges().forEach(g -> {
                g.value();
                calls[0]++;
            });
            assertThat(calls[0]).isEqualTo(4);
            assertThat(registry.find(CommsHealthMetrics.CIRCUIT_STATE).gauges()).allSatisfy(g -> assertThat(g.value()).isZero());
        }
    }
}
