/**
 * Resend for email, on the official SDK ({@code com.resend:resend-java}), which keeps the request
 * model (options, batch, tags, headers) as Resend maintains it.
 *
 * <p>The SDK has no retries and a constant base URL; its HTTP layer is replaced by
 * {@link dev.comms.providers.resend.ResendHttp} on OkHttp 5 (connect and read timeouts from
 * {@code comms.resend.connect-timeout} / {@code comms.resend.timeout}, each call capped by the
 * attempt's own timeout, no retry on connection failure, no redirects, a base URL for stubs and
 * compatible endpoints under the SPI's one rule: https, or plain http only to a loopback host).
 * resend-java 4.23.0 has no public way to take another HTTP client or base URL, so it is passed to
 * the SDK's package-private service constructors by reflection, which fails loudly (and a test
 * shows it) if a new SDK version drops them. Every call makes exactly one HTTP request; the facade
 * owns retries.
 *
 * <p>Classification is by what reached the wire, recorded by {@code ResendHttp} in a per-client
 * {@code LastExchange}: a failure before OkHttp started writing the request (refused, unknown host,
 * connect timeout) is NOT_SENT; after it, a lost answer is AMBIGUOUS. The facade's idempotency key
 * is sent as {@code Idempotency-Key}, which Resend honours for 24 hours, so this provider declares
 * {@code IDEMPOTENCY_KEY}: an AMBIGUOUS failure (5xx, a timeout once the request was written) is
 * retried safely on the same key. Resend's named errors keep their meaning (quota exhausted is
 * PERMANENT, {@code concurrent_idempotent_requests} NOT_SENT). What Resend cannot take (no sender,
 * more than 50 {@code to} addresses, tags outside {@code [A-Za-z0-9_-]{1,256}}, a tag named
 * {@code comms_message_id} or {@code comms_hold}) is refused by {@code check} while the facade
 * plans, before anything is held.
 *
 * <p>Webhooks ({@code ResendWebhooks}, from {@code ResendProvider.webhooks} when
 * {@code comms.resend.webhook-secret} is set): Svix / Standard Webhooks signatures (HMAC-SHA256 of
 * {@code id.timestamp.body}, any {@code v1} entry of the list, 300 s either way of the facade's clock),
 * then one {@code DeliveryEvent} per post, its id the {@code svix-id}. Resend echoes an email's tags in
 * its webhook payload ({@code data.tags}, per Resend's event documentation and its changelog of
 * November 2024), so each single send carries the tags {@code comms_message_id} and {@code comms_hold}
 * and each event names its message and hold. A batch's emails carry neither: the SPI hands
 * {@code sendBatch} one context for the whole batch, not each email's message id and hold, so their
 * events are matched by Resend's email id ({@code data.email_id}, the provider message id).
 *
 * <p>No outcome lookup: this module does not implement {@code OutcomeLookup}, so a hold left
 * <em>outcome unknown</em> is committed at the end of its lease and reported. resend-java 4.23.0 can
 * fetch an email only by the id Resend returns ({@code emails.get(id)}), which an ambiguous send
 * never received. {@code emails.list} (GET /emails) pages through the whole team's emails showing
 * id, recipients, subject and creation time, but neither tags nor the Idempotency-Key, and cannot
 * filter; {@code logs.list} shows endpoint and status per API request, and a request's body only one
 * {@code logs.get} at a time. Neither can find an email by our idempotency key or a tag, and
 * matching on recipient and subject would take someone else's identical email ("Your code", sent
 * twice) for this one. Repeating the send with the same Idempotency-Key would return the first
 * answer, but it is a send: if the first never arrived it sends the email, and a lookup must never
 * send.
 */
package dev.comms.providers.resend;
