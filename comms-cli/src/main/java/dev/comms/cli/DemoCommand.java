package dev.comms.cli;

import dev.comms.CallReceipt;
import dev.comms.ChatReceipt;
import dev.comms.ChatRequest;
import dev.comms.Comms;
import dev.comms.Email;
import dev.comms.EmailReceipt;
import dev.comms.Receipt;
import dev.comms.Sms;
import dev.comms.SmsReceipt;
import dev.comms.Voice;
import dev.comms.VoiceCall;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/**
 * {@code comms demo}: one message per channel through the full pipeline, each receipt printed as
 * its own envelope, then health. On the sandbox unless {@code --live}.
 */
@Command(name = "demo", description = "Send one message per channel and print each receipt, then health.",
        mixinStandardHelpOptions = true)
final class DemoCommand implements Callable<Integer> {
    @ParentCommand
    CommsCli root;

    @Override
    public Integer call() throws Exception {
        try (Comms comms = root.open()) {
            SmsReceipt sms = comms.sms().send(Sms.to("+447123456789").body("Your Comms demo code is 123456").build());
            print(sms, "sms", "send");
            EmailReceipt email = comms.email().send(Email.builder().to("ada@example.com").subject("Comms demo")
                    .text("Hello from the Comms demo.").html("<p>Hello from the <b>Comms</b> demo.</p>").build());
            print(email, "email", "send");
            CallReceipt call = comms.voice().send(VoiceCall.to("+447123456789").say("Hello from the Comms demo. Press 1 to confirm.")
                    .voice(Voice.AMY).menu("1", "Thank you, confirmed.").build());
            print(call, "voice", "call");
            ChatReceipt chat = comms.ai().send(ChatRequest.builder().system("You are terse.").user("Say hello to Comms.").build());
            print(chat, "ai", "chat");
            root.print(Envelope.success(HealthCommand.health(comms), null, "system", "health", root.clock.instant()));
        }
        return 0;
    }

    private void print(Receipt r, String service, String action) {
        root.print(Envelope.success(Envelope.receipt(r), billing(r), service, action, root.clock.instant()));
    }

    private static dev.comms.Billing billing(Receipt r) {
        if (r instanceof SmsReceipt s) {
            return s.billing();
        } else if (r instanceof EmailReceipt e) {
            return e.billing();
        } else if (r instanceof CallReceipt c) {
            return c.billing();
        }
        return ((ChatReceipt) r).billing();
    }
}
