package dev.comms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.comms.policy.AllowList;
import dev.comms.policy.PolicyRefusedException;
import dev.comms.policy.SendPolicy;
import dev.comms.policy.SuppressionList;
import dev.comms.support.RecordingMeter;
import dev.comms.support.SandboxProvider;
import dev.comms.support.ScriptedProvider;
import org.junit.jupiter.api.Test;

/** Send policies run before anything is held or sent, in order, and fail closed. */
class PoliciesTest {
    private final RecordingMeter meter = new RecordingMeter(1_000);

    private Comms.Builder builder(ScriptedProvider p) {
        return Comms.builder().ambientConfiguration(false).autoDiscovery(false).provider(p).creditMeter(meter)
                .property("comms.email.from", "hello@example.org").property("comms.maintenance.interval", "0");
    }

    @Test
    void aThrowingPolicyRefusesTheSendAndNothingIsHeldOrSent() {
        ScriptedProvider p = ScriptedProvider.of("p", Channel.SMS);
        SendPolicy broken = c -> {
            throw new IllegalStateException("the CRM is down");
        };
        try (Comms comms = builder(p).policy(broken).build()) {
            assertThatThrownBy(() -> comms.sms().send(Sms.to("+447123456789").body("hi").build(), SendOptions.idempotencyKey("k")))
                    .isInstanceOfSatisfying(PolicyRefusedException.class, e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.POLICY_REFUSED);
                        assertThat(e.getMessage()).contains("fail closed");
                    });
        }
        assertThat(p.calls.get()).isZero();
        assertThat(meter.log).isEmpty();
    }

    @Test
    void anEmailWithOneSuppressedCopyIsRefusedWholeAndAddressesMatchInAnyCase() {
        ScriptedProvider p = ScriptedProvider.of("p", Channel.EMAIL);
        SuppressionList unsubscribed = new SuppressionList();
        unsubscribed.suppress("default", "Bounced@Example.com");
        try (Comms comms = builder(p).policy(unsubscribed).build()) {
            assertThatThrownBy(() -> comms.email().send(Email.builder().to("ada@example.com").cc("bounced@example.com").subject("s")
                    .text("t").build())).isInstanceOfSatisfying(PolicyRefusedException.class,
                            e -> assertThat(e.code()).isEqualTo(ErrorCode.RECIPIENT_SUPPRESSED));
            unsubscribed.unsuppress("default", "bounced@example.com");
            comms.email().send(Email.builder().to("ada@example.com").cc("bounced@example.com").subject("s").text("t").build());
        }
        assertThat(p.calls.get()).isEqualTo(1);
    }

    @Test
    void theTestModeAllowListKeepsUnknownRecipientsOutOfTestSendsOnly() {
        ScriptedProvider live = ScriptedProvider.of("p", Channel.SMS);
        try (Comms comms = builder(live).provider(new SandboxProvider()).policy(AllowList.forTestMode("+447123000001", "*@example.com"))
                .build()) {
            Comms test = comms.forAccount("acme", Mode.TEST);
            test.sms().send(Sms.to("+447123000001").body("ok").build());
            assertThatThrownBy(() -> test.sms().send(Sms.to("+447123456789").body("a real customer").build()))
                    .isInstanceOfSatisfying(PolicyRefusedException.class, e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.RECIPIENT_NOT_ALLOWED);
                        assertThat(e.getMessage()).doesNotContain("7123456789");
                    });
            comms.sms().send(Sms.to("+447123456789").body("live is not restricted").build());
        }
        assertThat(live.calls.get()).isEqualTo(1);
    }
}
