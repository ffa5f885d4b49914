package dev.comms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.comms.support.Discovery;
import dev.comms.support.KeyedSmsVoiceProvider;
import java.nio.file.Path;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * NOT_CONFIGURED when the provider module is there but its settings are not: the message names the
 * settings (and their variables), not "add a provider module"; a problem is listed once.
 */
class NotConfiguredTest {
    @TempDir
    Path dir;

    private Comms.Builder builder() {
        return Comms.builder().ambientConfiguration(false).classLoader(Discovery.withProviders(dir, KeyedSmsVoiceProvider.class));
    }

    @Test
    void aPresentProviderWithoutSettingsNamesTheMissingSettings() throws Exception {
        try (Comms comms = builder().build()) {
            assertThatThrownBy(() -> comms.sms().send(Sms.to("+447123456789").body("hi").build()))
                    .isInstanceOfSatisfying(ProviderNotFoundException.class, e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.NOT_CONFIGURED);
                        assertThat(e.getMessage()).isEqualTo("No provider is configured for sms: provider 'twokeyed' is on the class path but "
                                + "not configured: set comms.twokeyed.account-sid (or COMMS_TWOKEYED_ACCOUNT_SID), comms.twokeyed.auth-token "
                                + "(or COMMS_TWOKEYED_AUTH_TOKEN)");
                    });
            assertThatThrownBy(() -> comms.voice().sendAsync(VoiceCall.to("+447123456789").from("+14155552671").say("hi").build()).get())
                    .isInstanceOf(ExecutionException.class).cause().hasMessageContaining("set comms.twokeyed.account-sid");
            // email has no provider module at all: the general advice stays
            assertThatThrownBy(() -> comms.email().send(Email.to("a@example.com").from("b@example.com").subject("s").text("t").build()))
                    .hasMessageContaining("add a provider module");
        }
    }

    @Test
    void aPartlyConfiguredProviderOfTwoChannelsIsOneProblem() {
        assertThatThrownBy(() -> builder().property("comms.twokeyed.account-sid", "AC1").build())
                .isInstanceOfSatisfying(CommsConfigurationException.class, e -> {
                    assertThat(e.problems()).containsExactly(
                            "provider 'twokeyed' is partly configured: set comms.twokeyed.auth-token (or COMMS_TWOKEYED_AUTH_TOKEN), or remove its settings");
                    assertThat(e.getMessage()).containsOnlyOnce("partly configured");
                });
    }
}
