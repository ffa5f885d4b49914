package dev.comms.providers.openai;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import dev.comms.Channel;
import dev.comms.CommsConfigurationException;
import dev.comms.spi.ChatCompleter;
import dev.comms.spi.CommsProvider;
import dev.comms.spi.ConfigKey;
import dev.comms.spi.ProviderContext;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * OpenAI (or any OpenAI-compatible server) for AI chat, id {@value #ID}. Settings:
 * {@code comms.openai.api-key} (secret), optional {@code comms.openai.base-url} (default
 * {@code https://api.openai.com/v1}), {@code comms.openai.timeout} (default 30 s),
 * {@code comms.openai.organization}, {@code comms.openai.token-limit-field}
 * ({@code max_completion_tokens}, the default and what OpenAI documents, or {@code max_tokens} for
 * compatible servers that only know the older field).
 */
public final class OpenAiProvider implements CommsProvider {
    /** The provider id. */
    public static final String ID = "openai";

    static final ConfigKey API_KEY = ConfigKey.secret("comms.openai.api-key", "OpenAI API key (sk-...)");
    static final ConfigKey BASE_URL = ConfigKey.optional("comms.openai.base-url", "API base URL (OpenAI or a compatible server)",
            "https://api.openai.com/v1");
    static final ConfigKey TIMEOUT = ConfigKey.optional("comms.openai.timeout", "timeout per attempt", "30s");
    static final ConfigKey ORGANIZATION = ConfigKey.optional("comms.openai.organization", "OpenAI organization id", null);
    static final ConfigKey TOKEN_FIELD = ConfigKey.optional("comms.openai.token-limit-field",
            "max_completion_tokens or max_tokens", "max_completion_tokens");

    /** For ServiceLoader. */
    public OpenAiProvider() {
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public Set<Channel> channels() {
        return EnumSet.of(Channel.AI);
    }

    @Override
    public List<ConfigKey> configKeys() {
        return List.of(API_KEY, BASE_URL, TIMEOUT, ORGANIZATION, TOKEN_FIELD);
    }

    @Override
    public ChatCompleter chatCompleter(ProviderContext context) {
        String field = context.config().get(TOKEN_FIELD.name()).orElse("max_completion_tokens");
        if (!field.equals("max_completion_tokens") && !field.equals("max_tokens")) {
            throw new CommsConfigurationException("comms.openai.token-limit-field must be max_completion_tokens or max_tokens, not '"
                    + field + "'");
        }
        String key = context.config().require(API_KEY.name());
        Duration timeout = context.config().getDuration(TIMEOUT.name(), Duration.ofSeconds(30));
        if (timeout.isZero() || timeout.isNegative()) {
            throw new CommsConfigurationException("comms.openai.timeout must be positive, not " + timeout);
        }
        // never fromEnv(): the settings come from Comms alone; maxRetries(0): the facade retries
        OpenAIOkHttpClient.Builder b = OpenAIOkHttpClient.builder()
                .apiKey(key)
                .baseUrl(context.config().get(BASE_URL.name()).orElse("https://api.openai.com/v1"))
                .timeout(OpenAiChat.timeouts(timeout))
                .maxRetries(0);
        context.config().get(ORGANIZATION.name()).filter(o -> !o.isBlank()).ifPresent(b::organization);
        OpenAIClient client = b.build();
        return new OpenAiChat(client, field.equals("max_tokens"), timeout, key, context.clock());
    }

    @Override
    public String toString() {
        return "OpenAiProvider";
    }
}
