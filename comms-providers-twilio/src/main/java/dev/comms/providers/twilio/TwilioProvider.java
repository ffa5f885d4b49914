package dev.comms.providers.twilio;

import com.twilio.http.TwilioRestClient;
import dev.comms.Channel;
import dev.comms.CommsConfigurationException;
import dev.comms.spi.CommsProvider;
import dev.comms.spi.ConfigKey;
import dev.comms.spi.HttpProviders;
import dev.comms.spi.ProviderContext;
import dev.comms.spi.SmsSender;
import dev.comms.spi.VoiceCaller;
import dev.comms.spi.WebhookHandler;
import java.net.URI;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Twilio for SMS and voice, id {@value #ID}. Settings: {@code comms.twilio.account-sid},
 * {@code comms.twilio.auth-token} (secret), optional {@code comms.twilio.base-url} (a proxy or a
 * local stub: https, or plain http only to a loopback host; default {@code https://api.twilio.com}),
 * {@code comms.twilio.timeout} (read timeout, default 10 s), {@code comms.twilio.connect-timeout}
 * (default 5 s, also the longest wait for a pooled connection) and
 * {@code comms.twilio.max-connections} (default: the facade's concurrency, at least 64; see
 * {@link HttpProviders#connections}), so a send the facade admitted does not queue for a connection. Environment variables work too:
 * {@code COMMS_TWILIO_ACCOUNT_SID}, {@code COMMS_TWILIO_AUTH_TOKEN}.
 *
 * <p>Webhooks ({@link #webhooks}, verified with the auth token): optional
 * {@code comms.twilio.status-callback-url}, the status callback of every message and call that has
 * none of its own, so delivery events flow without per-message setup; and
 * {@code comms.twilio.webhook-base-url}, the public {@code scheme://host[:port]} Twilio calls when a
 * proxy in front of the application rewrites it (the signature covers the URL Twilio called). Every
 * status callback URL sent carries {@code comms_message_id} and {@code comms_hold} in its query, so
 * each event names its message and credit hold.
 *
 * <p>One {@link TwilioRestClient} per provider instance, shared by its SMS sender and voice caller
 * while they are built from the same settings, and closed when the last of them is closed. It is
 * built with the builder (never {@code Twilio.init}, which is global state) on
 * {@code TwilioHttpClient} (the SDK's {@code NetworkHttpClient} with its retries off), which makes exactly
 * one HTTP request per attempt.
 *
 * <p>Thread-safety: the senders it returns are safe for concurrent use.
 */
public final class TwilioProvider implements CommsProvider {
    /** The provider id. */
    public static final String ID = "twilio";

    static final ConfigKey ACCOUNT_SID = ConfigKey.required("comms.twilio.account-sid", "Twilio account SID (AC...)");
    static final ConfigKey AUTH_TOKEN = ConfigKey.secret("comms.twilio.auth-token", "Twilio auth token");
    static final ConfigKey BASE_URL = ConfigKey.optional("comms.twilio.base-url", "Twilio API base URL (stub, proxy)",
            "https://api.twilio.com");
    static final ConfigKey TIMEOUT = ConfigKey.optional("comms.twilio.timeout", "read timeout per attempt", "10s");
    static final ConfigKey CONNECT_TIMEOUT = ConfigKey.optional("comms.twilio.connect-timeout",
            "connect timeout, also the longest wait for a pooled connection", "5s");
    static final ConfigKey MAX_CONNECTIONS = ConfigKey.optional("comms.twilio.max-connections",
            "HTTP connections to Twilio at once (SMS and voice share them); unset: the larger of 64, comms.async.threads and the "
                    + "SMS and voice concurrency caps", "64");
    /** The smallest default pool. */
    static final int DEFAULT_CONNECTIONS = 64;
    static final ConfigKey STATUS_CALLBACK_URL = ConfigKey.optional("comms.twilio.status-callback-url",
            "status callback URL of messages and calls that have none of their own", null);
    static final ConfigKey WEBHOOK_BASE_URL = ConfigKey.optional("comms.twilio.webhook-base-url",
            "public scheme://host[:port] Twilio calls, when a proxy rewrites it before the application", null);

    /** For ServiceLoader. */
    public TwilioProvider() {
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public Set<Channel> channels() {
        return EnumSet.of(Channel.SMS, Channel.VOICE);
    }

    @Override
    public List<ConfigKey> configKeys() {
        return List.of(ACCOUNT_SID, AUTH_TOKEN, BASE_URL, TIMEOUT, CONNECT_TIMEOUT, MAX_CONNECTIONS, STATUS_CALLBACK_URL,
                WEBHOOK_BASE_URL);
    }

    @Override
    public SmsSender smsSender(ProviderContext context) {
        URI callback = defaultCallback(context);
        return new TwilioSms(connection(context), context.clock(), callback);
    }

    @Override
    public VoiceCaller voiceCaller(ProviderContext context) {
        URI callback = defaultCallback(context);
        return new TwilioVoice(connection(context), context.clock(), callback);
    }

    /**
     * Twilio's status callbacks and inbound SMS, verified with the auth token; empty when no auth
     * token is set.
     *
     * @param context the provider's context
     * @return the handler, or empty without an auth token
     * @throws CommsConfigurationException if {@code comms.twilio.webhook-base-url} is not a scheme://host[:port]
     */
    @Override
    public Optional<WebhookHandler> webhooks(ProviderContext context) {
        Optional<String> token = context.config().get(AUTH_TOKEN.name());
        if (token.isEmpty()) {
            return Optional.empty();
        }
        String base = context.config().get(WEBHOOK_BASE_URL.name()).map(v -> TwilioWebhooks.publicBase(WEBHOOK_BASE_URL.name(), v))
                .orElse(null);
        return Optional.of(new TwilioWebhooks(token.get(), base, context.clock()));
    }

    /** {@code comms.twilio.status-callback-url}, checked, or null. */
    static URI defaultCallback(ProviderContext context) {
        return context.config().get(STATUS_CALLBACK_URL.name()).map(v -> TwilioWebhooks.statusCallback(STATUS_CALLBACK_URL.name(), v))
                .orElse(null);
    }

    private final Object lock = new Object();
    private Connection shared;

    /** The provider's client: the current one when the settings match and it is open, else a new one. */
    Connection connection(ProviderContext context) {
        Settings s = Settings.of(context);
        synchronized (lock) {
            if (shared == null || !shared.settings.equals(s) || !shared.retain()) {
                shared = new Connection(s);
                shared.retain();
            }
            return shared;
        }
    }

    /** The settings a client is built from; the token never appears in {@link #toString()}. */
    record Settings(String accountSid, String authToken, URI base, Duration connectTimeout, Duration readTimeout, int maxConnections) {
        static Settings of(ProviderContext context) {
            String sid = context.config().require(ACCOUNT_SID.name());
            String token = context.config().require(AUTH_TOKEN.name());
            URI base = HttpProviders.baseUrl(context, BASE_URL, TwilioHttpClient.TWILIO.toString());
            int max = HttpProviders.connections(context, MAX_CONNECTIONS, EnumSet.of(Channel.SMS, Channel.VOICE), DEFAULT_CONNECTIONS);
            return new Settings(sid, token, base,
                    context.config().getDuration(CONNECT_TIMEOUT.name(), Duration.ofSeconds(5)),
                    context.config().getDuration(TIMEOUT.name(), Duration.ofSeconds(10)), max);
        }

        @Override
        public String toString() {
            return "Twilio[" + accountSid + ", auth token ****, " + base + "]";
        }
    }

    /** A client, its HTTP layer and how many channels use it. The token stays inside the client. */
    static final class Connection {
        final Settings settings;
        final TwilioRestClient client;
        final TwilioHttpClient http;
        private int users;
        private boolean closed;

        Connection(Settings s) {
            this.settings = s;
            this.http = TwilioHttpClient.create(s.base(), s.connectTimeout(), s.readTimeout(), s.maxConnections());
            this.client = new TwilioRestClient.Builder(s.accountSid(), s.authToken()).accountSid(s.accountSid()).httpClient(http).build();
        }

        synchronized boolean retain() {
            if (closed) {
                return false;
            }
            users++;
            return true;
        }

        synchronized void release() {
            if (!closed && --users <= 0) {
                closed = true;
                http.close();
            }
        }

        @Override
        public String toString() {
            return settings.toString();
        }
    }

    @Override
    public String toString() {
        return "TwilioProvider";
    }
}
