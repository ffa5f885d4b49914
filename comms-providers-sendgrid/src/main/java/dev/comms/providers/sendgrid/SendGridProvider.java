package dev.comms.providers.sendgrid;

import com.sendgrid.Client;
import com.sendgrid.SendGrid;
import dev.comms.Channel;
import dev.comms.spi.CommsProvider;
import dev.comms.spi.ConfigKey;
import dev.comms.spi.EmailSender;
import dev.comms.spi.ProviderContext;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.apache.http.client.config.RequestConfig;
import org.apache.http.impl.client.CloseableHttpClient;
import org.apache.http.impl.client.HttpClientBuilder;

/**
 * SendGrid for email, id {@value #ID}. Settings: {@code comms.sendgrid.api-key} (secret), optional
 * {@code comms.sendgrid.base-url} (scheme and host, default {@code https://api.sendgrid.com}),
 * {@code comms.sendgrid.timeout} (read timeout, default 10 s), {@code comms.sendgrid.connect-timeout}
 * (default 5 s).
 */
public final class SendGridProvider implements CommsProvider {
    /** The provider id. */
    public static final String ID = "sendgrid";

    static final ConfigKey API_KEY = ConfigKey.secret("comms.sendgrid.api-key", "SendGrid API key (SG....)");
    static final ConfigKey BASE_URL = ConfigKey.optional("comms.sendgrid.base-url", "SendGrid API scheme and host",
            "https://api.sendgrid.com");
    static final ConfigKey TIMEOUT = ConfigKey.optional("comms.sendgrid.timeout", "read timeout per attempt", "10s");
    static final ConfigKey CONNECT_TIMEOUT = ConfigKey.optional("comms.sendgrid.connect-timeout", "connect timeout", "5s");

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
        return List.of(API_KEY, BASE_URL, TIMEOUT, CONNECT_TIMEOUT);
    }

    @Override
    public EmailSender emailSender(ProviderContext context) {
        String key = context.config().require(API_KEY.name());
        URI base;
        try {
            base = new URI(context.config().get(BASE_URL.name()).orElse("https://api.sendgrid.com"));
        } catch (URISyntaxException e) {
            throw new dev.comms.CommsConfigurationException("comms.sendgrid.base-url is not a URL: " + e.getMessage());
        }
        if (base.getRawUserInfo() != null) {
            throw new dev.comms.CommsConfigurationException("comms.sendgrid.base-url must not carry credentials (user info)");
        }
        // the SDK takes a host and always calls /v3/...: a path or query here would be dropped silently
        boolean bare = base.getRawPath() == null || base.getRawPath().isEmpty() || base.getRawPath().equals("/");
        if (base.getHost() == null || base.getScheme() == null || !(base.getScheme().equals("https") || base.getScheme().equals("http"))
                || !bare || base.getRawQuery() != null) {
            throw new dev.comms.CommsConfigurationException("comms.sendgrid.base-url must be http(s)://host[:port], not " + base);
        }
        int read = (int) context.config().getDuration(TIMEOUT.name(), Duration.ofSeconds(10)).toMillis();
        int connect = (int) context.config().getDuration(CONNECT_TIMEOUT.name(), Duration.ofSeconds(5)).toMillis();
        // SendGrid's default client has no timeouts at all: set ours, and no automatic retries.
        CloseableHttpClient http = HttpClientBuilder.create().disableAutomaticRetries().disableRedirectHandling()
                .setDefaultRequestConfig(RequestConfig.custom().setConnectTimeout(connect).setSocketTimeout(read)
                        .setConnectionRequestTimeout(connect).build())
                .setMaxConnTotal(64).setMaxConnPerRoute(64).build();
        boolean plainHttp = base.getScheme().equals("http");
        SendGrid sg = new SendGrid(key, new Client(http, plainHttp));
        sg.setHost(base.getRawAuthority());
        return new SendGridEmail(sg, http, context.clock());
    }

    @Override
    public String toString() {
        return "SendGridProvider";
    }
}
