/**
 * OpenAI chat completions - and Azure OpenAI, and any OpenAI-compatible server - on the JDK's
 * {@code java.net.http.HttpClient} and Jackson, which comms-api already depends on: the module adds
 * nothing to an application's class path but its own classes.
 *
 * <p>Why not the vendor's SDK, as every other provider module uses: {@code openai-java} 4.x weighs
 * about 75 MB ({@code openai-java-core}) and brings Kotlin's standard library, reflection and OkHttp;
 * it was 73% of the CLI's jar, and every application that added this module for one call carried it.
 * Comms uses one endpoint of it, {@code POST /chat/completions}, with its retries switched off and a
 * tolerant reader added for compatible servers; that endpoint is one small, stable JSON call
 * described by OpenAI's own OpenAPI document, which the request-conformance test checks us against.
 * So this module is a deliberate exception to "use the vendor's SDK".
 *
 * <p>Wire: small records ({@code OpenAiPayloads}) for exactly the fields sent and read: {@code model},
 * {@code messages[{role, content}]}, {@code max_completion_tokens} (or {@code max_tokens}), and back
 * {@code id}, {@code model}, {@code choices[0].message.content}, {@code finish_reason}, {@code usage}
 * and the error {@code {error: {type, code, message}}}; unknown fields are ignored. A missing id
 * becomes the message id, a missing model the requested one, missing usage
 * {@link dev.comms.TokenUsage#NONE}, a missing total the sum. An answer is read up to 8 MiB.
 *
 * <p>Client: one {@code HttpClient} per completer (the facade builds one per provider), closed by
 * {@code close()} on Java 21+. HTTP/2 where TLS negotiates it, HTTP/1.1 otherwise and always for
 * plain http (no h2c upgrade offer on a POST). The JDK client never retries a POST, follows no
 * redirect here and has no authenticator, so an attempt is exactly one HTTP request. Timeouts: the
 * whole call, body included, is bounded by the shorter of {@code comms.openai.timeout} (default
 * 30 s) and the attempt's timeout; the TCP connect by the shorter of the setting and 10 s. The
 * client keeps the JDK's default executor: a same-thread executor roughly halved the client's cost on
 * a loopback stub (about 0.1 ms a call) but would run TLS and HTTP/2 frame handling for every
 * concurrent call on the client's one selector thread; {@code send} is used rather than
 * {@code sendAsync}, which adds a hop through the common pool to each call.
 *
 * <p>Settings ({@code comms.openai.*}): {@code api-key} (secret), {@code base-url} (default
 * {@code https://api.openai.com/v1}; must be https, or http only to a loopback host - localhost,
 * 127.0.0.0/8, [::1] - so the key never crosses a network in clear text; no user info, query or
 * fragment), {@code timeout}, {@code organization} ({@code OpenAI-Organization} header),
 * {@code token-limit-field}, and for Azure OpenAI {@code azure-deployment} and
 * {@code azure-api-version} (default {@value dev.comms.providers.openai.OpenAiProvider#AZURE_API_VERSION}).
 * With a deployment the base URL is the resource endpoint and requests go to
 * {@code <base-url>/openai/deployments/<deployment>/chat/completions?api-version=<v>} with the key
 * in the {@code api-key} header instead of {@code Authorization: Bearer}. Every wrong setting is
 * reported at once, naming the setting.
 *
 * <p>Classification ({@code ProviderHttp}, one small class so that a shared SPI helper can replace
 * it): 429 is NOT_SENT with the wait from {@code retry-after-ms}, else {@code retry-after}, except
 * {@code insufficient_quota}, which is PERMANENT (waiting adds no credit). A 5xx is NOT_SENT rather
 * than AMBIGUOUS: a chat completion has no side effect beyond its cost - nothing is delivered to
 * anyone - so retrying or failing over cannot double anything a user sees; at worst a completion is
 * paid twice (a 503's Retry-After is kept). A 2xx whose body is not a chat completion (not JSON, no
 * {@code choices} array, over 8 MiB) is NOT_SENT on the same grounds. A refused connection, an
 * unknown host, a connect timeout or a failed TLS handshake is NOT_SENT; a timeout waiting for the
 * answer, or a connection lost after the request was written, is AMBIGUOUS, because the model may
 * have run and billed. Other statuses are PERMANENT. The provider code is the error's {@code code},
 * else its {@code type}. The API key is removed from any text a server echoes.
 *
 * <p>Token limit: sent as {@code max_completion_tokens}, which OpenAI's OpenAPI document recommends
 * ({@code max_tokens} is deprecated there and refused by reasoning models); the setting
 * {@code comms.openai.token-limit-field=max_tokens} sends the older field for compatible servers
 * that know only it.
 */
package dev.comms.providers.openai;
