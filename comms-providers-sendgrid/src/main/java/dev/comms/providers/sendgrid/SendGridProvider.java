package dev.comms.providers.sendgrid;

import com.sendgrid.Client;
import com.sendgrid.SendGrid;
import dev.comms.Channel;
import dev.comms.CommsConfigurationException;
import dev.comms.spi.CommsProvider;
import dev.comms.spi.ConfigKey;
import dev.comms.spi.EmailSender;
import dev.comms.spi.HttpProviders;
import dev.comms.spi.ProviderContext;
import dev.comms.spi.WebhookHandler;
import java.net.URI;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * SendGrid for email, id {@value #ID}. Settings: {@code comms.sendgrid.api-key} (secret), optional
 * {@code comms.sendgrid.base-url} (scheme, host and port, default {@code https://api.sendgrid.com};
 * https, or plain http only to a loopback host), {@code comms.sendgrid.timeout} (read timeout,
 * default 10 s, capped per attempt by the attempt's own timeout),
 * {@code comms.sendgrid.connect-timeout} (default 5 s, also the longest wait for a pooled
 * connection), {@code comms.sendgrid.max-connections} (default: the facade's concurrency, at least
 * 64; see {@link HttpProviders#connections}), and for the signed event webhook
 * {@code comms.sendgrid.webhook-public-key} (its verification key, Base64 X.509; see {@link #webhooks}).
 */
public final class SendGridProvider implements CommsProvider {
    /** The provider id. */
    public static final String ID = "sendgrid";

    static final ConfigKey API_KEY = ConfigKey.secret("comms.sendgrid.api-key", "SendGrid API key (SG....)");
    static final ConfigKey BASE_URL = ConfigKey.optional("comms.sendgrid.base-url", "SendGrid API scheme and host",
            "https://api.sendgrid.com");
    static final ConfigKey TIMEOUT = ConfigKey.optional("comms.sendgrid.timeout", "read timeout per attempt", "10s");
    static final ConfigKey CONNECT_TIMEOUT = ConfigKey.optional("comms.sendgrid.connect-timeout",
            "connect timeout, also the longest wait for a pooled connection", "5s");
    static final ConfigKey MAX_CONNECTIONS = ConfigKey.optional("comms.sendgrid.max-connections", "HTTP connections to SendGrid at once; unset: the "
            + "larger of 64, comms.async.threads and the email concurrency caps", "64");
    static final ConfigKey WEBHOOK_PUBLIC_KEY = ConfigKey.optional("comms.sendgrid.webhook-public-key",
            "verification key of the signed event webhook (Base64 X.509, P-256)", null);

    /** For ServiceLoader. */
    public SendGridProvider() {
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public Set<Channel> channels() {
        return EnumSet.of(Channel.EMAIL);
    }

    @Override
    public List<ConfigKey> configKeys() {
        return List.of(API_KEY, BASE_URL, TIMEOUT, CONNECT_TIMEOUT, MAX_CONNECTIONS, WEBHOOK_PUBLIC_KEY);
    }

    @Override
    public EmailSender emailSender(ProviderContext context) {
        String key = context.config().require(API_KEY.name());
        URI base = HttpProviders.baseUrl(context, BASE_URL, "https://api.sendgrid.com");
        // the SDK takes a host and always calls /v3/...: a path here would be dropped silently
        if (base.getRawPath() != null && !base.getRawPath().isEmpty()) {
            throw new CommsConfigurationException("'" + BASE_URL.name() + "' must be scheme, host and port only (SendGrid's SDK adds "
                    + "/v3/... itself), not " + base);
        }
        int max = HttpProviders.connections(context, MAX_CONNECTIONS, EnumSet.of(Channel.EMAIL), 64);
        Duration timeout = context.config().getDuration(TIMEOUT.name(), Duration.ofSeconds(10));
        SendGridHttp http = new SendGridHttp(context.config().getDuration(CONNECT_TIMEOUT.name(), Duration.ofSeconds(5)), timeout, max);
        SendGrid sg = new SendGrid(key, new Client(http.client(), base.getScheme().equals("http")));
        sg.setHost(base.getRawAuthority());
        return new SendGridEmail(sg, http, context.clock(), timeout);
    }

    /**
     * SendGrid's signed event webhook, verified with {@code comms.sendgrid.webhook-public-key}; empty
     * when that key is not set.
     *
     * @param context the provider's context
     * @return the handler, or empty without a verification key
     * @throws CommsConfigurationException if the key is not a Base64 X.509 P-256 public key
     */
    @Override
    public Optional<WebhookHandler> webhooks(ProviderContext context) {
        return context.config().get(WEBHOOK_PUBLIC_KEY.name())
                .map(v -> new SendGridWebhooks(SendGridWebhooks.publicKey(WEBHOOK_PUBLIC_KEY.name(), v), context.clock()));
    }

    @Override
    public String toString() {
        return "SendGridProvider";
    }
}
