/**
 * SendGrid for email, on the official SDK ({@code com.sendgrid:sendgrid-java} 4.x; 5.0 is a release
 * candidate), which keeps the Mail Send model (personalizations, contents, categories, custom args)
 * as SendGrid maintains it.
 *
 * <p>One request per send: {@code SendGrid.api()} never retries, and the SDK's default HTTP client
 * has no timeouts, so ours (Apache HttpClient 4, the SDK's own) sets connect and read timeouts
 * ({@code comms.sendgrid.connect-timeout}, {@code comms.sendgrid.timeout}) and disables automatic
 * retries and redirects. SendGrid has no idempotency key: a 5xx or a read timeout is AMBIGUOUS and
 * the facade does not retry it; a refused connection or connect timeout is NOT_SENT; 429 is NOT_SENT
 * with the retry delay taken from {@code X-RateLimit-Reset} (epoch seconds) against the provider
 * context's clock.
 *
 * <p>Mapping: one personalization (to, cc, bcc, custom arg {@code comms_message_id} = Comms'
 * message id, so delivery events can be matched); {@code text/plain} content before
 * {@code text/html} (SendGrid requires that order); each tag {@code name -> value} becomes the
 * category {@code "name:value"} and the personalization custom arg {@code name = value} (the
 * message-level {@code custom_args} is typed as a string in SendGrid's OpenAPI document); one
 * reply-to; custom headers as given.
 *
 * <p>Class path only: sendgrid-java and its {@code java-http-client} both hold package
 * {@code com.sendgrid}, a split package the module system rejects, so this module has no
 * {@code module-info} (its jar names itself {@code dev.comms.providers.sendgrid}) and registers
 * through {@code META-INF/services} alone.
 */
package dev.comms.providers.sendgrid;
