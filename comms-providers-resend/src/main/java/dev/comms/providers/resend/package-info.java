/**
 * Resend for email, on the official SDK ({@code com.resend:resend-java}), which keeps the request
 * model (options, batch, tags, headers) as Resend maintains it.
 *
 * <p>The SDK has no retries and a constant base URL; its HTTP layer is replaced by
 * {@link dev.comms.providers.resend.ResendHttp} on OkHttp 5 (connect and read timeouts from
 * {@code comms.resend.connect-timeout} / {@code comms.resend.timeout}, no retry on connection
 * failure, no redirects, a base URL for stubs and compatible endpoints), passed to the SDK's
 * package-private service constructors. Every call makes exactly one HTTP request; the facade owns
 * retries. The facade's idempotency key is sent as {@code Idempotency-Key}, which Resend honours for
 * 24 hours, so this provider declares {@code IDEMPOTENCY_KEY}: an AMBIGUOUS failure (5xx, a read
 * timeout once the request was written) is retried safely on the same key. A failure before the
 * request was written (refused, unknown host, connect timeout) is NOT_SENT.
 */
package dev.comms.providers.resend;
