package dev.comms.providers.twilio;

import com.twilio.base.ResourceSet;
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
import dev.comms.spi.HttpProviders;
import dev.comms.spi.LookupResult;
import dev.comms.spi.OutcomeLookup;
import dev.comms.spi.SendContext;
import dev.comms.spi.SentQuery;
import dev.comms.spi.VoiceCaller;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Voice calls through Twilio's Calls API: a spoken script (TwiML Say, Gather) or a TwiML URL; the
 * status callback (the call's own, else {@code comms.twilio.status-callback-url}) asks for the
 * initiated, ringing, answered and completed events and carries Comms' message id and hold
 * ({@link TwilioWebhooks#correlate}); an ambiguous call is looked up in the Calls list (see
 * {@link #lookup}).
 */
final class TwilioVoice implements VoiceCaller, OutcomeLookup {
    static final List<String> EVENTS = List.of("initiated", "ringing", "answered", "completed");

    private final TwilioProvider.Connection twilio;
    private final Clock clock;
    private final URI defaultCallback;
    private final AtomicBoolean closed = new AtomicBoolean();

    /**
     * @param defaultCallback the status callback of calls without their own, or null
     */
    TwilioVoice(TwilioProvider.Connection twilio, Clock clock, URI defaultCallback) {
        this.twilio = twilio;
        this.clock = clock;
        this.defaultCallback = defaultCallback;
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

    /** Twilio's limit on the {@code Twiml} parameter of a call. */
    static final int MAX_TWIML = 4000;

    @Override
    public void check(VoiceCall call) {
        if (call.from().isEmpty()) {
            throw new InvalidMessageException(ErrorCode.INVALID_MESSAGE, "from",
                    "Twilio needs a caller id: set from(...) or comms.voice.from to a number you own at Twilio", Channel.VOICE);
        }
        if (!call.menu().isEmpty() && call.menuCallback().isEmpty()) {
            throw new InvalidMessageException(ErrorCode.INVALID_MESSAGE, "menuCallback", "a keypad menu on Twilio needs a menu "
                    + "callback URL whose endpoint answers with TwilioTwiml.menuReply(call, digits)", Channel.VOICE);
        }
        if (call.twimlUrl().isEmpty()) {
            int length = TwilioTwiml.script(call).length();
            if (length > MAX_TWIML) {
                throw new InvalidMessageException(ErrorCode.MESSAGE_TOO_LONG, "script", "the script renders as " + length
                        + " characters of TwiML, and Twilio takes at most " + MAX_TWIML + ": shorten the script or menu, or serve it "
                        + "from a TwiML URL", Channel.VOICE);
            }
        }
    }

    @Override
    public CallResult call(VoiceCall call, SendContext context) {
        check(call);
        PhoneNumber to = new PhoneNumber(call.to().e164());
        PhoneNumber from = new PhoneNumber(call.from().orElseThrow().e164());
        CallCreator creator = call.twimlUrl().isPresent() ? Call.creator(to, from, call.twimlUrl().get())
                : Call.creator(to, from, new Twiml(TwilioTwiml.script(call)));
        creator.setTimeout((int) call.ringTimeout().toSeconds());
        URI callback = call.statusCallback().orElse(defaultCallback);
        if (callback != null) {
            creator.setStatusCallback(TwilioWebhooks.correlate(callback, context));
            creator.setStatusCallbackEvent(EVENTS);
            creator.setStatusCallbackMethod(HttpMethod.POST);
        }
        twilio.http.begin(HttpProviders.attemptTimeout(context, twilio.settings.readTimeout()));
        try {
            Call c = creator.create(twilio.client);
            return new CallResult(c.getSid(), status(c.getStatus()));
        } catch (TwilioException e) {
            throw TwilioErrors.classify(e, twilio.http.exchange(), Channel.VOICE, clock.instant(), false);
        } catch (RuntimeException e) {
            throw TwilioErrors.unexpected(e, twilio.http.exchange(), Channel.VOICE, false);
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
            throw TwilioErrors.classify(e, twilio.http.exchange(), Channel.VOICE, clock.instant(), true);
        } catch (RuntimeException e) {
            throw TwilioErrors.unexpected(e, twilio.http.exchange(), Channel.VOICE, true);
        }
    }

    /**
     * Finds the call of an ambiguous send in Twilio's Calls list: filtered by {@code To} only (a
     * {@code StartTime} filter would hide calls still queued, which have not started), then outbound
     * API calls whose {@code date_created} lies in {@link TwilioLookups#window}. The Calls list does not
     * show the TwiML or its URL, so the content cannot be matched: exactly one such call is taken as
     * this send's; two or more cannot be told apart and the answer is unknown. None and the window
     * closed: not accepted.
     */
    @Override
    public LookupResult lookup(SentQuery query) {
        Instant now = clock.instant();
        TwilioLookups.Window w = TwilioLookups.window(query);
        twilio.http.begin(null);
        try {
            ResourceSet<Call> calls = Call.reader().setTo(new PhoneNumber(query.recipient()))
                    .setPageSize((long) TwilioLookups.PAGE_SIZE).read(twilio.client);
            List<String> found = new ArrayList<>();
            int scanned = 0;
            for (Call c : calls) {
                if (++scanned > TwilioLookups.MAX_SCANNED) {
                    return new LookupResult.Unknown("more than " + TwilioLookups.MAX_SCANNED + " calls to this number at Twilio; "
                            + "not scanned further");
                }
                if ("outbound-api".equals(c.getDirection()) && w.contains(c.getDateCreated())) {
                    found.add(c.getSid());
                }
            }
            if (found.size() == 1) {
                return new LookupResult.Accepted(found.get(0));
            }
            if (found.size() > 1) {
                return new LookupResult.Unknown(found.size() + " calls to this number in the window from " + w.from() + " to " + w.to()
                        + ": cannot tell which one this send placed");
            }
            return w.closedAt(now) ? new LookupResult.NotAccepted()
                    : new LookupResult.Unknown("no call at Twilio yet; asked again until " + w.to());
        } catch (TwilioException e) {
            throw TwilioErrors.classify(e, twilio.http.exchange(), Channel.VOICE, now, true);
        } catch (RuntimeException e) {
            throw TwilioErrors.unexpected(e, twilio.http.exchange(), Channel.VOICE, true);
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
