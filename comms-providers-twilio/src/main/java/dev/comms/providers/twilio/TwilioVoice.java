package dev.comms.providers.twilio;

import com.twilio.exception.TwilioException;
import com.twilio.http.HttpMethod;
import com.twilio.rest.api.v2010.account.Call;
import com.twilio.rest.api.v2010.account.CallCreator;
import com.twilio.type.PhoneNumber;
import com.twilio.type.Twiml;
import dev.comms.CallDetails;
import dev.comms.CallStatus;
import dev.comms.Channel;
import dev.comms.ErrorCode;
import dev.comms.InvalidMessageException;
import dev.comms.VoiceCall;
import dev.comms.spi.CallResult;
import dev.comms.spi.Capability;
import dev.comms.spi.SendContext;
import dev.comms.spi.VoiceCaller;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

/** Voice calls through Twilio's Calls API: a spoken script (TwiML Say, Gather) or a TwiML URL. */
final class TwilioVoice implements VoiceCaller {
    static final List<String> EVENTS = List.of("initiated", "ringing", "answered", "completed");

    private final TwilioProvider.Connection twilio;
    private final Clock clock;
    private final AtomicBoolean closed = new AtomicBoolean();

    TwilioVoice(TwilioProvider.Connection twilio, Clock clock) {
        this.twilio = twilio;
        this.clock = clock;
    }

    @Override
    public String id() {
        return TwilioProvider.ID;
    }

    @Override
    public Set<Capability> capabilities() {
        return EnumSet.of(Capability.VOICE_SCRIPT, Capability.VOICE_MENU, Capability.VOICE_TWIML_URL, Capability.VOICE_CALL_STATUS,
                Capability.STATUS_CALLBACK);
    }

    @Override
    public CallResult call(VoiceCall call, SendContext context) {
        PhoneNumber to = new PhoneNumber(call.to().e164());
        PhoneNumber from = new PhoneNumber(call.from().orElseThrow(() -> new InvalidMessageException(ErrorCode.INVALID_MESSAGE,
                "from", "Twilio needs a caller id: set from(...) or comms.voice.from to a number you own at Twilio", Channel.VOICE)).e164());
        if (!call.menu().isEmpty() && call.menuCallback().isEmpty()) {
            throw new InvalidMessageException(ErrorCode.INVALID_MESSAGE, "menuCallback", "a keypad menu on Twilio needs a menu "
                    + "callback URL whose endpoint answers with TwilioTwiml.menuReply(call, digits)", Channel.VOICE);
        }
        CallCreator creator = call.twimlUrl().isPresent() ? Call.creator(to, from, call.twimlUrl().get())
                : Call.creator(to, from, new Twiml(TwilioTwiml.script(call)));
        creator.setTimeout((int) call.ringTimeout().toSeconds());
        call.statusCallback().ifPresent(u -> {
            creator.setStatusCallback(u);
            creator.setStatusCallbackEvent(EVENTS);
            creator.setStatusCallbackMethod(HttpMethod.POST);
        });
        twilio.http.begin(context.timeout());
        try {
            Call c = creator.create(twilio.client);
            return new CallResult(c.getSid(), status(c.getStatus()));
        } catch (TwilioException e) {
            throw TwilioErrors.classify(e, twilio.http.last(), Channel.VOICE, clock.instant());
        }
    }

    @Override
    public CallDetails status(String providerCallId) {
        twilio.http.begin(null);
        try {
            Call c = Call.fetcher(providerCallId).fetch(twilio.client);
            Duration d = null;
            if (c.getDuration() != null && !c.getDuration().isBlank()) {
                d = Duration.ofSeconds(Long.parseLong(c.getDuration().strip()));
            }
            return new CallDetails(c.getSid(), status(c.getStatus()), d, null);
        } catch (TwilioException e) {
            throw TwilioErrors.classify(e, twilio.http.last(), Channel.VOICE, clock.instant());
        }
    }

    static CallStatus status(Call.Status s) {
        if (s == null) {
            return CallStatus.QUEUED;
        }
        return switch (s) {
            case QUEUED -> CallStatus.QUEUED;
            case RINGING -> CallStatus.RINGING;
            case IN_PROGRESS -> CallStatus.IN_PROGRESS;
            case COMPLETED -> CallStatus.COMPLETED;
            case BUSY -> CallStatus.BUSY;
            case FAILED -> CallStatus.FAILED;
            case NO_ANSWER -> CallStatus.NO_ANSWER;
            case CANCELED -> CallStatus.CANCELED;
        };
    }

    /** @return the shared client this channel uses */
    TwilioProvider.Connection connection() {
        return twilio;
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            twilio.release();
        }
    }

    @Override
    public String toString() {
        return "TwilioVoice[" + twilio + "]";
    }
}
