package dev.comms.providers.twilio;

import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import dev.comms.Channel;
import dev.comms.Comms;
import dev.comms.ErrorCode;
import dev.comms.FailureClass;
import dev.comms.ProviderException;
import dev.comms.Sms;
import dev.comms.SmsReceipt;
import dev.comms.spi.SendContext;
import dev.comms.spi.SmsResult;
import dev.comms.spi.SmsSender;
import dev.comms.testkit.ProviderContexts;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The Twilio module's connection pool, with the real SDK against a local stub that answers slowly:
 * the pool is sized from the facade's concurrency (so sends the facade runs at once do not queue for
 * a connection), and a send that waited in vain for a pooled connection is NOT_SENT, local (it never
 * opens Twilio's circuit) and never reached the stub.
 */
class TwilioPoolTest {
    private static final String MESSAGES = "/2010-04-01/Accounts/.*/Messages.json";

    private final WireMockServer stub = new WireMockServer(WireMockConfiguration.options().bindAddress("127.0.0.1").dynamicPort()
            .containerThreads(120));

    TwilioPoolTest() {
        stub.start();
    }

    @AfterEach
    void stop() {
        stub.stop();
    }

    private void answerAfter(int millis) {
        stub.stubFor(any(urlPathMatching(MESSAGES)).willReturn(TwilioStub.json(201, TwilioStub.MESSAGE).withFixedDelay(millis)));
    }

    private Map<String, String> settings(Map<String, String> more) {
        Map<String, String> s = new HashMap<>(Map.of("comms.twilio.account-sid", TwilioStub.SID, "comms.twilio.auth-token", TwilioStub.TOKEN,
                "comms.twilio.base-url", "http://127.0.0.1:" + stub.port(), "comms.twilio.timeout", "10s"));
        s.putAll(more);
        return s;
    }

    private int requests() {
        return stub.getAllServeEvents().size();
    }

    private void awaitRequests(int n) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (requests() < n && System.nanoTime() < end) {
            Thread.sleep(10);
        }
        assertThat(requests()).isEqualTo(n);
    }

    private static Sms sms() {
        return Sms.to("+447123456789").from("+14155552671").body("hello").build();
    }

    @Test
    void thePoolFollowsTheFacadesConcurrencyUnlessSet() {
        assertThat(TwilioProvider.Settings.of(ProviderContexts.of("twilio", settings(Map.of()))).maxConnections()).isEqualTo(64);
        assertThat(TwilioProvider.Settings.of(ProviderContexts.of("twilio", settings(Map.of("comms.async.threads", "100"))))
                .maxConnections()).isEqualTo(100);
        assertThat(TwilioProvider.Settings.of(ProviderContexts.of("twilio", settings(Map.of("comms.limits.voice.concurrency", "90"))))
                .maxConnections()).as("SMS and voice share the pool").isEqualTo(90);
        assertThat(TwilioProvider.Settings.of(ProviderContexts.of("twilio", settings(Map.of("comms.twilio.max-connections", "5",
                "comms.async.threads", "100")))).maxConnections()).isEqualTo(5);
    }

    @Test
    void thirtyConcurrentSendsDoNotQueueForAConnection() throws Exception {
        // every answer takes 1.5 s and a connection may be waited for 1 s: with a pool below 30 (the old default 20) some sends
        // would wait 1.5 s for one and fail
        answerAfter(1500);
        SmsSender sender = new TwilioProvider().smsSender(ProviderContexts.of("twilio", settings(Map.of("comms.twilio.connect-timeout",
                "1s"))));
        ExecutorService threads = Executors.newFixedThreadPool(30);
        try {
            List<Future<SmsResult>> results = new ArrayList<>();
            for (int i = 0; i < 30; i++) {
                results.add(threads.submit(() -> sender.send(sms(), new SendContext("m", "m", "default", dev.comms.Mode.LIVE, 1,
                        Duration.ofSeconds(10)))));
            }
            for (Future<SmsResult> r : results) {
                assertThat(r.get(30, TimeUnit.SECONDS).providerMessageId()).startsWith("SM");
            }
            assertThat(requests()).isEqualTo(30);
        } finally {
            threads.shutdownNow();
            sender.close();
        }
    }

    @Test
    void waitingInVainForAPooledConnectionIsLocalAndSentNothing() throws Exception {
        answerAfter(2000);
        SmsSender sender = new TwilioProvider().smsSender(ProviderContexts.of("twilio", settings(Map.of("comms.twilio.max-connections", "1",
                "comms.twilio.connect-timeout", "300ms"))));
        ExecutorService thread = Executors.newSingleThreadExecutor();
        try {
            SendContext ctx = new SendContext("m", "m", "default", dev.comms.Mode.LIVE, 1, Duration.ofSeconds(10));
            Future<SmsResult> first = thread.submit(() -> sender.send(sms(), ctx));
            awaitRequests(1);
            assertThatThrownBy(() -> sender.send(sms(), ctx)).isInstanceOfSatisfying(ProviderException.class, e -> {
                assertThat(e.failureClass()).isEqualTo(FailureClass.NOT_SENT);
                assertThat(e.isLocal()).isTrue();
                assertThat(e.getMessage()).contains("comms.twilio.max-connections").contains("nothing was sent");
            });
            assertThat(first.get(30, TimeUnit.SECONDS).providerMessageId()).startsWith("SM");
            assertThat(requests()).as("the send that found no connection never reached Twilio").isEqualTo(1);
        } finally {
            thread.shutdownNow();
            sender.close();
        }
    }

    @Test
    void throughTheFacadeLeaseTimeoutsNeitherOpenTheCircuitNorSendTwice() throws Exception {
        answerAfter(2500);
        try (Comms comms = Comms.builder().autoDiscovery(false).ambientConfiguration(false).provider(new TwilioProvider())
                .properties(settings(Map.of("comms.twilio.max-connections", "1", "comms.twilio.connect-timeout", "200ms",
                        "comms.circuit.failure-threshold", "2", "comms.retry.max-attempts", "1"))).build()) {
            CompletableFuture<SmsReceipt> holder = comms.sms().sendAsync(sms());
            awaitRequests(1);
            for (int i = 0; i < 3; i++) {
                assertThatThrownBy(() -> comms.sms().send(sms())).isInstanceOfSatisfying(ProviderException.class, e -> {
                    assertThat(e.failureClass()).isEqualTo(FailureClass.NOT_SENT);
                    assertThat(e.code()).isEqualTo(ErrorCode.PROVIDER_ERROR);
                });
            }
            assertThat(holder.get(30, TimeUnit.SECONDS).provider()).isEqualTo("twilio");
            assertThat(comms.health().channel(Channel.SMS).providers().get(0).circuit()).isEqualTo("closed");
            answerAfter(0);
            assertThat(comms.sms().send(sms()).provider()).isEqualTo("twilio");
            assertThat(requests()).as("the held send and the last one; the three that found no connection sent nothing").isEqualTo(2);
        }
    }
}
