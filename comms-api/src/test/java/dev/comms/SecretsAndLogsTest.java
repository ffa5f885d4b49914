package dev.comms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.comms.support.Discovery;
import dev.comms.support.KeyedSmsProvider;
import dev.comms.support.ScriptedProvider;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Isolated;

/**
 * No secret, full phone number or message body reaches a log line or a toString. Logs are captured
 * from slf4j-simple (which writes to System.err, configured at DEBUG for dev.comms in tests).
 */
@Isolated
class SecretsAndLogsTest {
    private static final String SECRET = "tok_9f8e7d6c5b4a";
    private static final String BODY = "Your one-time code is 734291";
    @TempDir
    Path dir;

    private static String captureStderr(Runnable r) {
        PrintStream original = System.err;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        System.setErr(new PrintStream(buf, true, StandardCharsets.UTF_8));
        try {
            r.run();
        } finally {
            System.setErr(original);
        }
        return buf.toString(StandardCharsets.UTF_8);
    }

    @Test
    void secretsNumbersAndBodiesNeverReachLogsOrToString() {
        ScriptedProvider failing = ScriptedProvider.of("failing", Channel.SMS);
        failing.script.add(() -> ProviderException.of(FailureClass.NOT_SENT, "failing", "503 from stub").httpStatus(503).build());
        String[] views = new String[4];
        String logs = captureStderr(() -> {
            try (Comms comms = Comms.builder().ambientConfiguration(false)
                    .classLoader(Discovery.withProviders(dir, KeyedSmsProvider.class))
                    .environment(Map.of("COMMS_KEYED_ACCOUNT", "acct", "COMMS_KEYED_TOKEN", SECRET))
                    .property("comms.sms.providers", "keyed")
                    .property("comms.unknown.setting", "x")
                    .build()) {
                SmsReceipt r = comms.sms().send(Sms.to("+447123456789").body(BODY).build());
                views[0] = comms.toString() + comms.status() + comms.status().toJson() + comms.version().toJson();
                views[1] = r.toString();
            }
            try (Comms comms = Comms.builder().ambientConfiguration(false).autoDiscovery(false).provider(failing)
                    .listener(new CommsListener() {
                        @Override
                        public void onSent(Receipt receipt) {
                            throw new IllegalStateException("listener bug");
                        }
                    }).build()) {
                comms.sms().send(Sms.to("+447123456789").body(BODY).build());
                views[2] = comms.health().toJson();
            }
            assertThatThrownBy(() -> Comms.builder().ambientConfiguration(false)
                    .classLoader(Discovery.withProviders(dir, KeyedSmsProvider.class))
                    .property("comms.keyed.token", SECRET).build())
                    .satisfies(e -> views[3] = e.getMessage());
        });
        assertThat(logs).contains("unknown settings").contains("listener").contains("503 from stub");
        for (String text : new String[] {logs, views[0], views[1], views[2], views[3]}) {
            assertThat(text).doesNotContain(SECRET).doesNotContain("734291").doesNotContain("7123456789");
        }
        assertThat(views[0]).contains("\"comms.keyed.token\":\"set\"");
    }

    /** Counts instantiations, to show the send path never runs ServiceLoader. */
    public static final class CountingProvider extends ScriptedProvider {
        static final AtomicInteger CREATED = new AtomicInteger();

        /** For ServiceLoader. */
        public CountingProvider() {
            super();
            CREATED.incrementAndGet();
        }
    }

    @Test
    void theSendPathNeverLoadsProvidersAgain() {
        try (Comms comms = Comms.builder().ambientConfiguration(false)
                .classLoader(Discovery.withProviders(dir, CountingProvider.class)).build()) {
            int afterBuild = CountingProvider.CREATED.get();
            for (int i = 0; i < 100; i++) {
                comms.sms().send(Sms.to("+447123456789").body("hi " + i).build());
            }
            comms.forAccount("other").sms().send(Sms.to("+447123456789").body("hi").build());
            assertThat(CountingProvider.CREATED.get()).isEqualTo(afterBuild).isEqualTo(1);
        }
    }
}
