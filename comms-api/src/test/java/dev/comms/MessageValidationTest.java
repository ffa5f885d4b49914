package dev.comms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Messages validate themselves when built: each error names the field and the fix. */
class MessageValidationTest {

    private static InvalidMessageException invalid(Runnable r) {
        try {
            r.run();
        } catch (InvalidMessageException e) {
            return e;
        }
        throw new AssertionError("expected an InvalidMessageException");
    }

    // --- SMS

    @Test
    void smsBodyIsRequired() {
        InvalidMessageException e = invalid(() -> Sms.to("+447123456789").build());
        assertThat(e.code()).isEqualTo(ErrorCode.EMPTY_MESSAGE);
        assertThat(e.field()).isEqualTo("body");
        assertThat(invalid(() -> Sms.to("+447123456789").body("   ").build()).code()).isEqualTo(ErrorCode.EMPTY_MESSAGE);
    }

    @Test
    void smsBodyOf1600CharactersIsAcceptedAnd1601Refused() {
        assertThat(Sms.to("+447123456789").body("a".repeat(1600)).build().body()).hasSize(1600);
        InvalidMessageException e = invalid(() -> Sms.to("+447123456789").body("a".repeat(1601)).build());
        assertThat(e.code()).isEqualTo(ErrorCode.MESSAGE_TOO_LONG);
        assertThat(e.getMessage()).contains("1601").contains("1600");
    }

    @Test
    void smsBodyLimitCountsCodePointsNotUtf16Units() {
        assertThat(Sms.to("+447123456789").body("😀".repeat(1600)).build()).isNotNull();
    }

    @Test
    void smsBodyRefusesNulAndOtherControlCharactersButKeepsNewlines() {
        assertThat(invalid(() -> Sms.to("+447123456789").body("a\u0000b").build()).field()).isEqualTo("body");
        assertThat(Sms.to("+447123456789").body("line 1\r\nline 2\n").build()).isNotNull();
    }

    @Test
    void smsSenderMayBeANumberOrAnAlphanumericId() {
        Sms byNumber = Sms.to("+447123456789").from("+447123456780").body("x").build();
        assertThat(byNumber.fromNumber()).map(Phone::e164).contains("+447123456780");
        Sms byName = Sms.to("+447123456789").from("Acme Ltd").body("x").build();
        assertThat(byName.senderId()).contains("Acme Ltd");
        assertThat(byName.fromNumber()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"AcmeCorporation", "12345678", "Acme!", "Acme\r\nX"})
    void badAlphanumericSenderIdsAreRefused(String id) {
        assertThat(invalid(() -> Sms.to("+447123456789").from(id)).field()).isEqualTo("from");
    }

    @Test
    void smsStatusCallbackMustBeAnAbsoluteHttpUrl() {
        assertThat(invalid(() -> Sms.to("+447123456789").statusCallback("/relative")).field()).isEqualTo("statusCallback");
        assertThat(invalid(() -> Sms.to("+447123456789").statusCallback("ftp://x.example/y")).field()).isEqualTo("statusCallback");
        assertThat(invalid(() -> Sms.to("+447123456789").statusCallback("https://x.example/a\r\nb")).code())
                .isEqualTo(ErrorCode.INVALID_HEADER);
        assertThat(Sms.to("+447123456789").body("x").statusCallback("https://hooks.example.com/sms").build().statusCallback())
                .isPresent();
    }

    @Test
    void smsToStringHidesBodyAndNumber() {
        Sms sms = Sms.to("+447123456789").body("secret code 123456").build();
        assertThat(sms.toString()).doesNotContain("123456").doesNotContain("7123456789");
    }

    // --- Email

    private static Email.Builder email() {
        return Email.to("ada@example.com").from("hello@example.org", "Acme").subject("Hi").text("Hello");
    }

    @Test
    void validEmailKeepsEveryField() {
        Email e = email().cc("c@example.com").bcc("b@example.com").replyTo("r@example.com").html("<p>Hello</p>")
                .tag("category", "welcome").header("X-Campaign", "spring").build();
        assertThat(e.to()).extracting(EmailAddress::address).containsExactly("ada@example.com");
        assertThat(e.from()).map(a -> a.displayName().orElseThrow()).contains("Acme");
        assertThat(e.recipientCount()).isEqualTo(3);
        assertThat(e.tags()).containsEntry("category", "welcome");
        assertThat(e.headers()).containsEntry("X-Campaign", "spring");
    }

