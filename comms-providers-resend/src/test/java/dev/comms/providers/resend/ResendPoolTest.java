package dev.comms.providers.resend;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import dev.comms.Email;
import dev.comms.spi.EmailResult;
import dev.comms.spi.SendContext;
import dev.comms.testkit.ProviderContexts;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Resend's OkHttp pool, with the real SDK against a local stub: OkHttp never makes a synchronous call
 * wait for a connection, but by default keeps only 5 idle ones, so a burst of concurrent sends would
 * reconnect each time; ours keeps as many as the facade runs at once.
 */
class ResendPoolTest {
    private final WireMockServer stub = new WireMockServer(WireMockConfiguration.options().bindAddress("127.0.0.1").dynamicPort()
            .containerThreads(60));

    ResendPoolTest() {
        stub.start();
    }

    @AfterEach
    void stop() {
        stub.stop();
    }

    @Test
    void aBurstOfConcurrentSendsLeavesItsConnectionsIdleForTheNext() throws Exception {
        stub.stubFor(post("/emails").willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                .withBody(ResendStub.OK).withFixedDelay(500)));
        Map<String, String> settings = new HashMap<>(Map.of("comms.resend.api-key", ResendStub.KEY, "comms.resend.base-url",
                "http://127.0.0.1:" + stub.port(), "comms.resend.timeout", "10s", "comms.resend.connect-timeout", "5s",
                "comms.async.threads", "12"));
        ResendEmail email = (ResendEmail) new ResendProvider().emailSender(ProviderContexts.of("resend", settings));
        ExecutorService threads = Executors.newFixedThreadPool(12);
        try {
            List<Future<EmailResult>> results = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                String key = "k" + i;
                results.add(threads.submit(() -> email.send(Email.builder().from("a@example.com").to("b@example.com").subject("s")
                        .text("t").build(), SendContext.of(key))));
            }
            for (Future<EmailResult> r : results) {
                assertThat(r.get(30, TimeUnit.SECONDS).providerMessageId()).isNotBlank();
            }
            assertThat(stub.getAllServeEvents()).hasSize(12);
            Thread.sleep(300); // OkHttp trims its idle connections on a background task: give it the chance
            assertThat(email.http().idleConnections()).as("all twelve connections kept for reuse (OkHttp's default keeps 5)")
                    .isEqualTo(12);
        } finally {
            threads.shutdownNow();
            email.close();
        }
    }
}
