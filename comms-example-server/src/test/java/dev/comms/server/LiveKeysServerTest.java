package dev.comms.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.comms.Mode;
import dev.comms.Money;
import dev.comms.billing.Credits;
import dev.comms.spring.test.AutoConfigureCommsFakes;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Live, with keys configured (so no demo key): the fakes stand in for the providers. Keys are looked up
 * by hash; the communications service needs one; live and test balances stay apart.
 */
@SpringBootTest(classes = ExampleServer.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "server.address=127.0.0.1", "spring.datasource.url=jdbc:h2:mem:live-server;DB_CLOSE_DELAY=-1", "comms.mode=live",
        "comms.server.api-keys.tc_live_acme_0123456789=acme", "comms.server.api-keys.tc_test_acme_0123456789=acme",
        "comms.server.api-keys.tc_live_poor_0123456789=poor", "comms.server.api-keys.tc_live_busy_0123456789=busy",
        "comms.limits.account.busy.sms.rate=2/1m"})
@AutoConfigureCommsFakes
class LiveKeysServerTest {
    @LocalServerPort
    int port;
    @Autowired
    Credits credits;
    @Autowired
    ApiKeys keys;

    @BeforeEach
    void fund() {
        credits.grant("acme", Mode.LIVE, Money.ofPounds(5), "acme-live");
        credits.grant("acme", Mode.TEST, Money.ofPounds(1), "acme-test");
        credits.grant("busy", Mode.LIVE, Money.ofPounds(1), "busy-live");
    }

    @Test
    void aKeyOverItsAccountsRateIs429WithRetryAfterAndNothingCharged() throws Exception {
        Money before = credits.balance("busy", Mode.LIVE).available();
        int[] statuses = new int[3];
        Http.Response last = null;
        for (int i = 0; i < 3; i++) {
            last = unified("tc_live_busy_0123456789", "{\"to\":\"+447123456789\",\"message\":\"n" + i + "\"}");
            statuses[i] = last.status();
        }
        System.out.println("server_rate_limit rate=2/1m statuses=" + java.util.Arrays.toString(statuses) + " retry_after="
                + last.headers().firstValue("Retry-After").orElse("none") + " charged=" + before.minus(credits.balance("busy", Mode.LIVE).available()).format());
        assertThat(statuses).containsExactly(200, 200, 429);
        assertThat(last.at("/code").asString()).isEqualTo("RATE_LIMITED");
        assertThat(last.at("/success").asBoolean(true)).isFalse();
        assertThat(last.headers().firstValue("Retry-After").map(Long::parseLong).orElseThrow()).isBetween(1L, 60L);
        assertThat(credits.balance("busy", Mode.LIVE).available()).isEqualTo(before.minus(Money.ofPence(6)));
    }

    private Http.Response unified(String key, String data) throws Exception {
        return new Http(port).post("/team-connect/executeAPI", "{\"service\":\"sms\",\"action\":\"send\",\"api_key\":\"" + key + "\",\"data\":" + data + "}");
    }

    @Test
    void liveAndTestKeysChargeTheirOwnBalance() throws Exception {
        Money liveBefore = credits.balance("acme", Mode.LIVE).available();
        Money testBefore = credits.balance("acme", Mode.TEST).available();
        Http.Response live = unified("tc_live_acme_0123456789", "{\"to\":\"+447123456789\",\"message\":\"live\"}");
        assertThat(live.status()).as(live.toString()).isEqualTo(200);
        assertThat(live.at("/billing/isLive").asBoolean()).isTrue();
        Http.Response test = unified("tc_test_acme_0123456789", "{\"to\":\"+447123456789\",\"message\":\"test\"}");
        assertThat(test.at("/billing/isLive").asBoolean(true)).isFalse();
        assertThat(credits.balance("acme", Mode.LIVE).available()).isEqualTo(liveBefore.minus(Money.ofPence(3)));
        assertThat(credits.balance("acme", Mode.TEST).available()).isEqualTo(testBefore.minus(Money.ofPence(3)));
    }

    @Test
    void anEmptyBalanceIs402WithTheHostedApisSentence() throws Exception {
        Http.Response r = unified("tc_live_poor_0123456789", "{\"to\":\"+447123456789\",\"message\":\"x\"}");
        assertThat(r.status()).as(r.toString()).isEqualTo(402);
        assertThat(r.at("/code").asString()).isEqualTo("INSUFFICIENT_CREDITS");
        assertThat(r.at("/message").asString()).contains("You have 0p but need 3p");
    }

    @Test
    void noDemoKeyOnceKeysAreConfiguredAndKeysAreHeldHashed() throws Exception {
        assertThat(unified("tc_test_demo", "{}").at("/code").asString()).isEqualTo("INVALID_API_KEY");
        assertThat(keys.size()).isEqualTo(4);
        assertThat(keys.resolve("tc_live_acme_0123456789")).isPresent();
        assertThat(keys.toString()).doesNotContain("tc_live");
    }

    @Test
    void theCommunicationsServiceNeedsAKeyWhenLive() throws Exception {
        Http http = new Http(port);
        String sms = "{\"to\":\"+447123456789\",\"body\":\"hi\"}";
        Http.Response none = http.post("/api/v1/comms/sms/send", sms);
        assertThat(none.status()).isEqualTo(401);
        assertThat(none.at("/detail").asString()).contains("API key");
        assertThat(http.post("/api/v1/comms/sms/send", sms, Map.of("X-API-Key", "tc_live_nope_0123456789")).status()).isEqualTo(401);
        assertThat(http.post("/api/v1/comms/sms/send", sms, Map.of("X-API-Key", "tc_live_acme_0123456789")).status()).isEqualTo(200);
        assertThat(http.post("/api/v1/comms/sms/send", sms, Map.of("Authorization", "Bearer tc_live_acme_0123456789")).status()).isEqualTo(200);
    }
}
