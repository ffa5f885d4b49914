package dev.comms.providers.resend;

import com.resend.core.SdkVersion;
import com.resend.core.net.IHttpClient;
import com.resend.core.service.BaseService;
import com.resend.services.batch.Batch;
import com.resend.services.emails.Emails;
import dev.comms.Channel;
import dev.comms.spi.CommsProvider;
import dev.comms.spi.ConfigKey;
import dev.comms.spi.EmailSender;
import dev.comms.spi.HttpProviders;
import dev.comms.spi.ProviderContext;
import dev.comms.spi.WebhookHandler;
import java.lang.reflect.Constructor;
import java.net.URI;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Resend for email, id {@value #ID}. Settings: {@code comms.resend.api-key} (secret), optional
 * {@code comms.resend.base-url} (default {@code https://api.resend.com}; https, or plain http only to
 * a loopback host), {@code comms.resend.timeout} (read timeout, default 10 s, capped per attempt by
 * the attempt's own timeout), {@code comms.resend.connect-timeout} (default 5 s), and for webhooks
 * {@code comms.resend.webhook-secret} (secret: the endpoint's signing secret, {@code whsec_...}; see
 * {@link #webhooks}).
 *
 * <p>OkHttp does not cap synchronous calls, so no send waits for a connection; its pool keeps up to
 * {@link HttpProviders#concurrency} idle connections for 5 minutes (OkHttp's default keeps 5), so a
 * burst of concurrent sends reuses its connections instead of opening new ones.
 */
public final class ResendProvider implements CommsProvider {
    /** The provider id. */
    public static final String ID = "resend";

    static final ConfigKey API_KEY = ConfigKey.secret("comms.resend.api-key", "Resend API key (re_...)");
    static final ConfigKey BASE_URL = ConfigKey.optional("comms.resend.base-url", "Resend API base URL", "https://api.resend.com");
    static final ConfigKey TIMEOUT = ConfigKey.optional("comms.resend.timeout", "read timeout per attempt", "10s");
    static final ConfigKey CONNECT_TIMEOUT = ConfigKey.optional("comms.resend.connect-timeout", "connect timeout", "5s");
    static final ConfigKey WEBHOOK_SECRET = ConfigKey.optionalSecret("comms.resend.webhook-secret",
            "signing secret of the Resend webhook (whsec_...)");

    /** For ServiceLoader. */
    public ResendProvider() {
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
        return List.of(API_KEY, BASE_URL, TIMEOUT, CONNECT_TIMEOUT, WEBHOOK_SECRET);
    }

    @Override
    public EmailSender emailSender(ProviderContext context) {
        String key = context.config().require(API_KEY.name());
        URI base = HttpProviders.baseUrl(context, BASE_URL, "https://api.resend.com");
        Duration timeout = context.config().getDuration(TIMEOUT.name(), Duration.ofSeconds(10));
        ResendHttp http = new ResendHttp(base.toString(), context.config().getDuration(CONNECT_TIMEOUT.name(), Duration.ofSeconds(5)),
                timeout, HttpProviders.concurrency(context, EnumSet.of(Channel.EMAIL)), "comms-java resend-java/" + SdkVersion.getVersion());
        return new ResendEmail(create(Emails.class, key, http), create(Batch.class, key, http), http, context.clock(), timeout);
    }

    /**
     * Builds an SDK service on our HTTP client. resend-java 4.23.0 offers no public way: its base URL
     * is the constant {@code HttpClient.BASE_API}, read by no setting or environment variable;
     * {@code Resend} has only a {@code (String apiKey)} constructor; {@code Emails} is final and its
     * {@code (String, IHttpClient)} constructor package-private, as is {@code Batch}'s; the one
     * protected constructor, {@code BaseService(String, IHttpClient)}, serves only subclasses that
     * would re-implement the SDK's send. So the package-private constructor is called reflectively
     * (resend-java is an automatic module, its packages open to reflection). Using the constructor
     * avoids writing a final field (which later JDKs restrict). If a new SDK version removes it, this
     * fails with a message naming the SDK, and a test covers it.
     */
    static <S extends BaseService> S create(Class<S> type, String apiKey, IHttpClient<String> http) {
        try {
            Constructor<S> c = type.getDeclaredConstructor(String.class, IHttpClient.class);
            c.setAccessible(true);
            return c.newInstance(apiKey, http);
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IllegalStateException("comms-providers-resend cannot point resend-java's " + type.getSimpleName()
                    + " at its own HTTP client: the SDK no longer has the package-private constructor " + type.getSimpleName()
                    + "(String, IHttpClient) (" + e.getClass().getSimpleName() + ", found resend-java " + SdkVersion.getVersion()
                    + "). Use the resend-java version pinned by Comms' parent POM.", e);
        }
    }

    /**
     * Resend's webhooks (Svix-signed), verified with {@code comms.resend.webhook-secret}; empty when
     * that secret is not set.
     *
     * @param context the provider's context
     * @return the handler, or empty without a signing secret
     * @throws dev.comms.CommsConfigurationException if the secret is not {@code whsec_} and Base64
     */
    @Override
    public Optional<WebhookHandler> webhooks(ProviderContext context) {
        return context.config().get(WEBHOOK_SECRET.name()).map(v -> ResendWebhooks.of(WEBHOOK_SECRET.name(), v, context.clock()));
    }

    @Override
    public String toString() {
        return "ResendProvider";
    }
}
