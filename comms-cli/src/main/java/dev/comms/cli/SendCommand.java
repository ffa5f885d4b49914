package dev.comms.cli;

import dev.comms.CallReceipt;
import dev.comms.ChatReceipt;
import dev.comms.ChatRequest;
import dev.comms.Comms;
import dev.comms.Email;
import dev.comms.EmailReceipt;
import dev.comms.SendOptions;
import dev.comms.Sms;
import dev.comms.SmsReceipt;
import dev.comms.Voice;
import dev.comms.VoiceCall;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code comms send sms|email|call|chat}. */
@Command(name = "send", description = "Send one message.", mixinStandardHelpOptions = true,
        subcommands = {SendCommand.SmsCommand.class, SendCommand.EmailCommand.class, SendCommand.CallCommand.class,
            SendCommand.ChatCommand.class})
final class SendCommand implements Callable<Integer> {
    @ParentCommand
    CommsCli root;

    @Option(names = "--idempotency-key", scope = picocli.CommandLine.ScopeType.INHERIT,
            description = "Send at most once per key (repeat the command safely).")
    String idempotencyKey;

    @Override
    public Integer call() {
        root.spec.commandLine().getSubcommands().get("send").usage(root.spec.commandLine().getErr());
        return CommsCli.USAGE;
    }

    SendOptions options() {
        return idempotencyKey == null ? SendOptions.NONE : SendOptions.idempotencyKey(idempotencyKey);
    }

    /** {@code comms send sms}. */
    @Command(name = "sms", description = "Send an SMS.", mixinStandardHelpOptions = true)
    static final class SmsCommand implements Callable<Integer> {
        @ParentCommand
        SendCommand send;

        @Option(names = "--to", required = true, description = "Recipient: E.164 (+447123456789), or digits with --region.")
        String to;

        @Option(names = "--region", description = "ISO region of a local number, such as GB.")
        String region;

        @ArgGroup(exclusive = true, multiplicity = "1")
        Body body;

        static final class Body {
            @Option(names = "--body", description = "The text: at most 1,600 characters, and at most comms.sms.max-segments "
                    + "segments (10 by default: 1,530 GSM-7 or 670 UCS-2 characters). A text starting with '-': --body=-hello.")
            String text;

            @Option(names = "--body-file", paramLabel = "FILE", description = "Read the text from a file (UTF-8), or from standard input with '-'.")
            java.nio.file.Path file;
        }

        @Option(names = "--from", description = "Sender: a number or an alphanumeric sender id.")
        String from;

        @Option(names = "--status-callback", description = "URL the provider posts delivery events to.")
        String statusCallback;

        @Override
        public Integer call() {
            Sms.Builder b = region == null ? Sms.to(to) : Sms.to(to, region);
            b.body(body.text != null ? body.text : send.root.readText(body.file));
            if (from != null) {
                b.from(from);
            }
            if (statusCallback != null) {
                b.statusCallback(statusCallback);
            }
            Sms sms = b.build();
            try (Comms comms = send.root.open()) {
                SmsReceipt r = comms.sms().send(sms, send.options());
                send.root.print(Envelope.success(Envelope.receipt(r), r.billing(), "sms", "send", r.timestamp()));
            }
            return 0;
        }
    }

    /** {@code comms send email}. */
    @Command(name = "email", description = "Send an email.", mixinStandardHelpOptions = true)
    static final class EmailCommand implements Callable<Integer> {
        @ParentCommand
        SendCommand send;

        @Option(names = "--to", required = true, description = "Recipient address. Repeatable.")
        List<String> to = new ArrayList<>();

        @Option(names = "--cc", description = "Copy address. Repeatable.")
        List<String> cc = new ArrayList<>();

        @Option(names = "--bcc", description = "Blind copy address. Repeatable.")
        List<String> bcc = new ArrayList<>();

        @Option(names = "--reply-to", description = "Reply-to address.")
        String replyTo;

        @Option(names = "--from", description = "Sender address.")
        String from;

        @Option(names = "--from-name", description = "Sender display name.")
        String fromName;

        @Option(names = "--subject", required = true, description = "Subject line.")
        String subject;

        @Option(names = "--text", description = "Plain-text body.")
        String text;

        @Option(names = "--html", description = "HTML body.")
        String html;

        @Option(names = "--tag", description = "A tag, name=value. Repeatable.")
        Map<String, String> tags = new LinkedHashMap<>();

