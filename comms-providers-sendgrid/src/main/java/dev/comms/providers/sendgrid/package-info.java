/**
 * SendGrid for email, on the official SDK ({@code com.sendgrid:sendgrid-java} 4.x; 5.0 is a release
 * candidate), which keeps the Mail Send model (personalizations, contents, categories, custom args)
 * as SendGrid maintains it.
 *
 * <p>{@code SendGrid.api()} never retries; the SDK's default HTTP client has no timeouts, so ours
 * (Apache HttpClient 4, the SDK's own) sets connect and read timeouts and disables automatic
 * retries. SendGrid has no idempotency key: a 5xx or a read timeout is AMBIGUOUS and is not retried.
 */
package dev.comms.providers.sendgrid;
