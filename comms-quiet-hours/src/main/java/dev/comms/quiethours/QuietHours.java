package dev.comms.quiethours;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberToTimeZonesMapper;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber;
import dev.comms.Channel;
import dev.comms.ErrorCode;
import dev.comms.Phone;
import dev.comms.policy.PolicyContext;
import dev.comms.policy.PolicyRefusedException;
import dev.comms.policy.SendPolicy;
import java.time.DateTimeException;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Refuses SMS and calls whose recipient's local time is inside quiet hours (for example 21:00 to
 * 08:00), with {@code QUIET_HOURS}, before anything is held or sent. The recipient's time zones come
 * from libphonenumber's time zone map (artifact {@code geocoder}); a number whose country spans several
 * zones (the US, Canada, Australia, Russia) is in quiet hours if <em>any</em> of its zones is, unless
 * the caller names the zone ({@code SendOptions.withRecipientZone}). A number the map cannot place is
 * not refused. Deferring a send to the morning needs a durable scheduler and is not done here: the
 * caller gets the refusal and decides.
 *
 * <pre>{@code
 * Comms comms = Comms.builder().policy(QuietHours.between(LocalTime.of(21, 0), LocalTime.of(8, 0))).build();
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class QuietHours implements SendPolicy {
    private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();

    private final LocalTime start;
    private final LocalTime end;
    private final Set<Channel> channels;

    private QuietHours(LocalTime start, LocalTime end, Set<Channel> channels) {
        this.start = Objects.requireNonNull(start, "start");
        this.end = Objects.requireNonNull(end, "end");
        if (start.equals(end)) {
            throw new IllegalArgumentException("quiet hours need a start and an end that differ");
        }
        this.channels = Set.copyOf(channels);
    }

    /**
     * Quiet hours for SMS and voice.
     *
     * @param start when they begin, local time (inclusive)
     * @param end when they end, local time (exclusive); may be earlier than start (across midnight)
     * @return the policy
     */
    public static QuietHours between(LocalTime start, LocalTime end) {
        return new QuietHours(start, end, EnumSet.of(Channel.SMS, Channel.VOICE));
    }

    /**
     * @param channels the channels it applies to
     * @return a copy for those channels
     */
    public QuietHours on(Channel... channels) {
        return new QuietHours(start, end, channels.length == 0 ? Set.of() : EnumSet.of(channels[0], channels));
    }

    boolean quiet(LocalTime t) {
        return start.isBefore(end) ? !t.isBefore(start) && t.isBefore(end) : !t.isBefore(start) || t.isBefore(end);
    }

    /**
     * @param phone a number
     * @return the time zones libphonenumber places it in (empty when unknown)
     */
    static List<ZoneId> zones(Phone phone) {
        List<ZoneId> out = new ArrayList<>();
        try {
            Phonenumber.PhoneNumber n = UTIL.parse(phone.e164(), null);
            for (String id : PhoneNumberToTimeZonesMapper.getInstance().getTimeZonesForNumber(n)) {
                if (!id.equals(PhoneNumberToTimeZonesMapper.getUnknownTimeZone())) {
                    try {
                        out.add(ZoneId.of(id));
                    } catch (DateTimeException unknownToTheJdk) {
                        // skip a zone this JDK does not know
                    }
                }
            }
        } catch (NumberParseException e) {
            // an E.164 number always parses; nothing to place otherwise
        }
        return out;
    }

    @Override
    public void check(PolicyContext c) {
        if (!channels.contains(c.channel())) {
            return;
        }
        for (Phone p : c.phones()) {
            List<ZoneId> zones = c.recipientZone().map(List::of).orElseGet(() -> zones(p));
            for (ZoneId z : zones) {
                LocalTime local = c.now().atZone(z).toLocalTime();
                if (quiet(local)) {
                    throw new PolicyRefusedException(ErrorCode.QUIET_HOURS, name(), "It is " + local.withNano(0) + " for recipient "
                            + p.masked() + " (" + z + "), inside quiet hours " + start + " to " + end + ": nothing was sent; send after "
                            + end + " local time" + (zones.size() > 1 ? ", or name the recipient's zone with SendOptions.withRecipientZone"
                            : ""), c.channel());
                }
            }
        }
    }

    @Override
    public String toString() {
        return "QuietHours[" + start + "-" + end + " on " + channels + "]";
    }
}
