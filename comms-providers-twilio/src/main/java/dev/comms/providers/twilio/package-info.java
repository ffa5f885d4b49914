/**
 * Twilio for SMS and voice, on the official SDK ({@code com.twilio.sdk:twilio}), so Twilio's own
 * request signing, parameters and response parsing are used as Twilio maintains them.
 *
 * <p>Retries and timeouts: the SDK has two hidden retry layers that both retry POSTs (its
 * {@code reliableRequest}, three tries on any 5xx, and Apache HttpClient 5's default strategy on
 * 429/503, honouring Retry-After). Both are off in {@code TwilioHttpClient}, a subclass of the SDK's
 * {@code NetworkHttpClient}: one HTTP request per attempt, so the facade's policy is the only one.
 * Timeouts: connect {@code comms.twilio.connect-timeout} (5 s, also the longest wait for one of the
 * {@code comms.twilio.max-connections} pooled connections), read {@code comms.twilio.timeout} (10 s),
 * both capped by the attempt's own timeout ({@code HttpProviders.attemptTimeout}) and applied over
 * the SDK's per-request defaults. The base URL follows the SPI's one rule
 * ({@code HttpProviders.baseUrl}): https, or plain http only to a loopback host, because the auth
 * token goes out as Basic auth on every request.
 *
 * <p>Classification is by what reached the wire, as the HTTP layer records it in a per-client
 * {@code LastExchange}: a failure before the request was written to a connection (no pooled
 * connection in time, a refused connection, a connect timeout) is NOT_SENT; 429 / Twilio code 20429
 * is NOT_SENT with Retry-After; once written, a 5xx, an HTML or empty error body or no answer is
 * AMBIGUOUS, because Twilio has no idempotency key and a retry could send twice (so the facade does
 * not retry it); other 4xx are PERMANENT. The HTTP status comes from the HTTP layer, not from
 * {@code ApiException}, whose status is the JSON body's. What Twilio cannot take (no sender, a menu
 * without callback, more than 4,000 characters of TwiML) is refused by {@code check} while the facade
 * plans, before anything is held.
 *
 * <p>Outcome lookups ({@code OutcomeLookup}, on both channels) settle ambiguous sends by reading
 * Twilio's lists, never by sending: SMS by recipient, content hash of the body and a creation time
 * between one minute before the first attempt and five minutes after the last; calls by recipient,
 * direction and that window only (the Calls list shows no TwiML), so two candidate calls are an
 * unknown, not a guess. The lists are filtered by {@code To} alone: a {@code DateSent} or
 * {@code StartTime} filter would hide what Twilio still holds queued. Nothing listed once the window
 * has closed is "not accepted"; a number with more than 500 listed resources is "unknown".
 *
 * <p>Webhooks ({@code TwilioWebhooks}, from {@code TwilioProvider.webhooks}): {@code X-Twilio-Signature}
 * checked with the auth token over the URL Twilio called (with or without its port, or rebased on
 * {@code comms.twilio.webhook-base-url} behind a proxy) and the sorted form parameters, or the URL
 * and the body's {@code bodySHA256} for JSON callbacks; then message and call status callbacks become
 * {@code DeliveryEvent}s and inbound SMS {@code InboundMessage}s. Every status callback URL this module
 * sends (the message's own or {@code comms.twilio.status-callback-url}) carries
 * {@code comms_message_id} and {@code comms_hold} in its query, so each event names its message and
 * credit hold.
 */
package dev.comms.providers.twilio;
