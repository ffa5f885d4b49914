package dev.comms.benchmarks;

import dev.comms.Channel;
import dev.comms.DeliveryStatus;
import dev.comms.Sms;
import dev.comms.spi.Capability;
import dev.comms.spi.CommsProvider;
import dev.comms.spi.ProviderContext;
import dev.comms.spi.SendContext;
import dev.comms.spi.SmsResult;
import dev.comms.spi.SmsSender;
import java.util.EnumSet;
import java.util.Set;

/** A provider that accepts every SMS at once: what remains of a send is the facade's own overhead. */
public final class NoopSms implements CommsProvider, SmsSender {
    private static final SmsResult OK = new SmsResult("SM0", DeliveryStatus.QUEUED, 1);

    @Override
    public String id() {
        return "noop";
    }

    @Override
    public Set<Channel> channels() {
        return EnumSet.of(Channel.SMS);
    }

    @Override
    public Set<Capability> capabilities() {
        return EnumSet.allOf(Capability.class);
    }

    @Override
    public SmsSender smsSender(ProviderContext context) {
        return this;
    }

    @Override
    public SmsResult send(Sms sms, SendContext context) {
        return OK;
    }
}
