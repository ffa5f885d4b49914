package dev.comms.providers.twilio;

import com.twilio.http.TwilioRestClient;
import dev.comms.Channel;
import dev.comms.spi.CommsProvider;
import dev.comms.spi.ConfigKey;
import dev.comms.spi.ProviderContext;
import dev.comms.spi.SmsSender;
import dev.comms.spi.VoiceCaller;
import java.net.URI;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Twilio for SMS and voice, id {@value #ID}. Settings: {@code comms.twilio.account-sid},
 * {@code comms.twilio.auth-token} (secret), optional {@code comms.twilio.base-url} (a stub or an
 * edge; default {@code https://api.twilio.com}), {@code comms.twilio.timeout} (read timeout, default
 * 10 s) and {@code comms.twilio.connect-timeout} (default 5 s). Environment variables work too:
 * {@code COMMS_TWILIO_ACCOUNT_SID}, {@code COMMS_TWILIO_AUTH_TOKEN}.
 *
 * <p>Each channel gets its own {@link TwilioRestClient}, built with the builder (never
 * {@code Twilio.init}, which is global state) on {@link StubbableHttpClient}, which makes exactly one
 * HTTP request per attempt.
 */
public final class TwilioProvider implements CommsProvider {
    /** The provider id. */
    public static final String ID = "twilio";

    static final ConfigKey ACCOUNT_SID = ConfigKey.required("comms.twilio.account-sid", "Twilio account SID (AC...)");
    static final ConfigKey AUTH_TOKEN = ConfigKey.secret("comms.twilio.auth-token", "Twilio auth token");
    static final ConfigKey BASE_URL = ConfigKey.optional("comms.twilio.base-url", "Twilio API base URL (stub, edge)",
            "https://api.twilio.com");
    static final ConfigKey TIMEOUT = ConfigKey.optional("comms.twilio.timeout", "read timeout per attempt", "10s");
    static final ConfigKey CONNECT_TIMEOUT = ConfigKey.optional("comms.twilio.connect-timeout", "connect timeout", "5s");

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
        return List.of(ACCOUNT_SID, AUTH_TOKEN, BASE_URL, TIMEOUT, CONNECT_TIMEOUT);
    }

    @Override
    public SmsSender smsSender(ProviderContext context) {
        return new TwilioSms(connect(context), context.clock());
    }

    @Override
    public VoiceCaller voiceCaller(ProviderContext context) {
        return new TwilioVoice(connect(context), context.clock());
    }

    static Connection connect(ProviderContext context) {
        String sid = context.config().require(ACCOUNT_SID.name());
        String token = context.config().require(AUTH_TOKEN.name());
        URI base = URI.create(context.config().get(BASE_URL.name()).orElse("https://api.twilio.com"));
        Duration read = context.config().getDuration(TIMEOUT.name(), Duration.ofSeconds(10));
        Duration connect = context.config().getDuration(CONNECT_TIMEOUT.name(), Duration.ofSeconds(5));
        StubbableHttpClient http = new StubbableHttpClient(base, connect, read, "comms-java twilio-java/13");
        TwilioRestClient client = new TwilioRestClient.Builder(sid, token).accountSid(sid).httpClient(http).build();
        return new Connection(client, http, sid);
    }

    /** A client and its HTTP layer. The account SID is not secret; the token stays inside the client. */
    record Connection(TwilioRestClient client, StubbableHttpClient http, String accountSid) {
        @Override
        public String toString() {
            return "Twilio[" + accountSid + ", auth token ****]";
        }
    }

    @Override
    public String toString() {
        return "TwilioProvider";
    }
}
