package dev.comms.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.comms.CommsListener;
import dev.comms.event.InboundMessage;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;

/**
 * A Twilio inbound SMS as Twilio posts it (a form body with UTF-8 text and no charset in its content
 * type, no query string, signed over the URL and the decoded parameters) through the server's webhook
 * endpoint: verified and reported once, its text intact. A form POST is where a servlet stack re-reads
 * the body from parsed parameters, so this is the request most likely to arrive changed.
 */
@SpringBootTest(classes = {ExampleServer.class, TwilioInboundServerTest.Inbox.class}, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"server.address=127.0.0.1", "spring.datasource.url=jdbc:h2:mem:twilio-inbound;DB_CLOSE_DELAY=-1", "comms.mode=live",
            "comms.sms.providers=twilio", "comms.twilio.account-sid=AC00000000000000000000000000000001",
            "comms.twilio.auth-token=inbound-test-token", "comms.server.api-keys.tc_live_x_0123456789=x"})
class TwilioInboundServerTest {
    static final String TOKEN = "inbound-test-token";

    @LocalServerPort
    int port;
    @Autowired
    List<InboundMessage> inbox;

    @TestConfiguration(proxyBeanMethods = false)
    static class Inbox {
        @Bean
        List<InboundMessage> inbox() {
            return new CopyOnWriteArrayList<>();
        }

        @Bean
        CommsListener inboxListener(List<InboundMessage> inbox) {
            return new CommsListener() {
                @Override
                public void onInbound(InboundMessage message) {
                    inbox.add(message);
                }
            };
        }
    }

    static String sign(String url, Map<String, String> params) throws Exception {
        StringBuilder data = new StringBuilder(url);
        new TreeMap<>(params).forEach((k, v) -> data.append(k).append(v));
        Mac mac = Mac.getInstance("HmacSHA1");
        mac.init(new SecretKeySpec(TOKEN.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
        return Base64.getEncoder().encodeToString(mac.doFinal(data.toString().getBytes(StandardCharsets.UTF_8)));
    }

    HttpResponse<String> post(Map<String, String> params, String signature) throws Exception {
        StringBuilder body = new StringBuilder();
        params.forEach((k, v) -> body.append(body.length() == 0 ? "" : "&").append(URLEncoder.encode(k, StandardCharsets.UTF_8)).append('=')
                .append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
        HttpRequest r = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/comms/webhooks/twilio")).timeout(Duration.ofSeconds(15))
                .header("Content-Type", "application/x-www-form-urlencoded").header("X-Twilio-Signature", signature)
                .POST(HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8)).build();
        return Http.CLIENT.send(r, HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aSignedInboundSmsWithNonAsciiTextIsVerifiedAndReportedOnceWithItsTextIntact() throws Exception {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("ToCountry", "DK");
        params.put("SmsMessageSid", "SM11111111111111111111111111111111");
        params.put("NumMedia", "0");
        params.put("SmsSid", "SM11111111111111111111111111111111");
        params.put("SmsStatus", "received");
        params.put("Body", "Ja tak, vi ses kl. 19 på Østerbro 👍 (æøå + ‘quotes’)");
        params.put("To", "+4512345678");
        params.put("From", "+4587654321");
        params.put("MessageSid", "SM11111111111111111111111111111111");
        params.put("AccountSid", "AC00000000000000000000000000000001");
        params.put("ApiVersion", "2010-04-01");
        String url = "http://127.0.0.1:" + port + "/comms/webhooks/twilio";
        String signature = sign(url, params);

        HttpResponse<String> first = post(params, signature);
        HttpResponse<String> again = post(params, signature);
        Map<String, String> forged = new LinkedHashMap<>(params);
        forged.put("Body", "Ja tak, vi ses kl. 20 på Østerbro 👍 (æøå + ‘quotes’)");
        HttpResponse<String> tampered = post(forged, signature);
        System.out.println("server_twilio_inbound first=" + first.statusCode() + " " + first.body() + " again=" + again.statusCode()
                + " tampered=" + tampered.statusCode() + " reported=" + inbox.size());
        assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
        assertThat(first.body()).contains("\"inbound\":1");
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(again.body()).contains("\"inbound\":0", "\"duplicates\":1");
        assertThat(tampered.statusCode()).isEqualTo(401);
        assertThat(inbox).hasSize(1);
        assertThat(inbox.get(0).body()).isEqualTo(params.get("Body"));
        assertThat(inbox.get(0).from()).isEqualTo("+4587654321");
    }
}