    @ParameterizedTest
    @ValueSource(strings = {"Hi\r\nBcc: victim@example.com", "Hi\nX", "Hi\rX", "Hi\u0000", "Hi\u2028there", "Hi\u2029", "Hi\u0085"})
    void subjectHeaderInjectionIsRefused(String subject) {
        InvalidMessageException e = invalid(() -> email().subject(subject).build());
        assertThat(e.code()).isEqualTo(ErrorCode.INVALID_HEADER);
        assertThat(e.field()).isEqualTo("subject");
    }

    @Test
    void headerInjectionInEveryHeaderBoundFieldIsRefused() {
        assertThat(invalid(() -> email().header("X-Campaign", "v\r\nBcc: victim@example.com")).code()).isEqualTo(ErrorCode.INVALID_HEADER);
        assertThat(invalid(() -> email().header("X-Bad\r\nBcc", "v")).code()).isEqualTo(ErrorCode.INVALID_HEADER);
        assertThat(invalid(() -> email().header("X Bad", "v")).code()).isEqualTo(ErrorCode.INVALID_HEADER);
        assertThat(invalid(() -> email().tag("name\n", "v")).code()).isEqualTo(ErrorCode.INVALID_HEADER);
        assertThat(invalid(() -> email().tag("name", "v\r\n")).code()).isEqualTo(ErrorCode.INVALID_HEADER);
        assertThat(invalid(() -> email().from("a@example.com", "Acme\r\nBcc: victim@example.com")).code()).isEqualTo(ErrorCode.INVALID_HEADER);
    }

    @ParameterizedTest
    @ValueSource(strings = {"Acme\r\n", "Acme\n", "Acme\r", "Acme\u2028", "Acme\u2029", "\r\nAcme", "Acme\u0085"})
    void aDisplayNameEndingOrStartingWithALineBreakIsRefusedNotTrimmed(String name) {
        InvalidMessageException e = invalid(() -> email().from("a@example.com", name));
        assertThat(e.code()).isEqualTo(ErrorCode.INVALID_HEADER);
        assertThat(e.field()).isEqualTo("from.displayName");
        assertThat(invalid(() -> EmailAddress.of("r@example.com", name)).code()).isEqualTo(ErrorCode.INVALID_HEADER);
    }

    @Test
    void anSmsSenderOrMessagingServiceEndingWithALineBreakIsRefused() {
        assertThat(invalid(() -> Sms.to("+447123456789").from("Acme\r\n")).code()).isEqualTo(ErrorCode.INVALID_HEADER);
        assertThat(invalid(() -> Sms.to("+447123456789").messagingService("MG123\n")).code()).isEqualTo(ErrorCode.INVALID_HEADER);
    }

    @Test
    void reservedHeadersCannotBeSetAsCustomHeaders() {
        InvalidMessageException e = invalid(() -> email().header("Bcc", "victim@example.com"));
        assertThat(e.getMessage()).contains("builder's own method");
    }

    @ParameterizedTest
    @ValueSource(strings = {"not-an-address", "Ada <ada@example.com>", "a@example.com, b@example.com", "ada@localhost",
            "ad\u200Ba@example.com", "ada@exam\u202Eple.com", "a\r\n@example.com", "a\u0000@example.com"})
    void badAddressesAreRefused(String address) {
        assertThat(invalid(() -> Email.to(address)).code()).isEqualTo(ErrorCode.INVALID_EMAIL);
    }

    @Test
    void addressesOver254CharactersAreRefused() {
        String local = "a".repeat(64);
        String domain = ("b".repeat(60) + ".").repeat(3) + "example.com";
        String address = local + "@" + domain;
        assertThat(address.length()).isGreaterThan(254);
        assertThat(invalid(() -> Email.to(address)).getMessage()).contains("254");
    }

    @Test
    void emailNeedsTextOrHtmlASubjectAndARecipient() {
        assertThat(invalid(() -> Email.to("ada@example.com").subject("Hi").build()).code()).isEqualTo(ErrorCode.EMPTY_MESSAGE);
        assertThat(invalid(() -> Email.to("ada@example.com").text("x").build()).field()).isEqualTo("subject");
        assertThat(invalid(() -> Email.builder().subject("Hi").text("x").build()).field()).isEqualTo("to");
        assertThat(Email.to("ada@example.com").subject("Hi").html("<b>x</b>").build().text()).isEmpty();
    }

    @Test
    void emailToStringHidesAddressesAndBodies() {
        assertThat(email().build().toString()).doesNotContain("ada@example.com").doesNotContain("Hello");
    }

