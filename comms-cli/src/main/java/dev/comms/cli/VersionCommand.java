package dev.comms.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.comms.Comms;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/** {@code comms version}: library version, features and providers found. */
@Command(name = "version", description = "Show the version, features and providers.", mixinStandardHelpOptions = true)
final class VersionCommand implements Callable<Integer> {
    @ParentCommand
    CommsCli root;

    @Override
    public Integer call() throws Exception {
        try (Comms comms = root.open()) {
            root.print(Envelope.success((ObjectNode) Envelope.JSON.readTree(comms.version().toJson()), null, "system", "version",
                    root.clock.instant()));
        }
        return 0;
    }
}
