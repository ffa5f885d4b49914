package dev.comms.testkit;

import dev.comms.CallDetails;
import dev.comms.CallStatus;
import dev.comms.Channel;
import dev.comms.FailureClass;
import dev.comms.ProviderException;
import dev.comms.VoiceCall;
import dev.comms.spi.CallResult;
import dev.comms.spi.Capability;
import dev.comms.spi.SendContext;
import dev.comms.spi.VoiceCaller;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The fake voice provider. Calls start {@link CallStatus#QUEUED}; {@link #answer} completes one with
 * a duration and the keys pressed, which {@link #status} then reports.
 */
public final class FakeVoice extends FakeChannel<VoiceCall, CallResult> implements VoiceCaller {
    private final Map<String, CallDetails> details = new ConcurrentHashMap<>();

    FakeVoice() {
        super(Channel.VOICE, "CAfake", EnumSet.of(Capability.VOICE_SCRIPT, Capability.VOICE_MENU, Capability.VOICE_TWIML_URL,
                Capability.VOICE_CALL_STATUS, Capability.STATUS_CALLBACK, Capability.IDEMPOTENCY_KEY));
    }

    @Override
    public CallResult call(VoiceCall call, SendContext context) {
        return handle(call, context, id -> {
            details.put(id, new CallDetails(id, CallStatus.QUEUED, null, null));
            return new CallResult(id, CallStatus.QUEUED);
        });
    }

    /**
     * Completes a call as if the callee answered.
     *
     * @param providerCallId the call
     * @param duration how long it lasted
     * @param digits the keys pressed, or {@code null}
     */
    public void answer(String providerCallId, Duration duration, String digits) {
        if (details.replace(providerCallId, new CallDetails(providerCallId, CallStatus.COMPLETED, duration, digits)) == null) {
            throw new IllegalArgumentException("the fake placed no call with id " + providerCallId);
        }
    }

    @Override
    public CallDetails status(String providerCallId) {
        CallDetails d = details.get(providerCallId);
        if (d == null) {
            throw ProviderException.of(FailureClass.PERMANENT, FakeProvider.ID, "the fake placed no call with this id")
                    .channel(Channel.VOICE).providerCode("20404").httpStatus(404).build();
        }
        return d;
    }

    @Override
    String[] recipientAndContent(VoiceCall call) {
        return new String[] {call.to().e164(), call.script().orElseGet(() -> call.twimlUrl().map(Object::toString).orElse(null))};
    }

    @Override
    Outcome magic(VoiceCall call) {
        return MagicRecipients.forPhone(call.to().e164());
    }

    @Override
    public void reset() {
        super.reset();
        details.clear();
    }

    @Override
    public String toString() {
        return "FakeVoice[sent=" + sent().size() + ", requests=" + requests() + "]";
    }
}