        @Override
        public Integer call() {
            Email.Builder b = Email.builder().to(to.toArray(String[]::new)).subject(subject);
            if (!cc.isEmpty()) {
                b.cc(cc.toArray(String[]::new));
            }
            if (!bcc.isEmpty()) {
                b.bcc(bcc.toArray(String[]::new));
            }
            if (replyTo != null) {
                b.replyTo(replyTo);
            }
            if (from != null) {
                if (fromName != null) {
                    b.from(from, fromName);
                } else {
                    b.from(from);
                }
            }
            if (text != null) {
                b.text(text);
            }
            if (html != null) {
                b.html(html);
            }
            tags.forEach(b::tag);
            Email email = b.build();
            try (Comms comms = send.root.open()) {
                EmailReceipt r = comms.email().send(email, send.options());
                send.root.print(Envelope.success(Envelope.receipt(r), r.billing(), "email", "send", r.timestamp()));
            }
            return 0;
        }
    }

    /** {@code comms send call}. */
    @Command(name = "call", description = "Place a voice call that speaks a script, or runs a TwiML URL.",
            mixinStandardHelpOptions = true)
    static final class CallCommand implements Callable<Integer> {
        @ParentCommand
        SendCommand send;

        @Option(names = "--to", required = true, description = "Callee: E.164, or a local number with --region.")
        String to;

        @Option(names = "--region", description = "ISO region of a local number, such as US.")
        String region;

        @Option(names = "--from", description = "Caller id (a number you own at the provider).")
        String from;

        @ArgGroup(exclusive = true, multiplicity = "1")
        What what;

        static final class What {
            @Option(names = "--say", description = "The script to speak.")
            String say;

            @Option(names = "--twiml-url", description = "A TwiML document to run instead of a script.")
            String twimlUrl;
        }

        @Option(names = "--voice", description = "Polly.Amy (default), Polly.Brian, Polly.Emma, Polly.Joanna, Polly.Matthew.")
        String voice;

        @Option(names = "--menu", description = "A DTMF menu entry, key=reply (such as 1=Thank you). Repeatable.")
        Map<String, String> menu = new LinkedHashMap<>();

        @Option(names = "--menu-callback", description = "URL that receives the key pressed.")
        String menuCallback;

        @Option(names = "--ring-timeout", description = "Seconds to ring before giving up (5-600, default 30).")
        Integer ringTimeout;

        @Option(names = "--status-callback", description = "URL the provider posts call events to.")
        String statusCallback;

        @Override
        public Integer call() {
            VoiceCall.Builder b = region == null ? VoiceCall.to(to) : VoiceCall.to(to, region);
            if (from != null) {
                b.from(from);
            }
            if (what.say != null) {
                b.say(what.say);
            } else {
                b.twimlUrl(what.twimlUrl);
            }
            if (voice != null) {
                b.voice(Voice.parse(voice));
            }
            menu.forEach(b::menu);
            if (menuCallback != null) {
                b.menuCallback(menuCallback);
            }
            if (ringTimeout != null) {
                b.ringTimeout(Duration.ofSeconds(ringTimeout));
            }
            if (statusCallback != null) {
                b.statusCallback(statusCallback);
            }
            VoiceCall call = b.build();
            try (Comms comms = send.root.open()) {
                CallReceipt r = comms.voice().send(call, send.options());
                send.root.print(Envelope.success(Envelope.receipt(r), r.billing(), "voice", "call", r.timestamp()));
            }
            return 0;
        }
    }

    /** {@code comms send chat}. */
    @Command(name = "chat", description = "Ask an AI model.", mixinStandardHelpOptions = true)
    static final class ChatCommand implements Callable<Integer> {
        @ParentCommand
        SendCommand send;

        @Option(names = "--system", description = "A system message.")
        String system;

        @Option(names = "--user", required = true, description = "The user message.")
        String user;

        @Option(names = "--model", description = "Model (default: comms.ai.model, gpt-4o-mini).")
        String model;

        @Option(names = "--max-tokens", description = "Upper bound on the reply's tokens.")
        Integer maxTokens;

        @Override
        public Integer call() {
            ChatRequest.Builder b = ChatRequest.builder();
            if (system != null) {
                b.system(system);
            }
            b.user(user);
            if (model != null) {
                b.model(model);
            }
            if (maxTokens != null) {
                b.maxTokens(maxTokens);
            }
            ChatRequest request = b.build();
            try (Comms comms = send.root.open()) {
                ChatReceipt r = comms.ai().send(request, send.options());
                send.root.print(Envelope.success(Envelope.receipt(r), r.billing(), "ai", "chat", r.timestamp()));
            }
            return 0;
        }
    }
}
