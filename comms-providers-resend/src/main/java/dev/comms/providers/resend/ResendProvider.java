package dev.comms.providers.resend;

import com.resend.core.SdkVersion;
import com.resend.core.net.IHttpClient;
import com.resend.core.service.BaseService;
import com.resend.services.batch.Batch;
import com.resend.services.emails.Emails;
import dev.comms.Channel;
import dev.comms.CommsConfigurationException;
import dev.comms.spi.CommsProvider;
import dev.comms.spi.ConfigKey;
import dev.comms.spi.EmailSender;
import dev.comms.spi.ProviderContext;
import java.lang.reflect.Constructor;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import okhttp3.HttpUrl;

/**
 * Resend for email, id {@value #ID}. Settings: {@code comms.resend.api-key} (secret), optional
 * {@code comms.resend.base-url} (default {@code https://api.resend.com}), {@code comms.resend.timeout}
 * (read timeout, default 10 s), {@code comms.resend.connect-timeout} (default 5 s).
 */
public final class ResendProvider implements CommsProvider {
    /** The provider id. */
    public static final String ID = "resend";

    static final ConfigKey API_KEY = ConfigKey.secret("comms.resend.api-key", "Resend API key (re_...)");
    static final ConfigKey BASE_URL = ConfigKey.optional("comms.resend.base-url", "Resend API base URL", "https://api.resend.com");
    static final ConfigKey TIMEOUT = ConfigKey.optional("comms.resend.timeout", "read timeout per attempt", "10s");
    static final ConfigKey CONNECT_TIMEOUT = ConfigKey.optional("comms.resend.connect-timeout", "connect timeout", "5s");

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
        return List.of(API_KEY, BASE_URL, TIMEOUT, CONNECT_TIMEOUT);
    }

    @Override
    public EmailSender emailSender(ProviderContext context) {
        String key = context.config().require(API_KEY.name());
        String base = context.config().get(BASE_URL.name()).orElse("https://api.resend.com");
        if (HttpUrl.parse(base) == null) {
            throw new CommsConfigurationException(BASE_URL.name() + " must be an http(s) URL, not " + base);
        }
        ResendHttp http = new ResendHttp(base,
                context.config().getDuration(CONNECT_TIMEOUT.name(), Duration.ofSeconds(5)),
                context.config().getDuration(TIMEOUT.name(), Duration.ofSeconds(10)), "comms-java resend-java/" + SdkVersion.getVersion());
        return new ResendEmail(create(Emails.class, key, http), create(Batch.class, key, http), http, context.clock());
    }

    /**
     * Builds an SDK service on our HTTP client. The SDK offers no public way (its base URL is a
     * constant), so its package-private {@code (String apiKey, IHttpClient)} constructor is called;
     * resend-java is an automatic module, so its packages are open to reflection. Using the
     * constructor avoids writing a final field (which later JDKs restrict). If a new SDK version
     * removes that constructor, this fails with a message naming the SDK, and a test covers it.
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

    @Override
    public String toString() {
        return "ResendProvider";
    }
}
