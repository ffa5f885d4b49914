package dev.comms.testkit;

import dev.comms.Channel;
import dev.comms.CommsConfigurationException;
import dev.comms.spi.ChatCompleter;
import dev.comms.spi.CommsProvider;
import dev.comms.spi.ConfigKey;
import dev.comms.spi.EmailSender;
import dev.comms.spi.ProviderContext;
import dev.comms.spi.SmsSender;
import dev.comms.spi.VoiceCaller;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The fake provider, id {@value #ID}: every channel, no credentials, nothing leaves the process.
 *
 * <p>It is a sandbox provider, so on the class path it serves {@code Mode.TEST} (the CLI's default
 * and the hosted API's test keys) and never live sends unless chosen explicitly or added in code.
 * Add an instance in code to inspect its outboxes:
 *
 * <pre>{@code
 * FakeProvider fake = new FakeProvider();
 * Comms comms = Comms.builder().autoDiscovery(false).provider(fake).build();
 * comms.sms().send(Sms.to("+447123456789").body("Hi").from("Acme").build());
 * assertThat(fake.sms()).hasSent(1).lastTo("+447123456789");
 * }</pre>
 *
 * <p>The facade's channel implementations are this provider's own four fakes, shared by every
 * facade built with it, so a test sees every message whichever account or mode sent it.
 */
public final class FakeProvider implements CommsProvider {
    /** The provider id. */
    public static final String ID = "fake";

    private final FakeSms sms = new FakeSms();
    private final FakeEmail email = new FakeEmail();
    private final FakeVoice voice = new FakeVoice();
    private final FakeAi ai = new FakeAi();

    /** A fresh fake with empty outboxes (also the ServiceLoader constructor). */
    public FakeProvider() {
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public Set<Channel> channels() {
        return EnumSet.allOf(Channel.class);
    }

    @Override
    public boolean sandbox() {
        return true;
    }

    @Override
    public EmailSender emailSender(ProviderContext context) {
        configure(email, context);
        return email;
    }

    @Override
    public SmsSender smsSender(ProviderContext context) {
        configure(sms, context);
        return sms;
    }

    @Override
    public VoiceCaller voiceCaller(ProviderContext context) {
        configure(voice, context);
        return voice;
    }

    @Override
    public ChatCompleter chatCompleter(ProviderContext context) {
        configure(ai, context);
        return ai;
    }

    /** The secret the fake provider's synthetic webhooks are signed and checked with. */
    static final ConfigKey WEBHOOK_SECRET = ConfigKey.optionalSecret("comms.fake.webhook-secret", "the secret the fakes sign synthetic webhooks with (FakeWebhooks.SECRET by default)");

    /** The setting that bounds each fake's outbox (and remembered keys) when the fake runs as the sandbox. */
    static final ConfigKey OUTBOX_SIZE = ConfigKey.optional("comms.fake.outbox-size",
            "messages (and idempotency keys) each fake channel keeps, oldest dropped first", Integer.toString(FakeChannel.DEFAULT_LIMIT));

    @Override
    public List<ConfigKey> configKeys() {
        return List.of(OUTBOX_SIZE, WEBHOOK_SECRET);
    }

    private static void configure(FakeChannel<?, ?> channel, ProviderContext context) {
        channel.clock(context.clock());
        context.config().get(OUTBOX_SIZE.name()).ifPresent(v -> {
            try {
                channel.limit(Integer.parseInt(v.strip()));
            } catch (IllegalArgumentException e) {
                throw new CommsConfigurationException("'" + OUTBOX_SIZE.name() + "' must be a whole number of at least 1 (got '" + v + "')");
            }
        });
    }

    private volatile FakeWebhooks webhooks = new FakeWebhooks(java.time.Clock.systemUTC(), FakeWebhooks.SECRET);

    @Override
    public java.util.Optional<dev.comms.spi.WebhookHandler> webhooks(dev.comms.spi.ProviderContext context) {
        String secret = context.config().get(WEBHOOK_SECRET.name()).orElse(FakeWebhooks.SECRET);
        this.webhooks = new FakeWebhooks(context.clock(), secret);
        return java.util.Optional.of(new FakeWebhooks.Handler(secret));
    }

    /** @return signed synthetic webhooks for this fake's sends, on the facade's clock */
    public FakeWebhooks webhooks() {
        return webhooks;
    }

    /** @return the fake SMS outbox and script */
    public FakeSms sms() {
        return sms;
    }

    /** @return the fake email outbox and script */
    public FakeEmail email() {
        return email;
    }

    /** @return the fake voice outbox and script */
    public FakeVoice voice() {
        return voice;
    }

    /** @return the fake AI outbox and script */
    public FakeAi ai() {
        return ai;
    }

    /** Empties every outbox and script. */
    public void reset() {
        sms.reset();
        email.reset();
        voice.reset();
        ai.reset();
    }

    @Override
    public String toString() {
        return "FakeProvider[" + sms + ", " + email + ", " + voice + ", " + ai + "]";
    }
}
