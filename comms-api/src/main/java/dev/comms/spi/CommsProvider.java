package dev.comms.spi;

import dev.comms.Channel;
import java.util.List;
import java.util.Set;

/**
 * The entry point of a provider module, found by {@link java.util.ServiceLoader}: register the
 * implementation both in {@code META-INF/services/dev.comms.spi.CommsProvider} and with
 * {@code provides dev.comms.spi.CommsProvider with ...} in {@code module-info.java}.
 *
 * <pre>{@code
 * public final class TwilioProvider implements CommsProvider {
 *     public String id() { return "twilio"; }
 *     public Set<Channel> channels() { return EnumSet.of(Channel.SMS, Channel.VOICE); }
 *     public List<ConfigKey> configKeys() { return List.of(ConfigKey.required("comms.twilio.account-sid", "..."), ...); }
 *     public SmsSender smsSender(ProviderContext context) { return new TwilioSmsSender(context); }
 * }
 * }</pre>
 *
 * <p>The class needs a public no-argument constructor that does no work: clients are built in the
 * channel factory methods, which the facade calls once per facade for each channel it routes to
 * the provider. Thread-safety: the factory methods are called from one thread while the facade is
 * built; what they return must be thread-safe.
 */
public interface CommsProvider {
    /**
     * @return a short lower-case id, unique among providers ({@code twilio}, {@code resend}, {@code fake})
     */
    String id();

    /**
     * @return the provider module's version, for {@code version()} and diagnostics
     */
    default String version() {
        Package p = getClass().getPackage();
        String v = p == null ? null : p.getImplementationVersion();
        return v == null ? "unknown" : v;
    }

    /** @return the channels this provider serves */
    Set<Channel> channels();

    /**
     * Whether this is a sandbox (the testkit's fakes): sandbox providers serve test mode, and serve
     * live sends only when chosen explicitly.
     *
     * @return true for a sandbox provider
     */
    default boolean sandbox() {
        return false;
    }

    /**
     * The keys this provider reads. A provider none of whose required keys are set counts as not
     * configured and is left out of discovery; one with some but not all is a configuration error.
     *
     * @return the keys; empty if it needs no configuration
     */
    default List<ConfigKey> configKeys() {
        return List.of();
    }

    /**
     * @param context configuration and clock
     * @return the email sender
     * @throws UnsupportedOperationException if {@link #channels()} lacks email
     */
    default EmailSender emailSender(ProviderContext context) {
        throw new UnsupportedOperationException(id() + " does not send email");
    }

    /**
     * @param context configuration and clock
     * @return the SMS sender
     * @throws UnsupportedOperationException if {@link #channels()} lacks SMS
     */
    default SmsSender smsSender(ProviderContext context) {
        throw new UnsupportedOperationException(id() + " does not send SMS");
    }

    /**
     * @param context configuration and clock
     * @return the voice caller
     * @throws UnsupportedOperationException if {@link #channels()} lacks voice
     */
    default VoiceCaller voiceCaller(ProviderContext context) {
        throw new UnsupportedOperationException(id() + " does not place calls");
    }

    /**
     * @param context configuration and clock
     * @return the chat completer
     * @throws UnsupportedOperationException if {@link #channels()} lacks AI
     */
    default ChatCompleter chatCompleter(ProviderContext context) {
        throw new UnsupportedOperationException(id() + " does not complete AI chats");
    }

    /**
     * The provider's webhooks (verification and parsing), when it has any and its settings allow
     * verifying them (a signing secret or key).
     *
     * @param context the provider's context
     * @return the handler, or empty
     */
    default java.util.Optional<WebhookHandler> webhooks(ProviderContext context) {
        return java.util.Optional.empty();
    }
}
