package dev.comms.internal;

import dev.comms.Billing;
import dev.comms.CallReceipt;
import dev.comms.Channel;
import dev.comms.DeliveryStatus;
import dev.comms.ErrorCode;
import dev.comms.InvalidMessageException;
import dev.comms.VoiceCall;
import dev.comms.spi.CallResult;
import dev.comms.spi.Capability;
import dev.comms.spi.ProviderChannel;
import dev.comms.spi.SendContext;
import dev.comms.spi.Usage;
import dev.comms.spi.VoiceCaller;
import java.util.EnumSet;
import java.util.Map;

/** The voice channel's policies, plan and receipt. Calls settle late, when their duration is known. */
final class VoiceOps implements ChannelOps<VoiceCall, CallReceipt, CallResult> {
    private final Settings settings;

    VoiceOps(Settings settings) {
        this.settings = settings;
    }

    @Override
    public Channel channel() {
        return Channel.VOICE;
    }

    @Override
    public VoiceCall prepare(VoiceCall call) {
        if (call.from().isPresent()) {
            return call;
        }
        if (settings.voiceFrom == null) {
            throw new InvalidMessageException(ErrorCode.INVALID_PHONE, "from",
                    "caller id is missing: set it on the call (from) or configure comms.voice.from", Channel.VOICE);
        }
        return call.withFrom(settings.voiceFrom);
    }

    @Override
    public Plan plan(VoiceCall call) {
        EnumSet<Capability> required = EnumSet.noneOf(Capability.class);
        required.add(call.script().isPresent() ? Capability.VOICE_SCRIPT : Capability.VOICE_TWIML_URL);
        if (!call.menu().isEmpty()) {
            required.add(Capability.VOICE_MENU);
        }
        if (call.statusCallback().isPresent()) {
            required.add(Capability.STATUS_CALLBACK);
        }
        Fingerprint f = new Fingerprint().add("channel", "voice").add("to", call.to().e164())
                .add("from", call.from().map(p -> p.e164()).orElse(null)).add("script", call.script().orElse(null))
                .add("voice", call.voice().providerName()).add("twiml", call.twimlUrl().orElse(null))
                .add("timeout", call.ringTimeout().toSeconds()).add("callback", call.statusCallback().orElse(null))
                .add("menuCallback", call.menuCallback().orElse(null));
        for (Map.Entry<String, String> e : call.menu().entrySet()) {
            f.add("menu:" + e.getKey(), e.getValue());
        }
        return new Plan(Usage.voice(settings.holdMinutes), call.to().region(), null, required, f::sha256,
                call.ringTimeout().plus(settings.maxCallDuration));
    }

    @Override
    public void check(ProviderChannel impl, VoiceCall call) {
        ((VoiceCaller) impl).check(call);
    }

    @Override
    public java.util.List<String> recipients(VoiceCall call) {
        return java.util.List.of(call.to().e164());
    }

    @Override
    public String recipient(VoiceCall call) {
        return call.to().e164();
    }

    @Override
    public String content(VoiceCall call) {
        return call.script().orElseGet(() -> call.twimlUrl().map(Object::toString).orElse(null));
    }

    @Override
    public CallResult call(ProviderChannel impl, VoiceCall call, SendContext context) {
        return ((VoiceCaller) impl).call(call, context);
    }

    @Override
    public Usage actual(VoiceCall call, Plan plan, CallResult result) {
        return plan.estimate();
    }

    @Override
    public boolean settlesLater() {
        return true;
    }

    @Override
    public CallReceipt receipt(ReceiptBase b, VoiceCall call, Plan plan, CallResult r, Billing billing) {
        return new CallReceipt(b.id(), b.account(), b.mode(), b.provider(), r.providerCallId(), DeliveryStatus.QUEUED,
                b.attempts(), billing, b.timestamp(), call.to().e164(), r.status(), plan.estimate().units());
    }
}
