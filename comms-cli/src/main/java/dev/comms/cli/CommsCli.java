package dev.comms.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.comms.Comms;
import dev.comms.CommsConfigurationException;
import dev.comms.CommsException;
import dev.comms.Mode;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The {@code comms} command. Runs on the sandbox (the fake providers, test mode) unless
 * {@code --live} is given, so it works with no credentials. Prints one JSON envelope per command on
 * stdout and exits non-zero on error (1 for a refused or failed send, 2 for a usage error, 3 for bad
 * configuration).
 */
@Command(name = "comms", mixinStandardHelpOptions = true, versionProvider = CommsCli.VersionProvider.class,
        description = "Send email, SMS, voice calls and AI chat through Comms. Sandbox (fake providers) by default.",
        subcommands = {SendCommand.class, SegmentsCommand.class, HealthCommand.class, StatusCommand.class,
            VersionCommand.class, DemoCommand.class})
public final class CommsCli implements Callable<Integer> {
    /** Exit status of a refused or failed send. */
    static final int FAILED = 1;
    /** Exit status of a usage error. */
    static final int USAGE = 2;
    /** Exit status of a configuration error. */
    static final int CONFIGURATION = 3;

    @Option(names = "--live", scope = CommandLine.ScopeType.INHERIT,
            description = "Use live providers and the live balance (needs provider settings). Default: sandbox.")
    boolean live;

    @Option(names = "--account", scope = CommandLine.ScopeType.INHERIT, description = "Account (tenant) to send for. Default: default.")
    String account;

    @Option(names = "--config", scope = CommandLine.ScopeType.INHERIT, paramLabel = "FILE",
            description = "A comms.properties file to read settings from.")
    Path config;

    @Option(names = "-D", scope = CommandLine.ScopeType.INHERIT, paramLabel = "KEY=VALUE",
            description = "A setting, such as -Dcomms.sms.from=Acme. Repeatable.")
    Map<String, String> settings = new LinkedHashMap<>();

    @Option(names = "--pretty", scope = CommandLine.ScopeType.INHERIT, description = "Indent the JSON output.")
    boolean pretty;

    @Spec
    CommandLine.Model.CommandSpec spec;

    Clock clock = Clock.systemUTC();

    /** Where {@code --body-file -} reads from. */
    java.io.InputStream stdin = System.in;

    /** For picocli. */
    public CommsCli() {
    }

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return USAGE;
    }

    /**
     * Runs the command.
     *
     * @param args the arguments
     */
    public static void main(String[] args) {
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /**
     * Runs the command with the given streams.
     *
     * @param args the arguments
     * @param out where the JSON goes
     * @param err where usage and diagnostics go
     * @return the exit status
     */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        return run(args, System.in, out, err);
    }

    /**
     * Runs the command with the given streams.
     *
     * @param args the arguments
     * @param in what {@code --body-file -} reads
     * @param out where the JSON goes
     * @param err where usage and diagnostics go
     * @return the exit status
     */
    public static int run(String[] args, java.io.InputStream in, PrintWriter out, PrintWriter err) {
        CommsCli root = new CommsCli();
        root.stdin = in;
        CommandLine cl = new CommandLine(root);
        cl.setOut(out);
        cl.setErr(err);
        // "-hello" reads as the clustered short options -h -e -l -l -o, so picocli refused it as a value and
        // a body starting with '-' could not be sent at all. Values that look like options are accepted now:
        // --body=-hello and --body -hello both work (a forgotten value, --body --to x, still fails: 'x' is
        // then an unmatched argument).
        cl.setAllowOptionsAsOptionParameters(true);
        cl.setParameterExceptionHandler((ex, a) -> {
            print(out, Envelope.failure("INVALID_ARGUMENT", 400, ex.getMessage(), root.clock.instant()));
            ex.getCommandLine().usage(err);
            return USAGE;
        });
        cl.setExecutionExceptionHandler((ex, command, parsed) -> {
            if (ex instanceof CommsConfigurationException c) {
                print(out, Envelope.failure("NOT_CONFIGURED", 503, c.getMessage(), root.clock.instant()));
                return CONFIGURATION;
            }
            if (ex instanceof CommandLine.ParameterException p) {
                print(out, Envelope.failure("INVALID_ARGUMENT", 400, p.getMessage(), root.clock.instant()));
                return USAGE;
            }
            if (ex instanceof CommsException c) {
                print(out, Envelope.failure(c, root.clock.instant()));
                // No provider for the channel is a configuration error too (exit 3), not a failed send.
                return c.code() == dev.comms.ErrorCode.NOT_CONFIGURED ? CONFIGURATION : FAILED;
            }
            print(out, Envelope.failure("INTERNAL_ERROR", 500, String.valueOf(ex.getMessage()), root.clock.instant()));
            ex.printStackTrace(err);
            return FAILED;
        });
        int status = cl.execute(args);
        out.flush();
        return status;
    }

    static void print(PrintWriter out, JsonNode node) {
        print(out, node, false);
    }

    static void print(PrintWriter out, JsonNode node, boolean pretty) {
        try {
            out.println(pretty ? Envelope.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(node)
                    : Envelope.JSON.writeValueAsString(node));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        out.flush();
    }

    void print(ObjectNode node) {
        print(spec.commandLine().getOut(), node, pretty);
    }

    /** @return a facade for this invocation: sandbox unless --live */
    Comms open() {
        Comms.Builder b = Comms.builder().mode(live ? Mode.LIVE : Mode.TEST);
        dev.comms.billing.InMemoryLedger ledger = null;
        if (!live) {
            // sandbox test credits, so receipts show cost and balance as the hosted API's test keys do
            ledger = new dev.comms.billing.InMemoryLedger();
            b.creditMeter(new dev.comms.billing.LedgerCreditMeter(ledger));
            sandboxDefault(b, "comms.sms.from", "Comms");
            sandboxDefault(b, "comms.email.from", "sandbox@example.com");
            sandboxDefault(b, "comms.voice.from", "+14155552671");
        }
        if (config != null) {
            b.propertiesFile(config);
        }
        b.properties(settings);
        if (account != null) {
            b.property("comms.account", account);
        }
        Comms comms = b.build();
        if (ledger != null) {
            ledger.credit(comms.account(), Mode.TEST, dev.comms.Money.ofPounds(10), "sandbox-credit", dev.comms.billing.EntryKind.GRANT);
        }
        return comms;
    }

    /**
     * Reads a message body from a file, or from standard input for {@code -}; one trailing line break
     * (what {@code echo} and editors add) is dropped.
     */
    String readText(Path file) {
        try {
            byte[] bytes = file.toString().equals("-") ? stdin.readAllBytes() : java.nio.file.Files.readAllBytes(file);
            String text = new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
            if (text.endsWith("\r\n")) {
                return text.substring(0, text.length() - 2);
            }
            return text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
        } catch (java.io.IOException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "cannot read " + file + ": " + e.getMessage(), e, null, file.toString());
        }
    }

    private void sandboxDefault(Comms.Builder b, String key, String value) {
        if (!settings.containsKey(key) && System.getProperty(key) == null
                && System.getenv(dev.comms.spi.ConfigKey.envName(key)) == null) {
            b.property(key, value);
        }
    }

    /** Prints the library version. */
    static final class VersionProvider implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            java.util.Properties p = new java.util.Properties();
            try (java.io.InputStream in = Comms.class.getResourceAsStream("/dev/comms/version.properties")) {
                if (in != null) {
                    p.load(in);
                }
            } catch (java.io.IOException e) {
                // unknown version
            }
            return new String[] {"comms " + p.getProperty("version", "unknown")};
        }
    }
}
