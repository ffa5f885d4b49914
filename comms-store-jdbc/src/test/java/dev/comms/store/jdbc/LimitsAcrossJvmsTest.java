package dev.comms.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.comms.Channel;
import dev.comms.Comms;
import dev.comms.CommsException;
import dev.comms.ErrorCode;
import dev.comms.Mode;
import dev.comms.RateLimitedException;
import dev.comms.Sms;
import dev.comms.billing.contract.LedgerScenarios;
import dev.comms.testkit.FakeProvider;
import java.net.URI;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The facade's limits shared by two facades with their own pools (as two JVMs) on one PostgreSQL,
 * and a limit store cut away by a TCP proxy (never stopping the shared server).
 */
class LimitsAcrossJvmsTest {
    private static Comms facade(FakeProvider fake, JdbcLimitStore store, String account, String... props) {
        Comms.Builder b = Comms.builder().autoDiscovery(false).ambientConfiguration(false).provider(fake).mode(Mode.LIVE)
                .property("comms.account", account).property("comms.sms.from", "Acme").property("comms.maintenance.interval", "0")
                .limitStore(store);
        for (int i = 0; i < props.length; i += 2) {
            b.property(props[i], props[i + 1]);
        }
        return b.build();
    }

    @Test
    void twoFacadesAdmitExactlyTheRateBetweenThem() throws Exception {
        assumeTrue(Databases.postgresEnabled(), Databases::skipMessage);
        String account = "limits-" + System.nanoTime();
        FakeProvider fake = new FakeProvider();
        try (HikariDataSource a = Databases.postgres("comms-limits-a", 8); HikariDataSource b = Databases.postgres("comms-limits-b", 8)) {
            Comms ca = facade(fake, JdbcLimitStore.create(a), account, "comms.limits.sms.rate", "100/1m");
            Comms cb = facade(fake, JdbcLimitStore.create(b), account, "comms.limits.sms.rate", "100/1m");
            AtomicInteger admitted = new AtomicInteger();
            AtomicInteger refused = new AtomicInteger();
            long t0 = System.nanoTime();
            LedgerScenarios.run(16, t -> {
                Comms c = t % 2 == 0 ? ca : cb;
                for (int i = 0; i < 40; i++) {
                    try {
                        c.sms().send(Sms.to("+447123456789").body("n " + t + " " + i).build());
                        admitted.incrementAndGet();
                    } catch (RateLimitedException e) {
                        refused.incrementAndGet();
                    }
                }
            });
            ca.close();
            cb.close();
            System.out.printf("limits_two_facades attempts=640 rate=100/1m admitted=%d refused=%d provider_sends=%d seconds=%.1f%n",
                    admitted.get(), refused.get(), fake.sms().sent().size(), (System.nanoTime() - t0) / 1e9);
            assertThat(admitted.get()).isEqualTo(100);
            assertThat(fake.sms().sent()).hasSize(100);
            assertThat(refused.get()).isEqualTo(540);
        }
    }

    @Test
    void aLimitStoreCutAwayRefusesWithNothingSentUnlessBlindAdmissionWasChosen() throws Exception {
        assumeTrue(Databases.postgresEnabled(), Databases::skipMessage);
        URI u = URI.create(Databases.POSTGRES_URL.substring("jdbc:".length()));
        FakeProvider fake = new FakeProvider();
        try (TcpProxy proxy = new TcpProxy(u.getHost(), u.getPort() < 0 ? 5432 : u.getPort())) {
            HikariConfig cfg = new HikariConfig();
            cfg.setJdbcUrl("jdbc:postgresql://127.0.0.1:" + proxy.port() + u.getRawPath() + (u.getRawQuery() == null ? "" : "?" + u.getRawQuery()));
            cfg.setMaximumPoolSize(4);
            cfg.setConnectionTimeout(500);
            cfg.setPoolName("comms-limits-cut");
            try (HikariDataSource ds = new HikariDataSource(cfg)) {
                JdbcLimitStore store = JdbcLimitStore.create(ds, java.time.Duration.ofMillis(300));
                String account = "cut-" + System.nanoTime();
                try (Comms closed = facade(fake, store, account, "comms.limits.sms.rate", "100/1m");
                        Comms open = facade(fake, store, account, "comms.limits.sms.rate", "100/1m", "comms.limits.on-store-failure", "admit")) {
                    closed.sms().send(Sms.to("+447123456789").body("before the cut").build());
                    proxy.cut();
                    for (int i = 0; i < 5; i++) {
                        assertThatThrownBy(() -> closed.sms().send(Sms.to("+447123456789").body("during").build()))
                                .isInstanceOfSatisfying(CommsException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.SERVICE_UNAVAILABLE));
                    }
                    int sentBefore = fake.sms().sent().size();
                    for (int i = 0; i < 3; i++) {
                        open.sms().send(Sms.to("+447123456789").body("blind " + i).build());
                    }
                    long blind = open.health().channels().stream().filter(c -> c.channel() == Channel.SMS).findFirst().orElseThrow()
                            .limits().blindAdmissions();
                    System.out.println("limits_store_cut refused_closed=5 provider_sends_during_cut_closed=" + (sentBefore - 1)
                            + " blind_admitted=" + blind);
                    assertThat(sentBefore).isEqualTo(1);
                    assertThat(blind).isEqualTo(3);
                    proxy.restore();
                }
            }
        }
        assertThat(fake.sms().sent()).hasSize(4);
    }
}
