package dev.comms.providers.twilio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.comms.Sms;
import dev.comms.spi.SendContext;
import dev.comms.spi.SmsResult;
import dev.comms.spi.SmsSender;
import dev.comms.testkit.ProviderContexts;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * One real SMS through Twilio, only when credentials are in the environment:
 * COMMS_TEST_TWILIO_ACCOUNT_SID, COMMS_TEST_TWILIO_AUTH_TOKEN, COMMS_TEST_TWILIO_FROM, COMMS_TEST_TWILIO_TO
 * (Twilio's test credentials with From +15005550006 work and send nothing). Skipped otherwise.
 */
class TwilioLiveTest {
    @Test
    void sendsARealSms() {
        String sid = System.getenv("COMMS_TEST_TWILIO_ACCOUNT_SID");
        String token = System.getenv("COMMS_TEST_TWILIO_AUTH_TOKEN");
        String from = System.getenv("COMMS_TEST_TWILIO_FROM");
        String to = System.getenv("COMMS_TEST_TWILIO_TO");
        boolean configured = sid != null && token != null && from != null && to != null;
        if (!configured) {
            System.out.println("Twilio live test SKIPPED: set COMMS_TEST_TWILIO_ACCOUNT_SID, _AUTH_TOKEN, _FROM and _TO to run it");
        }
        assumeTrue(configured, "no Twilio credentials in the environment");
        SmsSender sender = new TwilioProvider().smsSender(ProviderContexts.of("twilio",
                Map.of("comms.twilio.account-sid", sid, "comms.twilio.auth-token", token)));
        SmsResult r = sender.send(Sms.to(to).from(from).body("Comms live test").build(), SendContext.of("live-test"));
        assertThat(r.providerMessageId()).startsWith("SM");
        sender.close();
    }
}
