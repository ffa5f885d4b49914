package dev.comms.testkit;

import static org.assertj.core.api.Assertions.assertThat;

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
import org.junit.jupiter.api.Test;

/**
 * The usage examples in the javadoc of Comms, Email, Sms, VoiceCall, ChatRequest and SendOptions, run
 * as written on the fakes: an example a reader copies must not be refused by the validator. Keep each
 * block here identical to its javadoc.
 */
class JavadocExamplesTest {
    private final FakeProvider fake = new FakeProvider();

    private Comms.Builder builder() {
        return Comms.builder().autoDiscovery(false).ambientConfiguration(false).provider(fake)
                .property("comms.email.from", "hello@example.com").property("comms.voice.from", "+447123456780");
    }

    @Test
    void commsClassExample() {
        String answer;
        // Comms.java, verbatim apart from the builder's test wiring
        try (Comms comms = builder().build()) {
            SmsReceipt r = comms.sms().send(Sms.to("+447123456789").body("Your code is 123456").build());
            comms.email().send(Email.to("ada@example.com").from("hi@example.com").subject("Hi").text("Hello").build());
            comms.voice().send(VoiceCall.to("+447123456789").from("+14155550100").say("Hello").build());
            answer = comms.ai().send(ChatRequest.user("Say hi").build()).text();
            assertThat(r.segments().segmentCount()).isEqualTo(1);
        }
        assertThat(answer).isNotEmpty();
        assertThat(fake.voice().sent()).hasSize(1);
    }

    @Test
    void messageClassExamples() {
        try (Comms comms = builder().build()) {
            Email email = Email.to("ada@example.com")
                    .from("hello@example.com", "Acme")
                    .subject("Your receipt")
                    .text("Thanks for your order.")
                    .html("<p>Thanks for your order.</p>")
                    .tag("category", "receipt")
                    .build();
            EmailReceipt receipt = comms.email().send(email);
            assertThat(receipt.provider()).isEqualTo("fake");

            Sms sms = Sms.to("+447123456789").body("Your code is 123456").build();
            SmsReceipt smsReceipt = comms.sms().send(sms);
            assertThat(smsReceipt.segments().segmentCount()).isEqualTo(1);

            VoiceCall call = VoiceCall.to("+447123456789")
                    .say("Your appointment is tomorrow at ten. Press 1 to confirm.")
                    .voice(Voice.BRIAN)
                    .menu("1", "Thank you, see you tomorrow.")
                    .build();
            CallReceipt callReceipt = comms.voice().send(call);
            assertThat(callReceipt.providerMessageId()).isNotEmpty();

            ChatRequest request = ChatRequest.builder()
                    .system("You answer in one sentence.")
                    .user("What is an SMS segment?")
                    .maxTokens(100)
                    .build();
            ChatReceipt chat = comms.ai().send(request);
            assertThat(chat.text()).isNotEmpty();

            comms.sms().send(sms, SendOptions.idempotencyKey("order-1234-confirmation"));
        }
    }
}
