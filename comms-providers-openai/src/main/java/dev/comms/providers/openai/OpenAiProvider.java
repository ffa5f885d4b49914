package dev.comms.providers.openai;

import dev.comms.Channel;
import dev.comms.CommsConfigurationException;
import dev.comms.spi.HttpProviders;
import dev.comms.spi.ChatCompleter;
import dev.comms.spi.CommsProvider;
import dev.comms.spi.Config;
import dev.comms.spi.ConfigKey;
import dev.comms.spi.ProviderContext;
import java.net.ProxySelector;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * OpenAI, Azure OpenAI or any OpenAI-compatible server for AI chat, id {@value #ID}. Settings:
 * {@code comms.openai.api-key} (secret), optional {@code comms.openai.base-url} (default
 * {@code https://api.openai.com/v1}; https, or http only to a loopback host),
 * {@code comms.openai.timeout} (default 30 s), {@code comms.openai.organization},
 * {@code comms.openai.token-limit-field} ({@code max_completion_tokens}, the default and what OpenAI
 * documents, or {@code max_tokens} for compatible servers that only know the older field), and for
 * Azure OpenAI {@code comms.openai.azure-deployment} with {@code comms.openai.azure-api-version}
 * (default {@value #AZURE_API_VERSION}): the base URL is then the resource's endpoint
 * ({@code https://<resource>.openai.azure.com}) and the key travels in the {@code api-key} header.
 *
 * <pre>{@code
 * Comms comms = Comms.builder()
 *         .property("comms.openai.api-key", key)
 *         .property("comms.openai.base-url", "https://acme.openai.azure.com")
 *         .property("comms.openai.azure-deployment", "gpt-4o-mini")
 *         .build();
 * }</pre>
 */
public final class OpenAiProvider implements CommsProvider {
    /** The provider id. */
    public static final String ID = "openai";
    /** The Azure OpenAI API version used unless {@code comms.openai.azure-api-version} says otherwise (the latest GA). */
    public static final String AZURE_API_VERSION = "2024-10-21";

    static final String DEFAULT_BASE_URL = "https://api.openai.com/v1";
    static final ConfigKey API_KEY = ConfigKey.secret("comms.openai.api-key", "OpenAI API key (sk-...), or the Azure OpenAI resource key");
    static final ConfigKey BASE_URL = ConfigKey.optional("comms.openai.base-url",
            "API base URL: OpenAI, a compatible server, or the Azure OpenAI endpoint (https, or http only to a loopback host)",
            DEFAULT_BASE_URL);
    static final ConfigKey TIMEOUT = ConfigKey.optional("comms.openai.timeout", "timeout per attempt", "30s");
    static final ConfigKey ORGANIZATION = ConfigKey.optional("comms.openai.organization", "OpenAI organization id", null);
    static final ConfigKey TOKEN_FIELD = ConfigKey.optional("comms.openai.token-limit-field",
            "max_completion_tokens or max_tokens", "max_completion_tokens");
    static final ConfigKey AZURE_DEPLOYMENT = ConfigKey.optional("comms.openai.azure-deployment",
            "Azure OpenAI deployment name: requests go to <base-url>/openai/deployments/<name>/chat/completions with the api-key header",
            null);
    static final ConfigKey AZURE_VERSION = ConfigKey.optional("comms.openai.azure-api-version",
            "Azure OpenAI api-version query parameter (with azure-deployment)", AZURE_API_VERSION);

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
        return List.of(API_KEY, BASE_URL, TIMEOUT, ORGANIZATION, TOKEN_FIELD, AZURE_DEPLOYMENT, AZURE_VERSION);
    }

    /**
     * Builds the completer and its one HTTP client (HTTP/2 where TLS negotiates it, else HTTP/1.1;
     * connect timeout the shorter of {@code comms.openai.timeout} and 10 s; no redirects; the JVM's
     * default proxy selector).
     *
     * @throws CommsConfigurationException listing every setting that is wrong
     */
    @Override
    public ChatCompleter chatCompleter(ProviderContext context) {
        Config config = context.config();
        List<String> problems = new ArrayList<>();
        String field = config.get(TOKEN_FIELD.name()).orElse("max_completion_tokens");
        if (!field.equals("max_completion_tokens") && !field.equals("max_tokens")) {
            problems.add(TOKEN_FIELD.name() + " must be max_completion_tokens or max_tokens, not '" + field + "'");
        }
        Optional<String> key = config.get(API_KEY.name());
        if (key.isEmpty()) {
            problems.add("'" + API_KEY.name() + "' is not set: set it in code, as a system property, in comms.properties or as the"
                    + " environment variable " + API_KEY.envName());
        } else if (!headerSafe(key.get().strip())) {
            problems.add(API_KEY.name() + " holds a space or a control character (its value is not shown)");
        }
        Duration timeout = Duration.ofSeconds(30);
        try {
            timeout = config.getDuration(TIMEOUT.name(), timeout);
            if (timeout.isZero() || timeout.isNegative()) {
                problems.add(TIMEOUT.name() + " must be positive, not " + timeout);
            }
        } catch (CommsConfigurationException e) {
            problems.addAll(e.problems());
        }
        String organization = config.get(ORGANIZATION.name()).map(String::strip).filter(o -> !o.isEmpty()).orElse(null);
        if (organization != null && !headerSafe(organization)) {
            problems.add(ORGANIZATION.name() + " holds a space or a control character: '" + organization.strip() + "'");
        }
        OpenAiChat.Endpoint endpoint = null;
        try {
            endpoint = endpoint(config, organization);
        } catch (CommsConfigurationException e) {
            problems.addAll(e.problems());
        }
        if (!problems.isEmpty()) {
            throw new CommsConfigurationException(problems);
        }
        return new OpenAiChat(httpClient(timeout).build(), endpoint, field.equals("max_tokens"), timeout, key.get().strip(), userAgent(version()),
                context.clock());
    }

    /** The client's settings; a test adds its own TLS trust. */
    static HttpClient.Builder httpClient(Duration timeout) {
        HttpClient.Builder http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_2)
                .connectTimeout(ProviderHttp.connectTimeout(timeout))
                .followRedirects(HttpClient.Redirect.NEVER);
        // as OkHttp (and so the SDK) did: honour -Dhttps.proxyHost and friends; loopback is never proxied
        ProxySelector proxies = ProxySelector.getDefault();
        if (proxies != null) {
            http.proxy(proxies);
        }
        return http;
    }

    /** OpenAI and compatible servers: {@code <base>/chat/completions}, Bearer key. Azure: deployment path, api-version, api-key. */
    static OpenAiChat.Endpoint endpoint(Config config, String organization) {
        List<String> problems = new ArrayList<>();
        Optional<String> deployment = config.get(AZURE_DEPLOYMENT.name()).map(String::strip);
        Optional<String> version = config.get(AZURE_VERSION.name()).map(String::strip);
        Optional<String> base = config.get(BASE_URL.name());
        URI uri = null;
        try {
            uri = HttpProviders.checkBaseUrl(BASE_URL.name(), base.orElse(DEFAULT_BASE_URL));
        } catch (CommsConfigurationException e) {
            problems.addAll(e.problems());
        }
        if (deployment.isEmpty()) {
            if (version.isPresent()) {
                problems.add(AZURE_VERSION.name() + " is set but " + AZURE_DEPLOYMENT.name() + " is not: set the Azure deployment too,"
                        + " or remove the api-version");
            }
            if (!problems.isEmpty()) {
                throw new CommsConfigurationException(problems);
            }
            return new OpenAiChat.Endpoint(URI.create(uri + "/chat/completions"), "Authorization", organization);
        }
        if (!deployment.get().matches("[A-Za-z0-9._-]{1,64}")) {
            problems.add(AZURE_DEPLOYMENT.name() + " must be an Azure deployment name (letters, digits, '.', '_', '-'), not '"
                    + deployment.get() + "'");
        }
        String apiVersion = version.orElse(AZURE_API_VERSION);
        if (!apiVersion.matches("[A-Za-z0-9.-]{1,40}")) {
            problems.add(AZURE_VERSION.name() + " must look like " + AZURE_API_VERSION + ", not '" + apiVersion + "'");
        }
        if (base.isEmpty()) {
            problems.add(AZURE_DEPLOYMENT.name() + " needs " + BASE_URL.name() + " set to the Azure OpenAI endpoint, such as"
                    + " https://<resource>.openai.azure.com");
        }
        if (!problems.isEmpty()) {
            throw new CommsConfigurationException(problems);
        }
        // the portal shows the endpoint without /openai; accept it with /openai too
        String root = uri.toString().endsWith("/openai") ? uri.toString() : uri + "/openai";
        URI full = URI.create(root + "/deployments/" + deployment.get() + "/chat/completions?api-version="
                + URLEncoder.encode(apiVersion, StandardCharsets.UTF_8));
        return new OpenAiChat.Endpoint(full, "api-key", organization);
    }

    static String userAgent(String version) {
        return "unknown".equals(version) ? "comms-java" : "comms-java/" + version;
    }

    private static boolean headerSafe(String value) {
        return !value.isEmpty() && value.chars().allMatch(c -> c > 0x20 && c < 0x7f);
    }

    @Override
    public String toString() {
        return "OpenAiProvider";
    }
}
