package dev.comms.quiethours;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.comms.Comms;
import dev.comms.ErrorCode;
import dev.comms.Mode;
import dev.comms.Phone;
import dev.comms.SendOptions;
import dev.comms.Sms;
import dev.comms.VoiceCall;
import dev.comms.policy.PolicyRefusedException;
import dev.comms.policy.SuppressionList;
import dev.comms.testkit.FakeClock;
import dev.comms.testkit.FakeProvider;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

/** Quiet hours in the recipient's zone, and a suppression list, through the facade on the fakes. */
class QuietHoursTest {
    private final FakeClock clock = new FakeClock(Instant.parse("2026-12-01T03:00:00Z")); // 03:00 in London
    private final FakeProvider fake = new FakeProvider();
    private final SuppressionList optedOut = new SuppressionList();

    private Comms comms() {
        return Comms.builder().autoDiscovery(false).ambientConfiguration(false).provider(fake).mode(Mode.LIVE).clock(clock)
                .property("comms.sms.from", "Acme").property("comms.voice.from", "+14155552671").property("comms.account", "acme")
                .property("comms.maintenance.interval", "0").policy(optedOut)
                .policy(QuietHours.between(LocalTime.of(21, 0), LocalTime.of(8, 0))).build();
    }

    @Test
    void aRecipientAtThreeInTheMorningIsRefusedAndNothingIsSent() {
        try (Comms comms = comms()) {
            assertThatThrownBy(() -> comms.sms().send(Sms.to("+447123456789").body("Your order shipped").build()))
                    .isInstanceOfSatisfying(PolicyRefusedException.class, e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.QUIET_HOURS);
                        assertThat(e.status()).isEqualTo(403);
                        assertThat(e.getMessage()).contains("03:00", "Europe/").doesNotContain("7123456789");
                    });
            assertThatThrownBy(() -> comms.voice().send(VoiceCall.to("+447123456789").say("Hello").build()))
                    .isInstanceOf(PolicyRefusedException.class);
            // 03:00 UTC is 13:00 in Tokyo
            comms.sms().send(Sms.to("+819012345678").body("Your order shipped").build());
            // email is not covered by default
        }
        System.out.println("quiet_hours refused=2 (uk 03:00) sent=" + fake.sms().sent().size() + " (tokyo 13:00) provider_calls_for_refused=0");
        assertThat(fake.sms().requests()).isEqualTo(1);
        assertThat(fake.voice().requests()).isZero();
    }

    @Test
    void aNumberWithSeveralZonesIsQuietIfAnyIsUnlessTheCallerNamesTheZone() {
        // 13:30 UTC: 08:30 in New York, 05:30 in Los Angeles
        clock.set(Instant.parse("2026-12-01T13:30:00Z"));
        Phone tollFree = Phone.of("+18002752273"); // a US toll-free number: every US zone
        assertThat(QuietHours.zones(tollFree)).contains(ZoneId.of("America/New_York"), ZoneId.of("America/Los_Angeles"));
        Phone sanFrancisco = Phone.of("+14155552671");
        assertThat(QuietHours.zones(sanFrancisco)).containsExactly(ZoneId.of("America/Los_Angeles"));
        try (Comms comms = comms()) {
            assertThatThrownBy(() -> comms.voice().send(VoiceCall.to(tollFree).say("hi").build())).isInstanceOf(PolicyRefusedException.class);
            comms.voice().send(VoiceCall.to(tollFree).say("hi").build(), SendOptions.NONE.withRecipientZone(ZoneId.of("America/New_York")));
            assertThatThrownBy(() -> comms.sms().send(Sms.to(sanFrancisco).body("hi").build())).isInstanceOf(PolicyRefusedException.class);
        }
        assertThat(fake.voice().requests()).isEqualTo(1);
        assertThat(fake.sms().requests()).isZero();
    }

    @Test
    void aSuppressedNumberIsRefusedWithItsCodeBeforeAnythingIsHeld() {
        clock.set(Instant.parse("2026-12-01T12:00:00Z"));
        optedOut.suppress("acme", "+447123456789");
        try (Comms comms = comms()) {
            assertThatThrownBy(() -> comms.sms().send(Sms.to("+447123456789").body("Sale!").build()))
                    .isInstanceOfSatisfying(PolicyRefusedException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.RECIPIENT_SUPPRESSED));
            comms.forAccount("other").sms().send(Sms.to("+447123456789").body("Your code").build()); // per account
        }
        assertThat(fake.sms().requests()).isEqualTo(1);
    }
}
