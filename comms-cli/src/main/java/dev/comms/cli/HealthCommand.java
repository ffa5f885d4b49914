package dev.comms.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.comms.Comms;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/** {@code comms health}: per channel and provider, configured, errors, latency. */
@Command(name = "health", description = "Show the health of every channel and provider.", mixinStandardHelpOptions = true)
final class HealthCommand implements Callable<Integer> {
    @ParentCommand
    CommsCli root;

    @Override
    public Integer call() throws Exception {
        try (Comms comms = root.open()) {
            root.print(Envelope.success(health(comms), null, "system", "health", root.clock.instant()));
        }
        return 0;
    }

    static ObjectNode health(Comms comms) throws Exception {
        return (ObjectNode) Envelope.JSON.readTree(comms.health().toJson());
    }
}
