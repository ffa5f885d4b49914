/**
 * OpenAI chat completions, on the official SDK ({@code com.openai:openai-java} with its OkHttp
 * client; OkHttp 4 excluded, {@code okhttp-jvm} 5.4.0 pinned), which also reaches any
 * OpenAI-compatible server through {@code comms.openai.base-url}. It lives in its own module because
 * the SDK and Kotlin weigh about 82 MB: nobody pays for it unasked.
 *
 * <p>{@code maxRetries(0)}: the facade's policy is the only one. Classification: 429 is not sent
 * (honouring {@code retry-after-ms} / {@code retry-after}) except {@code insufficient_quota}, which is
 * permanent; a 5xx is NOT_SENT rather than AMBIGUOUS, because a chat completion has no side effect
 * beyond its cost, so retrying or failing over cannot double anything a user sees; a refused
 * connection is not sent; a read timeout is AMBIGUOUS (the model may have run and billed); other 4xx
 * are permanent. The token limit goes out as {@code max_completion_tokens}, which OpenAI documents
 * ({@code max_tokens} is deprecated and refused by reasoning models), or as {@code max_tokens} by
 * choice for older compatible servers.
 */
package dev.comms.providers.openai;
