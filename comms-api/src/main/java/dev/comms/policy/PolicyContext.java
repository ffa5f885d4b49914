package dev.comms.policy;

import dev.comms.Channel;
import dev.comms.Mode;
import dev.comms.Phone;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a {@link SendPolicy} sees of one send: who it goes to, for whom, when.
 *
 * @param channel the channel
 * @param account the account
 * @param mode live or test
 * @param message the validated message ({@code Sms}, {@code Email}, {@code VoiceCall} or {@code ChatRequest})
 * @param recipients every recipient, normalised: E.164 numbers, lower-case email addresses (to, cc and bcc)
 * @param phones the recipients that are phone numbers, for policies that need their region or zone
 * @param now the facade's clock now
 * @param recipientZone the recipient's time zone when the caller gave it ({@code SendOptions.withRecipientZone})
 */
public record PolicyContext(Channel channel, String account, Mode mode, Object message, List<String> recipients, List<Phone> phones,
        Instant now, Optional<ZoneId> recipientZone) {
    /**
     * Checks and copies the components.
     *
     * @param channel the channel
     * @param account the account
     * @param mode live or test
     * @param message the message
     * @param recipients the recipients
     * @param phones the phone recipients
     * @param now now
     * @param recipientZone the zone the caller gave
     */
    public PolicyContext {
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(message, "message");
        recipients = List.copyOf(recipients);
        phones = List.copyOf(phones);
        Objects.requireNonNull(now, "now");
        Objects.requireNonNull(recipientZone, "recipientZone");
    }
}
