package dev.comms.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.comms.Comms;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/** {@code comms status}: what is configured; secrets only as set or unset. */
@Command(name = "status", description = "Show what is configured (secrets only as set/unset).", mixinStandardHelpOptions = true)
final class StatusCommand implements Callable<Integer> {
    @ParentCommand
    CommsCli root;

    @Override
    public Integer call() throws Exception {
        try (Comms comms = root.open()) {
            root.print(Envelope.success((ObjectNode) Envelope.JSON.readTree(comms.status().toJson()), null, "system", "status",
                    root.clock.instant()));
        }
        return 0;
    }
}
