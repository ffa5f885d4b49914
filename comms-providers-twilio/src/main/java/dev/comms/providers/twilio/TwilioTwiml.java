package dev.comms.providers.twilio;

import com.twilio.twiml.VoiceResponse;
import com.twilio.twiml.voice.Gather;
import com.twilio.twiml.voice.Say;
import dev.comms.Voice;
import dev.comms.VoiceCall;
import java.util.List;

/**
 * Renders a call's script and keypad menu as TwiML, and the reply to a key press for the
 * application's menu-callback endpoint.
 *
 * <pre>{@code
 * // in the endpoint that receives Twilio's POST to the menu callback:
 * String twiml = TwilioTwiml.menuReply(call, request.getParameter("Digits"));
 * }</pre>
 */
public final class TwilioTwiml {
    private TwilioTwiml() {
    }

    static Say.Voice voice(Voice v) {
        return switch (v) {
            case AMY -> Say.Voice.POLLY_AMY;
            case BRIAN -> Say.Voice.POLLY_BRIAN;
            case EMMA -> Say.Voice.POLLY_EMMA;
            case JOANNA -> Say.Voice.POLLY_JOANNA;
            case MATTHEW -> Say.Voice.POLLY_MATTHEW;
        };
    }

    /**
     * @param call a call with a script
     * @return the TwiML that speaks it, inside a one-digit Gather when it has a menu
     */
    public static String script(VoiceCall call) {
        Say say = new Say.Builder(call.script().orElseThrow(() -> new IllegalArgumentException("the call has no script")))
                .voice(voice(call.voice())).build();
        VoiceResponse.Builder r = new VoiceResponse.Builder();
        if (call.menu().isEmpty()) {
            r.say(say);
        } else {
            Gather.Builder g = new Gather.Builder().inputs(List.of(Gather.Input.DTMF)).numDigits(1).say(say);
            call.menuCallback().ifPresent(g::action);
            r.gather(g.build());
        }
        return r.build().toXml();
    }

    /**
     * @param call the call whose menu was offered
     * @param digits the key pressed (Twilio's {@code Digits} parameter)
     * @return TwiML speaking the reply for that key, or the menu again for an unknown key
     */
    public static String menuReply(VoiceCall call, String digits) {
        String reply = digits == null ? null : call.menu().get(digits);
        if (reply == null) {
            return script(call);
        }
        return new VoiceResponse.Builder().say(new Say.Builder(reply).voice(voice(call.voice())).build()).build().toXml();
    }
}
