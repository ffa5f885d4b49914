package dev.comms.server;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

/**
 * The hosted APIs Comms replaces, served from the library: {@code java -jar comms-server.jar}
 * (port 8080, {@code --server.port=N}). Runs on the sandbox by default (the testkit's fakes, test
 * mode, an H2 file ledger in {@code ./comms-data}); see README, "Example server".
 */
@SpringBootApplication
@EnableConfigurationProperties(ServerProperties.class)
public class ExampleServer {
    /**
     * @param args Spring Boot arguments, such as {@code --server.port=9090}
     */
    public static void main(String[] args) {
        SpringApplication.run(ExampleServer.class, args);
    }
}
