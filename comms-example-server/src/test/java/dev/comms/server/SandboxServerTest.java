package dev.comms.server;

import dev.comms.spring.test.AutoConfigureCommsFakes;
import dev.comms.testkit.FakeClock;
import dev.comms.testkit.FakeSleeper;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;

/**
 * The server as it starts by default (the sandbox, no keys configured: the demo key), on a random port
 * of 127.0.0.1 with the fakes as beans and a fake clock; the test classes extending this share one
 * context.
 */
@SpringBootTest(classes = {ExampleServer.class, SandboxServerTest.Clocks.class}, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"server.address=127.0.0.1", "spring.datasource.url=jdbc:h2:mem:sandbox-server;DB_CLOSE_DELAY=-1",
            "comms.circuit.failure-threshold=3", "comms.server.max-request-bytes=4096"})
@AutoConfigureCommsFakes
abstract class SandboxServerTest {
    @LocalServerPort
    int port;

    Http http() {
        return new Http(port);
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class Clocks {
        @Bean
        FakeClock clock() {
            return new FakeClock(java.time.Instant.now());
        }

        @Bean
        FakeSleeper sleeper(FakeClock clock) {
            return new FakeSleeper(clock);
        }
    }
}
