package dev.comms.spring;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;

/**
 * When something before the endpoint parsed a form body into parameters (its stream is then empty),
 * the body is rebuilt from the body's parameters only: the query string's (Twilio's status callback
 * carries comms_message_id and comms_hold there) must not be added to it, or Twilio's signature fails.
 */
class CommsWebhookControllerTest {
    @Test
    void aFormRebuiltFromParametersLeavesTheQueryStringsOut() {
        MockHttpServletRequest r = new MockHttpServletRequest("POST", "/comms/webhooks/twilio");
        r.setContentType("application/x-www-form-urlencoded");
        r.setQueryString("comms_message_id=m%2D1&comms_hold=42&tenant=a");
        r.addParameter("comms_message_id", "m-1");
        r.addParameter("comms_hold", "42");
        r.addParameter("tenant", "a", "b"); // one from the query, one from the body
        r.addParameter("MessageSid", "SM1");
        r.addParameter("Body", "på Østerbro 👍 & more");
        String body = new String(CommsWebhookController.formFromParameters(r), StandardCharsets.UTF_8);
        assertThat(body).isEqualTo("tenant=b&MessageSid=SM1&Body=p%C3%A5+%C3%98sterbro+%F0%9F%91%8D+%26+more");
    }
}
