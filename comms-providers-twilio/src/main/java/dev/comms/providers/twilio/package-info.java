/**
 * Twilio for SMS and voice, on the official SDK ({@code com.twilio.sdk:twilio}), so Twilio's own
 * request signing, parameters and response parsing are used as Twilio maintains them.
 *
 * <p>Retries and timeouts: the SDK has two hidden retry layers that both retry POSTs (its
 * {@code reliableRequest}, three tries on any 5xx, and Apache HttpClient 5's default strategy on
 * 429/503, honouring Retry-After). Both are off in {@code TwilioHttpClient}, a subclass of the SDK's
 * {@code NetworkHttpClient}: one HTTP request per attempt, so the facade's policy is the only one.
 * Timeouts: connect {@code comms.twilio.connect-timeout} (5 s), read {@code comms.twilio.timeout}
 * (10 s, capped by the attempt's own budget), applied over the SDK's per-request defaults.
 *
 * <p>Classification: 429 / Twilio code 20429 and refused connections are NOT_SENT (with Retry-After);
 * a 5xx, an HTML or empty error body or a read timeout is AMBIGUOUS, because Twilio has no idempotency
 * key and a retry could send twice (so the facade does not retry it); other 4xx are PERMANENT. The
 * HTTP status comes from the HTTP layer, not from {@code ApiException}, whose status is the JSON body's.
 */
package dev.comms.providers.twilio;
