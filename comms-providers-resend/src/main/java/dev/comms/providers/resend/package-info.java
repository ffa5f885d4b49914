/**
 * Resend for email, on the official SDK ({@code com.resend:resend-java}), which keeps the request
 * model (options, batch, tags, headers) as Resend maintains it.
 *
 * <p>The SDK has no retries and a constant base URL; its HTTP layer is replaced by
 * {@link dev.comms.providers.resend.ResendHttp} on OkHttp 5 (explicit timeouts, no retry on connection
 * failure, a base URL for stubs and compatible endpoints). The facade's idempotency key is sent as
 * {@code Idempotency-Key}, which Resend honours for 24 hours, so this provider declares
 * {@code IDEMPOTENCY_KEY} and an AMBIGUOUS failure (5xx, read timeout) is retried safely on it.
 */
package dev.comms.providers.resend;
