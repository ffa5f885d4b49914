package dev.comms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.comms.spi.HttpProviders;
import dev.comms.spi.LastExchange;
import dev.comms.spi.SendContext;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The one base-URL rule, attempt timeout and HTTP classification every provider module shares. */
class HttpProvidersTest {
    @Test
    void acceptsHttpsAnywhereAndHttpOnlyToLoopback() {
        assertThat(HttpProviders.checkBaseUrl("k", "https://api.resend.com/")).hasToString("https://api.resend.com");
        assertThat(HttpProviders.checkBaseUrl("k", "http://127.0.0.1:8080/v1")).hasToString("http://127.0.0.1:8080/v1");
        assertThat(HttpProviders.checkBaseUrl("k", "http://localhost:9")).hasToString("http://localhost:9");
        assertThat(HttpProviders.checkBaseUrl("k", "http://[::1]:9/")).hasToString("http://[::1]:9");
        assertThat(HttpProviders.checkBaseUrl("k", "http://127.8.9.10")).hasToString("http://127.8.9.10");
    }

    @Test
    void refusesPlainHttpToANetworkHostNamingTheSettingAndTheFix() {
        assertThatThrownBy(() -> HttpProviders.checkBaseUrl("comms.resend.base-url", "http://api.resend.com"))
                .isInstanceOf(CommsConfigurationException.class)
                .hasMessageContaining("comms.resend.base-url").hasMessageContaining("Use https");
        assertThatThrownBy(() -> HttpProviders.checkBaseUrl("k", "http://10.0.0.1")).isInstanceOf(CommsConfigurationException.class);
        // a name that merely starts like a loopback address is not one, and no name is resolved
        assertThatThrownBy(() -> HttpProviders.checkBaseUrl("k", "http://127.0.0.1.evil.example")).isInstanceOf(CommsConfigurationException.class);
    }

    @Test
    void refusesRelativeOtherSchemesCredentialsAndQueries() {
        for (String bad : new String[] {"", "api.resend.com", "ftp://x.example", "https://user:pw@x.example", "https://x.example/?a=1",
                "https://x.example/#f", "not a url"}) {
            assertThatThrownBy(() -> HttpProviders.checkBaseUrl("comms.x.base-url", bad)).as(bad)
                    .isInstanceOf(CommsConfigurationException.class).hasMessageContaining("comms.x.base-url");
        }
    }

    @Test
    void attemptTimeoutIsTheSmallerOfPipelineAndSetting() {
        SendContext ctx = new SendContext("m", "k", "a", Mode.LIVE, 1, Duration.ofSeconds(3));
        assertThat(HttpProviders.attemptTimeout(ctx, Duration.ofSeconds(10))).isEqualTo(Duration.ofSeconds(3));
        assertThat(HttpProviders.attemptTimeout(ctx, Duration.ofSeconds(1))).isEqualTo(Duration.ofSeconds(1));
        SendContext spent = new SendContext("m", "k", "a", Mode.LIVE, 1, Duration.ZERO);
        assertThat(HttpProviders.attemptTimeout(spent, Duration.ofSeconds(1))).isEqualTo(Duration.ofMillis(1));
    }

    @Test
    void classifiesByStatus() {
        Instant now = Instant.parse("2026-12-01T00:00:00Z");
        Map<String, String> h = Map.of("Retry-After", "7");
        ProviderException limited = HttpProviders.classify("p", Channel.SMS, 429, h::get, now, FailureClass.AMBIGUOUS).build();
        assertThat(limited.failureClass()).isEqualTo(FailureClass.NOT_SENT);
        assertThat(limited.retryAfter()).contains(Duration.ofSeconds(7));
        assertThat(HttpProviders.classify("p", Channel.SMS, 503, h::get, now, FailureClass.AMBIGUOUS).build().failureClass())
                .isEqualTo(FailureClass.AMBIGUOUS);
        assertThat(HttpProviders.classify("p", Channel.AI, 500, h::get, now, FailureClass.NOT_SENT).build().failureClass())
                .isEqualTo(FailureClass.NOT_SENT);
        ProviderException bad = HttpProviders.classify("p", Channel.SMS, 400, h::get, now, FailureClass.AMBIGUOUS).message("bad To").build();
        assertThat(bad.failureClass()).isEqualTo(FailureClass.PERMANENT);
        assertThat(bad.httpStatus()).isEqualTo(400);
        assertThat(bad.retryAfter()).isEmpty();
        assertThat(bad).hasMessage("bad To");
    }

    @Test
    void lastExchangeIsPerThreadAndPerInstance() throws Exception {
        LastExchange a = new LastExchange();
        LastExchange b = new LastExchange();
        a.begin();
        a.written();
        a.answered(503, Map.of("Retry-After", "2"));
        assertThat(a.get().status()).isEqualTo(503);
        assertThat(a.get().header("retry-after")).isEqualTo("2");
        assertThat(b.get()).isEqualTo(LastExchange.Exchange.NONE);
        LastExchange.Exchange[] seen = new LastExchange.Exchange[1];
        Thread t = new Thread(() -> seen[0] = a.get());
        t.start();
        t.join();
        assertThat(seen[0]).isEqualTo(LastExchange.Exchange.NONE);
        assertThat(a.take().written()).isTrue();
        assertThat(a.get()).isEqualTo(LastExchange.Exchange.NONE);
    }
}
