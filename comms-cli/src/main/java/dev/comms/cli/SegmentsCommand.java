package dev.comms.cli;

import dev.comms.SmsSegments;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code comms segments "<text>"}: how an SMS body is encoded and split, without sending. */
@Command(name = "segments", description = "Count the SMS segments of a text (nothing is sent).", mixinStandardHelpOptions = true)
final class SegmentsCommand implements Callable<Integer> {
    @ParentCommand
    CommsCli root;

    @Parameters(index = "0", paramLabel = "TEXT", description = "The SMS body.")
    String text;

    @Option(names = "--smart-encoding", description = "Replace typographic look-alikes with GSM-7 characters first.")
    boolean smart;

    @Override
    public Integer call() {
        SmsSegments s = SmsSegments.of(text, smart);
        var result = Envelope.segments(s);
        if (smart) {
            result.put("body", s.body());
        }
        root.print(Envelope.success(result, null, "sms", "segments", root.clock.instant()));
        return 0;
    }
}