    // --- Voice

    @Test
    void callNeedsExactlyOneOfScriptAndTwimlUrl() {
        assertThat(invalid(() -> VoiceCall.to("+447123456789").build()).code()).isEqualTo(ErrorCode.EMPTY_MESSAGE);
        assertThat(invalid(() -> VoiceCall.to("+447123456789").say("Hi").twimlUrl("https://x.example/t.xml").build()).field())
                .isEqualTo("say");
        VoiceCall call = VoiceCall.to("+447123456789").say("Hello").build();
        assertThat(call.voice()).isEqualTo(Voice.AMY);
        assertThat(call.ringTimeout()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void localNumberWithCountryCodeIsCallable() {
        assertThat(VoiceCall.to("4252337837", "US").say("Hi").build().to().e164()).isEqualTo("+14252337837");
    }

    @Test
    void dtmfMenuKeysAreKeypadKeysAndNeedAScript() {
        VoiceCall call = VoiceCall.to("+447123456789").say("Press 1").menu("1", "Thank you").menu("#", "Bye").build();
        assertThat(call.menu()).containsEntry("1", "Thank you").containsKey("#");
        assertThat(invalid(() -> VoiceCall.to("+447123456789").menu("12", "x")).field()).isEqualTo("menu");
        assertThat(invalid(() -> VoiceCall.to("+447123456789").menu("A", "x")).field()).isEqualTo("menu");
        assertThat(invalid(() -> VoiceCall.to("+447123456789").twimlUrl("https://x.example/t").menu("1", "x").build()).field())
                .isEqualTo("menu");
    }

    @Test
    void ringTimeoutIsBounded() {
        assertThat(invalid(() -> VoiceCall.to("+447123456789").ringTimeout(Duration.ofSeconds(4))).field()).isEqualTo("ringTimeout");
        assertThat(invalid(() -> VoiceCall.to("+447123456789").ringTimeout(Duration.ofSeconds(601))).field()).isEqualTo("ringTimeout");
    }

    @Test
    void voicesParseFromPollyNames() {
        assertThat(Voice.parse("Polly.Brian")).isEqualTo(Voice.BRIAN);
        assertThat(Voice.parse("joanna")).isEqualTo(Voice.JOANNA);
        assertThat(Voice.MATTHEW.language()).isEqualTo("en-US");
        assertThat(invalid(() -> Voice.parse("Polly.Nobody")).getMessage()).contains("Polly.Amy");
    }

    // --- AI

    @Test
    void chatNeedsAUserMessageWithContent() {
        assertThat(invalid(() -> ChatRequest.builder().build()).field()).isEqualTo("messages");
        assertThat(invalid(() -> ChatRequest.builder().system("be brief").build()).getMessage()).contains("user message");
        assertThat(invalid(() -> ChatRequest.user("")).code()).isEqualTo(ErrorCode.EMPTY_MESSAGE);
        assertThat(invalid(() -> ChatRequest.user("hi").maxTokens(0)).field()).isEqualTo("maxTokens");
        ChatRequest r = ChatRequest.builder().system("be brief").user("hi").assistant("hello").user("again").model("gpt-4o-mini")
                .maxTokens(50).build();
        assertThat(r.messages()).extracting(ChatMessage::role)
                .containsExactly(ChatRole.SYSTEM, ChatRole.USER, ChatRole.ASSISTANT, ChatRole.USER);
        assertThat(r.maxTokens()).hasValue(50);
        assertThat(r.toString()).doesNotContain("again");
    }

    // --- errors

    @Test
    void errorCodesCarryHttpLikeStatuses() {
        assertThat(ErrorCode.INVALID_PHONE.status()).isEqualTo(400);
        assertThat(ErrorCode.INSUFFICIENT_CREDITS.status()).isEqualTo(402);
        assertThat(ErrorCode.RATE_LIMITED.status()).isEqualTo(429);
        assertThat(ErrorCode.PROVIDER_ERROR.status()).isEqualTo(502);
        assertThat(ErrorCode.NOT_CONFIGURED.status()).isEqualTo(503);
        assertThat(new InsufficientCreditsException(Money.ofPence(50), Money.ofPence(70), Channel.VOICE).getMessage())
                .isEqualTo("Insufficient credits. You have 50p but need 70p.");
    }

    @Test
    void configurationErrorsAreOutsideTheRuntimeRoot() {
        assertThat(CommsException.class.isAssignableFrom(CommsConfigurationException.class)).isFalse();
    }
}
