package dev.comms.providers.resend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.comms.Email;
import dev.comms.spi.EmailSender;
import dev.comms.spi.SendContext;
import dev.comms.testkit.ProviderContexts;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * One real email through Resend, only when COMMS_TEST_RESEND_API_KEY is set (sent from
 * onboarding@resend.dev to delivered@resend.dev, Resend's test addresses, unless COMMS_TEST_RESEND_FROM
 * and COMMS_TEST_RESEND_TO say otherwise). Skipped otherwise.
 */
class ResendLiveTest {
    @Test
    void sendsARealEmail() {
        String key = System.getenv("COMMS_TEST_RESEND_API_KEY");
        if (key == null) {
            System.out.println("Resend live test SKIPPED: set COMMS_TEST_RESEND_API_KEY to run it");
        }
        assumeTrue(key != null, "no Resend key in the environment");
        String from = System.getenv().getOrDefault("COMMS_TEST_RESEND_FROM", "onboarding@resend.dev");
        String to = System.getenv().getOrDefault("COMMS_TEST_RESEND_TO", "delivered@resend.dev");
        EmailSender sender = new ResendProvider().emailSender(ProviderContexts.of("resend", Map.of("comms.resend.api-key", key)));
        var r = sender.send(Email.builder().from(from).to(to).subject("Comms live test").text("Hello").build(),
                SendContext.of("live-" + System.nanoTime()));
        assertThat(r.providerMessageId()).isNotBlank();
        sender.close();
    }
}
