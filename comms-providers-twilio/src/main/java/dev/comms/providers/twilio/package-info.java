/**
 * Twilio for SMS and voice, on the official SDK ({@code com.twilio.sdk:twilio}), so Twilio's own
 * request signing, parameters and response parsing are used as Twilio maintains them.
 *
 * <p>Retries and timeouts: the SDK has two hidden retry layers that both retry POSTs (its
 * {@code reliableRequest}, three tries on any 5xx, and Apache HttpClient 5's default strategy on
 * 429/503). Both are off ({@link dev.comms.providers.twilio.StubbableHttpClient}): one HTTP request per
 * attempt, so the facade's policy is the only one. A 5xx or a read timeout is classified AMBIGUOUS
 * because Twilio has no idempotency key; the facade therefore does not retry it.
 */
package dev.comms.providers.twilio;
