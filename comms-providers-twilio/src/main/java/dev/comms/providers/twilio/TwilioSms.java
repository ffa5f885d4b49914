package dev.comms.providers.twilio;

import com.twilio.base.ResourceSet;
import com.twilio.exception.TwilioException;
import com.twilio.rest.api.v2010.account.Message;
import com.twilio.rest.api.v2010.account.MessageCreator;
import com.twilio.type.PhoneNumber;
import dev.comms.Channel;
import dev.comms.DeliveryStatus;
import dev.comms.ErrorCode;
import dev.comms.InvalidMessageException;
import dev.comms.Sms;
import dev.comms.spi.Capability;
import dev.comms.spi.HttpProviders;
import dev.comms.spi.LookupResult;
import dev.comms.spi.OutcomeLookup;
import dev.comms.spi.SendContext;
import dev.comms.spi.SentQuery;
import dev.comms.spi.SmsResult;
import dev.comms.spi.SmsSender;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * SMS through Twilio's Messages API: from a number, an alphanumeric sender id or a messaging service;
 * the status callback (the message's own, else {@code comms.twilio.status-callback-url}) carries
 * Comms' message id and hold ({@link TwilioWebhooks#correlate}); an ambiguous send is looked up in the
 * Messages list (see {@link #lookup}).
 */
final class TwilioSms implements SmsSender, OutcomeLookup {
    private final TwilioProvider.Connection twilio;
    private final Clock clock;
    private final URI defaultCallback;
    private final AtomicBoolean closed = new AtomicBoolean();

    /**
     * @param defaultCallback the status callback of messages without their own, or null
     */
    TwilioSms(TwilioProvider.Connection twilio, Clock clock, URI defaultCallback) {
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
        return EnumSet.of(Capability.SMS_ALPHANUMERIC_SENDER, Capability.SMS_MESSAGING_SERVICE, Capability.STATUS_CALLBACK);
    }

    @Override
    public void check(Sms sms) {
        if (sms.messagingService().isEmpty() && sms.fromNumber().isEmpty() && sms.senderId().isEmpty()) {
            throw new InvalidMessageException(ErrorCode.INVALID_MESSAGE, "from", "Twilio needs a sender: set from(...) on the "
                    + "message, a messaging service, or comms.sms.from", Channel.SMS);
        }
    }

    @Override
    public SmsResult send(Sms sms, SendContext context) {
        check(sms);
        PhoneNumber to = new PhoneNumber(sms.to().e164());
        MessageCreator creator;
        if (sms.messagingService().isPresent()) {
            creator = Message.creator(to, sms.messagingService().get(), sms.body());
        } else if (sms.fromNumber().isPresent()) {
            creator = Message.creator(to, new PhoneNumber(sms.fromNumber().get().e164()), sms.body());
        } else {
            creator = Message.creator(to, new PhoneNumber(sms.senderId().orElseThrow()), sms.body());
        }
        URI callback = sms.statusCallback().orElse(defaultCallback);
        if (callback != null) {
            creator.setStatusCallback(TwilioWebhooks.correlate(callback, context));
        }
        twilio.http.begin(HttpProviders.attemptTimeout(context, twilio.settings.readTimeout()));
        try {
            Message m = creator.create(twilio.client);
            int segments;
            try {
                segments = m.getNumSegments() == null ? 0 : Integer.parseInt(m.getNumSegments());
            } catch (NumberFormatException e) {
                segments = 0;
            }
            return new SmsResult(m.getSid(), status(m.getStatus()), segments);
        } catch (TwilioException e) {
            throw TwilioErrors.classify(e, twilio.http.exchange(), Channel.SMS, clock.instant(), false);
        } catch (RuntimeException e) {
            throw TwilioErrors.unexpected(e, twilio.http.exchange(), Channel.SMS, false);
        }
    }

    /**
     * Finds the message of an ambiguous send in Twilio's Messages list: filtered by {@code To} only
     * (a {@code DateSent} filter would hide messages Twilio still holds queued, which have no
     * {@code date_sent} yet), then an outbound message whose body matches the query's content hash
     * and whose {@code date_created} lies in {@link TwilioLookups#window}. No match and the window
     * closed: not accepted. At most {@value TwilioLookups#MAX_SCANNED} messages are read (a few GETs).
     */
    @Override
    public LookupResult lookup(SentQuery query) {
        Instant now = clock.instant();
        TwilioLookups.Window w = TwilioLookups.window(query);
        twilio.http.begin(null);
        try {
            ResourceSet<Message> messages = Message.reader().setTo(new PhoneNumber(query.recipient()))
                    .setPageSize((long) TwilioLookups.PAGE_SIZE).read(twilio.client);
            int scanned = 0;
            for (Message m : messages) {
                if (++scanned > TwilioLookups.MAX_SCANNED) {
                    return new LookupResult.Unknown("more than " + TwilioLookups.MAX_SCANNED + " messages to this number at Twilio; "
                            + "not scanned further");
                }
                if (m.getDirection() != Message.Direction.INBOUND && w.contains(m.getDateCreated()) && query.matches(m.getBody())) {
                    return new LookupResult.Accepted(m.getSid());
                }
            }
            return w.closedAt(now) ? new LookupResult.NotAccepted()
                    : new LookupResult.Unknown("no matching message at Twilio yet; asked again until " + w.to());
        } catch (TwilioException e) {
            throw TwilioErrors.classify(e, twilio.http.exchange(), Channel.SMS, now, true);
        } catch (RuntimeException e) {
            throw TwilioErrors.unexpected(e, twilio.http.exchange(), Channel.SMS, true);
        }
    }

    static DeliveryStatus status(Message.Status s) {
        if (s == null) {
            return DeliveryStatus.QUEUED;
        }
        return switch (s) {
            case SENT -> DeliveryStatus.SENT;
            case DELIVERED, READ -> DeliveryStatus.DELIVERED;
            case FAILED, UNDELIVERED, CANCELED -> DeliveryStatus.FAILED;
            default -> DeliveryStatus.QUEUED;
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
        return "TwilioSms[" + twilio + "]";
    }
}
