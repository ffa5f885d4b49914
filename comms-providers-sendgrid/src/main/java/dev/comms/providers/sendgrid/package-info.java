/**
 * SendGrid for email, on the official SDK ({@code com.sendgrid:sendgrid-java} 4.x; 5.0 is a release
 * candidate), which keeps the Mail Send model (personalizations, contents, categories, custom args)
 * as SendGrid maintains it.
 *
 * <p>One request per send: {@code SendGrid.api()} never retries, and the SDK's default HTTP client
 * has no timeouts, so ours ({@code SendGridHttp}, Apache HttpClient 4, the SDK's own) sets connect
 * and read timeouts ({@code comms.sendgrid.connect-timeout}, {@code comms.sendgrid.timeout}), each
 * capped by the attempt's own timeout ({@code HttpProviders.attemptTimeout}), sizes its pool with
 * {@code comms.sendgrid.max-connections}, and disables automatic retries and redirects. The base URL
 * follows the SPI's one rule (https, or plain http only to a loopback host), as scheme, host and port
 * only, since the SDK adds {@code /v3/...} itself.
 *
 * <p>Classification is by what reached the wire: the HTTP layer marks a per-client
 * {@code LastExchange} written when it starts sending the request on a connected connection, so a
 * failure before that (no pooled connection in time, refused, connect timeout) is NOT_SENT. SendGrid
 * has no idempotency key: a 5xx, or a lost answer once the request was written, is AMBIGUOUS and the
 * facade does not retry it; 429 is NOT_SENT with the retry delay taken from {@code X-RateLimit-Reset}
 * (epoch seconds) against the provider context's clock; other 4xx are PERMANENT.
 *
 * <p>Mapping: one personalization (to, cc, bcc, custom args {@code comms_message_id} = Comms'
 * message id and {@code comms_hold} = the send's credit hold, so delivery events and the Email
 * Activity API can find them); {@code text/plain}
 * content before {@code text/html} (SendGrid requires that order); each tag {@code name -> value}
 * becomes the category {@code "name:value"} and the personalization custom arg {@code name = value}
 * (the message-level {@code custom_args} is typed as a string in SendGrid's OpenAPI document); one
 * reply-to (the SDK's {@code Mail} has one); custom headers as given. What SendGrid cannot take is
 * refused by {@code check} while the facade plans, before anything is held: more than one reply-to
 * ({@code UnsupportedFeatureException}), more than 10 tags, a category over 255 characters, a tag
 * named {@code comms_message_id} or {@code comms_hold}, custom args over 10,000 bytes, more than 1,000 recipients, a header
 * SendGrid sets itself ({@code InvalidMessageException} naming the field).
 *
 * <p>Outcome lookup: an ambiguous send is looked up in the Email Activity API
 * ({@code GET /v3/messages?query=unique_args['comms_message_id']="..."}), which finds the email by
 * the custom arg every send carries. That API needs SendGrid's paid Email Activity History add-on;
 * without it SendGrid answers 403 or 404 and the lookup answers unknown, saying so, so the hold is
 * committed at the end of its lease and reported. Not listed 15 minutes after the last attempt (the
 * feed lags) is "not accepted".
 *
 * <p>Event webhook ({@code SendGridWebhooks}, from {@code SendGridProvider.webhooks} when
 * {@code comms.sendgrid.webhook-public-key} is set): ECDSA P-256 / SHA-256 over the timestamp header
 * and the raw body, checked with the JDK alone (no BouncyCastle), within 300 s of the facade's clock;
 * each event of the posted array becomes a {@code DeliveryEvent} carrying the message id and hold
 * from the custom args ({@code processed} and events without a mapping are {@code UNKNOWN}, kept).
 *
 * <p>Class path only: sendgrid-java and its {@code java-http-client} both hold package
 * {@code com.sendgrid}, a split package the module system rejects, so this module has no
 * {@code module-info} (its jar names itself {@code dev.comms.providers.sendgrid}) and registers
 * through {@code META-INF/services} alone.
 */
package dev.comms.providers.sendgrid;
