/**
 * OpenAI chat completions, on the official SDK ({@code com.openai:openai-java} with its OkHttp
 * client; OkHttp 4 excluded, {@code okhttp-jvm} 5.4.0 pinned), which also reaches any
 * OpenAI-compatible server through {@code comms.openai.base-url}. The SDK is used rather than raw
 * HTTP because it tracks OpenAI's API (models, error types, headers) from the same OpenAPI document
 * OpenAI publishes. It lives in its own module because the SDK and Kotlin weigh about 82 MB: nobody
 * pays for it unasked.
 *
 * <p>Client: built from Comms settings only (never {@code fromEnv()}), one per provider instance,
 * closed by {@code close()}. {@code maxRetries(0)}: the facade's retry policy is the only one, so an
 * attempt is exactly one HTTP request. Timeouts: the whole call, read and write are bounded by the
 * shorter of {@code comms.openai.timeout} (default 30 s) and the attempt's timeout; the TCP connect
 * by at most 10 s.
 *
 * <p>Classification: 429 is NOT_SENT with the wait from {@code retry-after-ms}, else
 * {@code retry-after}, except {@code insufficient_quota}, which is PERMANENT (waiting adds no
 * credit). A 5xx is NOT_SENT rather than AMBIGUOUS: a chat completion has no side effect beyond its
 * cost - nothing is delivered to anyone - so retrying or failing over cannot double anything a user
 * sees; at worst a completion is paid twice. A 2xx whose body is not a chat completion is NOT_SENT
 * on the same grounds. A refused connection or a connect timeout is NOT_SENT; a read or call
 * timeout is AMBIGUOUS, because the model may have run and billed (the caller may still retry it as
 * the 5xx reasoning allows, but the class reports what is known). Other 4xx are PERMANENT. The
 * provider code is the error's {@code code}, else its {@code type}. The API key is removed from any
 * message a server echoes, and an SDK exception whose message holds it is not kept as the cause.
 *
 * <p>Token limit: sent as {@code max_completion_tokens}, which OpenAI's OpenAPI document and the SDK
 * recommend ({@code max_tokens} is marked deprecated in both and refused by reasoning models); the
 * setting {@code comms.openai.token-limit-field=max_tokens} sends the older field for compatible
 * servers that know only it.
 */
package dev.comms.providers.openai;
