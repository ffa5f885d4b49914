package dev.comms.providers.sendgrid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.comms.Email;
import dev.comms.spi.EmailSender;
import dev.comms.spi.SendContext;
import dev.comms.testkit.ProviderContexts;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * One real email through SendGrid, only when COMMS_TEST_SENDGRID_API_KEY, COMMS_TEST_SENDGRID_FROM (a
 * verified sender) and COMMS_TEST_SENDGRID_TO are set. Skipped otherwise.
 */
class SendGridLiveTest {
    @Test
    void sendsARealEmail() {
        String key = System.getenv("COMMS_TEST_SENDGRID_API_KEY");
        String from = System.getenv("COMMS_TEST_SENDGRID_FROM");
        String to = System.getenv("COMMS_TEST_SENDGRID_TO");
        boolean configured = key != null && from != null && to != null;
        if (!configured) {
            System.out.println("SendGrid live test SKIPPED: set COMMS_TEST_SENDGRID_API_KEY, _FROM and _TO to run it");
        }
        assumeTrue(configured, "no SendGrid credentials in the environment");
        EmailSender sender = new SendGridProvider().emailSender(ProviderContexts.of("sendgrid", Map.of("comms.sendgrid.api-key", key)));
        var r = sender.send(Email.builder().from(from).to(to).subject("Comms live test").text("Hello").build(), SendContext.of("live"));
        assertThat(r.providerMessageId()).isNotBlank();
        sender.close();
    }
}
