package dev.comms.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.comms.Billing;
import dev.comms.Comms;
import dev.comms.CommsException;
import dev.comms.CommsListener;
import dev.comms.ErrorCode;
import dev.comms.Mode;
import dev.comms.Money;
import dev.comms.Receipt;
import dev.comms.Sms;
import dev.comms.billing.Credits;
import dev.comms.billing.InMemoryLedger;
import dev.comms.billing.Ledger;
import dev.comms.micrometer.CommsMetrics;
import dev.comms.spi.CreditMeter;
import dev.comms.testkit.FakeProvider;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/** The auto-configuration in small contexts (no web server): what it builds, and when it backs off. */
class CommsAutoConfigurationTest {
    private static final String TO = "+447123456789";

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(CommsAutoConfiguration.class, CommsMetricsAutoConfiguration.class,
                    CommsHealthAutoConfiguration.class, CommsEndpointAutoConfiguration.class))
            .withPropertyValues("comms.sms.from=Acme", "comms.maintenance.interval=0");

    /** The fakes, added in code: they serve live sends too. */
    private ApplicationContextRunner withFakes() {
        return runner.withBean(FakeProvider.class, FakeProvider::new);
    }

    @Test
    void buildsOneCommsFromCommsPropertiesAndClosesItWithTheContext() {
        Comms[] built = new Comms[1];
        withFakes().withPropertyValues("comms.account=acme", "comms.sms.max-segments=1").run(ctx -> {
            assertThat(ctx).hasSingleBean(Comms.class);
            Comms comms = ctx.getBean(Comms.class);
            built[0] = comms;
            assertThat(comms.account()).isEqualTo("acme");
            assertThat(comms.mode()).isEqualTo(Mode.LIVE);
            assertThat(comms.sms().send(Sms.to(TO).body("hi").build()).account()).isEqualTo("acme");
            assertThatThrownBy(() -> comms.sms().send(Sms.to(TO).body("a".repeat(161)).build()))
                    .isInstanceOfSatisfying(CommsException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.MESSAGE_TOO_LONG));
        });
        assertThatThrownBy(() -> built[0].sms().send(Sms.to(TO).body("after close").build()))
                .isInstanceOfSatisfying(CommsException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.SERVICE_UNAVAILABLE));
    }

    @Test
    void backsOffWhenTheApplicationDefinesItsOwnComms() {
        Comms own = Comms.builder().autoDiscovery(false).ambientConfiguration(false).provider(new FakeProvider())
                .property("comms.account", "mine").build();
        runner.withBean(Comms.class, () -> own).run(ctx -> {
            assertThat(ctx).hasSingleBean(Comms.class);
            assertThat(ctx.getBean(Comms.class)).isSameAs(own);
        });
        own.close();
    }

    @Test
    void picksUpListenerClockAndCustomizerBeans() {
        List<Receipt> seen = new CopyOnWriteArrayList<>();
        Clock fixed = Clock.fixed(Instant.parse("2026-03-01T10:00:00Z"), ZoneOffset.UTC);
        withFakes().withBean(CommsListener.class, () -> new CommsListener() {
            @Override
            public void onSent(Receipt receipt) {
                seen.add(receipt);
            }
        }).withBean(Clock.class, () -> fixed).withBean(CommsBuilderCustomizer.class, () -> b -> b.property("comms.account", "custom"))
                .run(ctx -> {
                    Receipt r = ctx.getBean(Comms.class).sms().send(Sms.to(TO).body("hi").build());
                    assertThat(seen).containsExactly(r);
                    assertThat(r.timestamp()).isEqualTo(fixed.instant());
                    assertThat(r.account()).isEqualTo("custom");
                });
    }

    @Test
    void listsAndEnvironmentVariablesReachCommsWithSpringsPrecedence() {
        // As in an application: application.yml (last), below the environment variables.
        new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(CommsAutoConfiguration.class))
                .withBean(FakeProvider.class, FakeProvider::new)
                .withInitializer(ctx -> {
                    var sources = ctx.getEnvironment().getPropertySources();
                    sources.replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                            new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                                    Map.of("COMMS_SMS_FROM", "EnvSender", "COMMS_VOICE_FROM", "+14155552671")));
                    sources.addLast(new MapPropertySource("application.yml", Map.of("comms.sms.from", "YamlSender",
                            "comms.email.from", "yaml@example.org", "comms.sms.providers[0]", "fake", "comms.billing.enabled", "false",
                            "comms.maintenance.interval", "0")));
                })
                .run(ctx -> {
                    CommsSettings settings = ctx.getBean(CommsSettings.class);
                    assertThat(settings.properties()).containsEntry("comms.sms.providers", "fake")
                            .containsEntry("comms.sms.from", "EnvSender")            // the variable wins over application.yml
                            .containsEntry("comms.email.from", "yaml@example.org")
                            .doesNotContainKey("comms.billing.enabled");               // the starter's own keys stay here
                    Map<String, String> shown = ctx.getBean(Comms.class).status().settings();
                    assertThat(shown).containsEntry("comms.sms.from", "EnvSender").containsEntry("comms.voice.from", "+14155552671");
                    assertThat(ctx.getBean(Comms.class).status().providers().get("sms")).containsExactly("fake");
                });
    }

    @Test
    void meteringIsOffUnlessAskedFor() {
        withFakes().run(ctx -> {
            assertThat(ctx).doesNotHaveBean(CreditMeter.class).doesNotHaveBean(Ledger.class);
            Billing b = ctx.getBean(Comms.class).sms().send(Sms.to(TO).body("free").build()).billing();
            assertThat(b.metered()).isFalse();
        });
    }

    @Test
    void meteringOnInMemoryChargesThePriceBookAndRefusesAnEmptyBalance() {
        withFakes().withPropertyValues("comms.billing.enabled=true", "comms.account=acme", "comms.price.sms=5p").run(ctx -> {
            assertThat(ctx.getBean(Ledger.class)).isInstanceOf(InMemoryLedger.class);
            Comms comms = ctx.getBean(Comms.class);
            assertThatThrownBy(() -> comms.sms().send(Sms.to(TO).body("no credits").build()))
                    .isInstanceOfSatisfying(CommsException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INSUFFICIENT_CREDITS));
            ctx.getBean(Credits.class).grant("acme", Mode.LIVE, Money.ofPounds(1), "welcome");
            Billing b = comms.sms().send(Sms.to(TO).body("paid").build()).billing();
            assertThat(b.cost()).isEqualTo(Money.ofPence(5));
            assertThat(b.balance()).isEqualTo(Money.ofPence(95));
            assertThat(comms.version().features()).contains("credits");
        });
    }

    @Test
    void metricsOnlyWithAMeterRegistry() {
        withFakes().run(ctx -> assertThat(ctx).doesNotHaveBean(CommsMetrics.class));
        withFakes().withBean(MeterRegistry.class, SimpleMeterRegistry::new).run(ctx -> {
            assertThat(ctx).hasSingleBean(CommsMetrics.class);
            ctx.getBean(Comms.class).sms().send(Sms.to(TO).body("x").build());
            assertThat(ctx.getBean(MeterRegistry.class).get("comms.sends").tag("outcome", "sent").counter().count()).isEqualTo(1);
        });
        withFakes().withBean(MeterRegistry.class, SimpleMeterRegistry::new).withPropertyValues("comms.metrics.enabled=false")
                .run(ctx -> assertThat(ctx).doesNotHaveBean(CommsMetrics.class));
    }

    @Test
    void aRequiredChannelWithoutAProviderIsDownOthersUnknownAndAnOpenCircuitDegraded() {
        // live mode, no live provider: the testkit found on the class path only serves test mode
        runner.withPropertyValues("comms.health.required-channels=sms").run(ctx -> {
            CompositeHealthContributor comms = ctx.getBean("commsHealthContributor", CompositeHealthContributor.class);
            assertThat(((HealthIndicator) comms.getContributor("sms")).health().getStatus()).isEqualTo(Status.DOWN);
            assertThat(((HealthIndicator) comms.getContributor("email")).health().getStatus()).isEqualTo(Status.UNKNOWN);
        });
        withFakes().withPropertyValues("comms.retry.max-attempts=1", "comms.circuit.failure-threshold=1").run(ctx -> {
            FakeProvider fake = ctx.getBean(FakeProvider.class);
            HealthIndicator sms = (HealthIndicator) ctx.getBean("commsHealthContributor", CompositeHealthContributor.class)
                    .getContributor("sms");
            assertThat(sms.health().getStatus()).isEqualTo(Status.UP);
            fake.sms().enqueue(dev.comms.testkit.Outcome.unavailable());
            assertThatThrownBy(() -> ctx.getBean(Comms.class).sms().send(Sms.to(TO).body("x").build()));
            assertThat(sms.health().getStatus()).isEqualTo(CommsHealthIndicator.DEGRADED);
            assertThat(sms.health().getDetails().get("providers").toString()).contains("circuit=open");
        });
        runner.withPropertyValues("comms.health.required-channels=fax")
                .run(ctx -> assertThat(ctx).getFailure().hasStackTraceContaining("Unknown channel 'fax'"));
    }

    @Test
    void aConfigurationProblemStopsTheContextWithCommsOwnMessage() {
        withFakes().withPropertyValues("comms.sms.max-segments=lots", "comms.retry.deadline=forever").run(ctx -> assertThat(ctx)
                .getFailure().hasStackTraceContaining("comms.sms.max-segments").hasStackTraceContaining("comms.retry.deadline"));
    }
}
