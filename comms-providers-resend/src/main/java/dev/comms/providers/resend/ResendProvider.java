package dev.comms.providers.resend;

import com.resend.core.net.IHttpClient;
import com.resend.core.service.BaseService;
import com.resend.services.batch.Batch;
import com.resend.services.emails.Emails;
import dev.comms.Channel;
import dev.comms.spi.CommsProvider;
import dev.comms.spi.ConfigKey;
import dev.comms.spi.EmailSender;
import dev.comms.spi.ProviderContext;
import java.lang.reflect.Field;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

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
        ResendHttp http = new ResendHttp(context.config().get(BASE_URL.name()).orElse("https://api.resend.com"),
                context.config().getDuration(CONNECT_TIMEOUT.name(), Duration.ofSeconds(5)),
                context.config().getDuration(TIMEOUT.name(), Duration.ofSeconds(10)), "comms-java resend-java/4");
        return new ResendEmail(inject(new Emails(key), http), inject(new Batch(key), http), http, context.clock());
    }

    /**
     * Points an SDK service at our HTTP client. The SDK offers no public way (its base URL is a
     * constant), so the service's {@code httpClient} field is set; if a new SDK version renames it,
     * this fails at build time of the facade with a message, and a test covers it.
     */
    static <S extends BaseService> S inject(S service, IHttpClient<String> http) {
        try {
            Field f = BaseService.class.getDeclaredField("httpClient");
            f.setAccessible(true);
            f.set(service, http);
            return service;
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IllegalStateException("comms-providers-resend cannot configure resend-java service " + (service == null ? null : service.getClass().getSimpleName())
                    + ": the SDK's BaseService.httpClient field changed (" + e + "). Use the resend-java version pinned by Comms.", e);
        }
    }

    @Override
    public String toString() {
        return "ResendProvider";
    }
}
