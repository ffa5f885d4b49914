package dev.comms.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.comms.Sms;
import dev.comms.spi.Usage;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The plan's fingerprint is computed on first use only, once, and is the SHA-256 of the canonical request. */
class PlanTest {
    @Test
    void theFingerprintIsComputedOnFirstUseOnly() {
        AtomicInteger computed = new AtomicInteger();
        Plan plan = new Plan(Usage.sms(1), "GB", null, EnumSet.noneOf(dev.comms.spi.Capability.class), () -> {
            computed.incrementAndGet();
            return "fp";
        });
        assertThat(computed).hasValue(0);
        assertThat(plan.fingerprint()).isEqualTo("fp");
        assertThat(plan.fingerprint()).isEqualTo("fp");
        assertThat(computed).hasValue(1);
    }

    @Test
    void anSmsPlansFingerprintIsItsCanonicalRequestsSha256() {
        Settings settings = new Settings(new MapConfig(Map.of("comms.sms.from", "+14155552671")), new ArrayList<>());
        SmsOps ops = new SmsOps(settings);
        Sms sms = ops.prepare(Sms.to("+447123456789").body("hello").build());
        assertThat(sms.fromNumber().orElseThrow().e164()).isEqualTo("+14155552671");
        String expected = new Fingerprint().add("channel", "sms").add("to", "+447123456789").add("body", "hello").add("from", "+14155552671")
                .add("sender", null).add("service", null).add("callback", null).sha256();
        assertThat(ops.plan(sms).fingerprint()).isEqualTo(expected);
        Sms other = ops.prepare(Sms.to("+447123456789").body("hello!").build());
        assertThat(ops.plan(other).fingerprint()).isNotEqualTo(expected);
    }
}
