package dev.comms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.comms.support.BrokenProvider;
import dev.comms.support.Discovery;
import dev.comms.support.KeyedSmsProvider;
import dev.comms.support.SandboxProvider;
import dev.comms.support.ScriptedProvider;
import dev.comms.support.SecondSmsProvider;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Provider discovery: explicit choice first, each provider on its own, never a silent no-op. */
class DiscoveryTest {
    @TempDir
    Path dir;

    private Comms.Builder builder(Class<?>... providers) {
        return Comms.builder().ambientConfiguration(false).classLoader(Discovery.withProviders(dir, providers));
    }

    private static Sms sms() {
        return Sms.to("+447123456789").body("hello").build();
    }

    @Test
    void noProviderBuildsButTheFirstSendSaysHowToFixIt() {
        try (Comms comms = builder().build()) {
            assertThatThrownBy(() -> comms.sms().send(sms()))
                    .isInstanceOfSatisfying(ProviderNotFoundException.class, e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.NOT_CONFIGURED);
                        assertThat(e.status()).isEqualTo(503);
                        assertThat(e.getMessage()).contains("No provider is configured for sms").contains("comms.sms.providers");
                    });
            assertThat(comms.health().channel(Channel.SMS).configured()).isFalse();
        }
    }

    @Test
    void theOnlyConfiguredProviderIsChosen() {
        try (Comms comms = builder(ScriptedProvider.class).build()) {
            SmsReceipt r = comms.sms().send(sms());
            assertThat(r.provider()).isEqualTo("scripted");
            assertThat(r.status()).isEqualTo(DeliveryStatus.QUEUED);
        }
    }

    @Test
    void twoCandidatesWithoutAChoiceIsAnErrorListingBoth() {
        assertThatThrownBy(() -> builder(ScriptedProvider.class, SecondSmsProvider.class).build())
                .isInstanceOfSatisfying(CommsConfigurationException.class, e -> assertThat(e.getMessage())
                        .contains("several providers can send sms (scripted, second)")
                        .contains("comms.sms.providers=scripted,second"));
    }

    @Test
    void anExplicitChoiceWinsAndSetsTheFailoverOrder() {
        try (Comms comms = builder(ScriptedProvider.class, SecondSmsProvider.class)
                .property("comms.sms.providers", "second,scripted").build()) {
            assertThat(comms.sms().send(sms()).provider()).isEqualTo("second");
            assertThat(comms.status().providers().get("sms")).containsExactly("second", "scripted");
        }
    }

    @Test
    void anExplicitChoiceOfAnAbsentProviderIsAnError() {
        assertThatThrownBy(() -> builder(ScriptedProvider.class).property("comms.sms.providers", "twilio").build())
                .hasMessageContaining("names 'twilio', which is not on the class path (available: scripted)");
    }

    @Test
    void oneBrokenProviderIsSkippedAndTheOthersStillLoad() {
        try (Comms comms = builder(BrokenProvider.class, ScriptedProvider.class).build()) {
            assertThat(comms.sms().send(sms()).provider()).isEqualTo("scripted");
        }
    }

    @Test
    void providersAddedInCodeAreAnExplicitChoice() {
        ScriptedProvider inCode = ScriptedProvider.of("incode", Channel.SMS);
        try (Comms comms = builder(ScriptedProvider.class, SecondSmsProvider.class).provider(inCode).build()) {
            assertThat(comms.sms().send(sms()).provider()).isEqualTo("incode");
        }
    }

    @Test
    void autoDiscoveryOffIgnoresTheClassPath() {
        try (Comms comms = builder(ScriptedProvider.class).autoDiscovery(false).build()) {
            assertThatThrownBy(() -> comms.sms().send(sms())).isInstanceOf(ProviderNotFoundException.class);
        }
    }

    @Test
    void duplicateIdsInCodeAreRejected() {
        assertThatThrownBy(() -> Comms.builder().ambientConfiguration(false).autoDiscovery(false)
                .provider(ScriptedProvider.of("dup", Channel.SMS)).provider(ScriptedProvider.of("dup", Channel.EMAIL)).build())
                .hasMessageContaining("two providers added in code have the id 'dup'");
    }

    @Test
    void anUnconfiguredProviderIsLeftOutAndAPartlyConfiguredOneIsAnError() {
        try (Comms comms = builder(KeyedSmsProvider.class).build()) {
            assertThatThrownBy(() -> comms.sms().send(sms())).isInstanceOf(ProviderNotFoundException.class);
            assertThat(comms.version().providers()).anySatisfy(p -> {
                assertThat(p.id()).isEqualTo("keyed");
                assertThat(p.configured()).isFalse();
            });
        }
        assertThatThrownBy(() -> builder(KeyedSmsProvider.class).property("comms.keyed.account", "a1").build())
                .hasMessageContaining("provider 'keyed' is partly configured: set comms.keyed.token (or COMMS_KEYED_TOKEN)");
    }

    @Test
    void providerSettingsComeFromTheEnvironmentToo() {
        try (Comms comms = builder(KeyedSmsProvider.class)
                .environment(Map.of("COMMS_KEYED_ACCOUNT", "a1", "COMMS_KEYED_TOKEN", "s3cr3t-token")).build()) {
            assertThat(comms.sms().send(sms()).provider()).isEqualTo("keyed");
            assertThat(comms.status().settings()).containsEntry("comms.keyed.token", "set").containsEntry("comms.keyed.account", "a1");
            assertThat(comms.status().toJson()).doesNotContain("s3cr3t-token");
            assertThat(comms.toString()).doesNotContain("s3cr3t-token");
        }
    }

    @Test
    void everyConfigurationProblemIsReportedAtOnce() {
        assertThatThrownBy(() -> builder(KeyedSmsProvider.class)
                .property("comms.keyed.account", "a1")
                .property("comms.mode", "staging")
                .property("comms.sms.max-segments", "many")
                .property("comms.retry.deadline", "soon")
                .property("comms.email.from", "not an address")
                .build())
                .isInstanceOfSatisfying(CommsConfigurationException.class, e -> {
                    assertThat(e.problems()).hasSizeGreaterThanOrEqualTo(5);
                    assertThat(e.getMessage()).contains("comms.mode").contains("comms.sms.max-segments")
                            .contains("comms.retry.deadline").contains("comms.email.from").contains("comms.keyed.token");
                });
    }

    @Test
    void sandboxProvidersServeTestModeAndLiveOnlyWhenChosen() {
        try (Comms comms = builder(SandboxProvider.class).build()) {
            assertThatThrownBy(() -> comms.sms().send(sms())).isInstanceOf(ProviderNotFoundException.class);
            Comms test = comms.forAccount("acme", Mode.TEST);
            SmsReceipt r = test.sms().send(sms());
            assertThat(r.provider()).isEqualTo("sandbox");
            assertThat(r.mode()).isEqualTo(Mode.TEST);
            assertThat(r.account()).isEqualTo("acme");
        }
        try (Comms comms = builder(SandboxProvider.class).property("comms.sms.providers", "sandbox").build()) {
            assertThat(comms.sms().send(sms()).provider()).isEqualTo("sandbox");
        }
    }

    @Test
    void testModeWithoutASandboxSaysToAddTheTestkit() {
        try (Comms comms = builder(ScriptedProvider.class).mode(Mode.TEST).build()) {
            assertThatThrownBy(() -> comms.sms().send(sms())).hasMessageContaining("comms-testkit");
        }
    }

    @Test
    void closingTheFacadeClosesEveryProviderChannel() {
        ScriptedProvider p = ScriptedProvider.of("p", Channel.SMS, Channel.EMAIL, Channel.VOICE, Channel.AI);
        Comms comms = Comms.builder().ambientConfiguration(false).autoDiscovery(false).provider(p).build();
        comms.close();
        assertThat(p.closed.get()).isEqualTo(4);
    }
}
