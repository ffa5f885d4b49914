package dev.comms.providers.resend;

import com.resend.core.exception.ResendException;
import com.resend.core.net.RequestOptions;
import com.resend.services.batch.Batch;
import com.resend.services.batch.model.BatchEmail;
import com.resend.services.batch.model.CreateBatchEmailsResponse;
import com.resend.services.emails.Emails;
import com.resend.services.emails.model.CreateEmailOptions;
import com.resend.services.emails.model.CreateEmailResponse;
import com.resend.services.emails.model.Tag;
import dev.comms.Channel;
import dev.comms.CommsException;
import dev.comms.DeliveryStatus;
import dev.comms.Email;
import dev.comms.EmailAddress;
import dev.comms.ErrorCode;
import dev.comms.FailureClass;
import dev.comms.InvalidMessageException;
import dev.comms.ProviderException;
import dev.comms.spi.Capability;
import dev.comms.spi.EmailResult;
import dev.comms.spi.EmailSender;
import dev.comms.spi.HttpProviders;
import dev.comms.spi.LastExchange;
import dev.comms.spi.SendContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Email through Resend: single sends and batches of up to 100, each with an Idempotency-Key; a single
 * send carries the tags {@code comms_message_id} and {@code comms_hold}, which Resend's webhooks echo.
 */
final class ResendEmail implements EmailSender {
    /** Resend's batch limit. */
    static final int BATCH_LIMIT = 100;
    /** Resend's limit on {@code to} addresses per email. */
    static final int MAX_TO = 50;
    /** What Resend accepts as a tag name or value. */
    private static final Pattern TAG = Pattern.compile("[A-Za-z0-9_-]{1,256}");

    private final Emails emails;
    private final Batch batch;
    private final ResendHttp http;
    private final Clock clock;
    private final Duration timeout;

    ResendEmail(Emails emails, Batch batch, ResendHttp http, Clock clock, Duration timeout) {
        this.emails = emails;
        this.batch = batch;
        this.http = http;
        this.clock = clock;
        this.timeout = timeout;
    }

    /** @return the HTTP layer (its pool, for tests) */
    ResendHttp http() {
        return http;
    }

    @Override
    public String id() {
        return ResendProvider.ID;
    }

    @Override
    public Set<Capability> capabilities() {
        return EnumSet.of(Capability.EMAIL_CC, Capability.EMAIL_BCC, Capability.EMAIL_REPLY_TO, Capability.EMAIL_TAGS,
                Capability.EMAIL_HEADERS, Capability.EMAIL_BATCH, Capability.IDEMPOTENCY_KEY);
    }

    /**
     * Resend's own limits: a sender, at most {@value #MAX_TO} {@code to} addresses, tags of ASCII
     * letters, digits, _ and -, none named {@code comms_message_id} or {@code comms_hold} (Comms' own).
     */
    @Override
    public void check(Email email) {
        if (email.from().isEmpty()) {
            throw new InvalidMessageException(ErrorCode.INVALID_MESSAGE, "from", "Resend needs a sender: set from(...) or comms.email.from",
                    Channel.EMAIL);
        }
        if (email.to().size() > MAX_TO) {
            throw new InvalidMessageException(ErrorCode.INVALID_MESSAGE, "to", "Resend takes at most " + MAX_TO + " 'to' addresses per "
                    + "email (got " + email.to().size() + "): split the list, or send a batch", Channel.EMAIL);
        }
        email.tags().forEach((name, value) -> {
            if (name.equals(ResendWebhooks.MESSAGE_ID_TAG) || name.equals(ResendWebhooks.HOLD_TAG)) {
                throw new InvalidMessageException(ErrorCode.INVALID_MESSAGE, "tags[" + name + "]", "the tag name " + name
                        + " is reserved for Comms' correlation on Resend", Channel.EMAIL);
            }
            if (!TAG.matcher(name).matches() || !TAG.matcher(value).matches()) {
                throw new InvalidMessageException(ErrorCode.INVALID_MESSAGE, "tags[" + name + "]", "Resend tag names and values may hold "
                        + "only ASCII letters, digits, '_' and '-', at most 256 of them", Channel.EMAIL);
            }
        });
    }

    @Override
    public EmailResult send(Email email, SendContext context) {
        check(email);
        CreateEmailOptions options = options(email, context);
        http.begin(context.timeout(), HttpProviders.attemptTimeout(context, timeout));
        try {
            CreateEmailResponse r = emails.send(options, RequestOptions.builder().setIdempotencyKey(context.idempotencyKey()).build());
            if (r == null || r.getId() == null) {
                throw ProviderException.of(FailureClass.AMBIGUOUS, ResendProvider.ID,
                        "Resend accepted the request but its answer had no id; retrying with the same Idempotency-Key returns it")
                        .channel(Channel.EMAIL).httpStatus(http.exchange().status()).build();
            }
            return new EmailResult(r.getId(), DeliveryStatus.SENT);
        } catch (ResendException e) {
            throw classify(e);
        } catch (UncheckedIOException e) {
            throw network(e.getCause(), http.exchange().written());
        } catch (RuntimeException e) {
            throw unexpected(e, http.exchange());
        }
    }

    /**
     * Sends up to {@value #BATCH_LIMIT} emails per request (Resend's limit), larger lists in chunks
     * of {@value #BATCH_LIMIT}, each chunk under the key {@code <idempotencyKey>/<chunk>} (the key
     * itself when there is one chunk), so repeating the whole call after a failure re-sends nothing
     * Resend already accepted. Strict validation (Resend's default): an invalid email fails its
     * whole chunk. A failure after an earlier chunk was accepted is AMBIGUOUS: some emails went.
     */
    @Override
    public List<EmailResult> sendBatch(List<Email> list, SendContext context) {
        for (Email e : list) {
            check(e);
        }
        List<EmailResult> results = new ArrayList<>(list.size());
        for (int from = 0, chunk = 0; from < list.size(); from += BATCH_LIMIT, chunk++) {
            List<CreateEmailOptions> options = new ArrayList<>();
            for (Email e : list.subList(from, Math.min(list.size(), from + BATCH_LIMIT))) {
                // the batch's context names the batch, not each email: no correlation tags (events match by email id)
                options.add(options(e, null));
            }
            String key = list.size() <= BATCH_LIMIT ? context.idempotencyKey() : context.idempotencyKey() + "/" + chunk;
            http.begin(context.timeout(), HttpProviders.attemptTimeout(context, timeout));
            try {
                CreateBatchEmailsResponse r = batch.send(options, RequestOptions.builder().setIdempotencyKey(key).build());
                List<BatchEmail> data = r == null ? null : r.getData();
                if (data == null || data.size() != options.size()) {
                    throw ProviderException.of(FailureClass.AMBIGUOUS, ResendProvider.ID, "Resend's batch answer did not list one id per email")
                            .channel(Channel.EMAIL).httpStatus(http.exchange().status()).build();
                }
                for (BatchEmail b : data) {
                    results.add(new EmailResult(b.getId(), DeliveryStatus.SENT));
                }
            } catch (ResendException e) {
                throw partial(classify(e), results.size(), list.size());
            } catch (UncheckedIOException e) {
                throw partial(network(e.getCause(), http.exchange().written()), results.size(), list.size());
            } catch (ProviderException e) {
                throw partial(e, results.size(), list.size());
            } catch (RuntimeException e) {
                RuntimeException u = unexpected(e, http.exchange());
                if (u instanceof ProviderException p) {
                    throw partial(p, results.size(), list.size());
                }
                if (!results.isEmpty()) {
                    // earlier chunks went out: a bare exception would hide that some emails were sent
                    throw partial(ProviderException.of(FailureClass.PERMANENT, ResendProvider.ID, "chunk " + chunk + " failed before it was "
                            + "written (" + u.getClass().getSimpleName() + ")").channel(Channel.EMAIL).cause(u).build(), results.size(),
                            list.size());
                }
                throw u;
            }
        }
        return results;
    }

    /**
     * Maps an email to the SDK's options, without HTTP. With a context, the tags
     * {@value ResendWebhooks#MESSAGE_ID_TAG} and {@value ResendWebhooks#HOLD_TAG} (when there is a hold)
     * are added after the email's own, so Resend's webhooks bring them back; a value Resend would
     * refuse as a tag is left out rather than failing the send. The same message id and hold on every
     * attempt keep the body the same, as an Idempotency-Key retry requires.
     *
     * @param context the attempt, or null for no correlation tags (a batch)
     */
    static CreateEmailOptions options(Email email, SendContext context) {
        CreateEmailOptions.Builder b = CreateEmailOptions.builder()
                .from(format(email.from().orElseThrow(() -> new InvalidMessageException(ErrorCode.INVALID_MESSAGE, "from",
                        "Resend needs a sender: set from(...) or comms.email.from", Channel.EMAIL))))
                .to(addresses(email.to())).subject(email.subject());
        if (!email.cc().isEmpty()) {
            b.cc(addresses(email.cc()));
        }
        if (!email.bcc().isEmpty()) {
            b.bcc(addresses(email.bcc()));
        }
        if (!email.replyTo().isEmpty()) {
            b.replyTo(addresses(email.replyTo()));
        }
        email.text().ifPresent(b::text);
        email.html().ifPresent(b::html);
        List<Tag> tags = new ArrayList<>();
        email.tags().forEach((k, v) -> tags.add(Tag.builder().name(k).value(v).build()));
        if (context != null) {
            correlation(tags, ResendWebhooks.MESSAGE_ID_TAG, context.messageId());
            correlation(tags, ResendWebhooks.HOLD_TAG, context.holdId());
        }
        if (!tags.isEmpty()) {
            b.tags(tags);
        }
        if (!email.headers().isEmpty()) {
            b.headers(email.headers());
        }
        return b.build();
    }

    private static void correlation(List<Tag> tags, String name, String value) {
        if (TAG.matcher(value).matches()) {
            tags.add(Tag.builder().name(name).value(value).build());
        }
    }

    static List<String> addresses(List<EmailAddress> list) {
        List<String> out = new ArrayList<>(list.size());
        for (EmailAddress a : list) {
            out.add(format(a));
        }
        return out;
    }

    /** {@code "Display Name" <address>}, quoting the name when it has specials. */
    static String format(EmailAddress a) {
        if (a.displayName().isEmpty()) {
            return a.address();
        }
        String name = a.displayName().get();
        boolean special = name.chars().anyMatch(c -> "()<>[]:;@\\,.\"".indexOf(c) >= 0);
        return (special ? '"' + name.replace("\\", "\\\\").replace("\"", "\\\"") + '"' : name) + " <" + a.address() + ">";
    }

    /** A chunk's failure, made AMBIGUOUS when earlier chunks were accepted (the batch did not fail as a whole). */
    static ProviderException partial(ProviderException e, int accepted, int total) {
        if (accepted == 0) {
            return e;
        }
        ProviderException.Builder b = ProviderException.of(FailureClass.AMBIGUOUS, ResendProvider.ID, "Resend accepted " + accepted
                + " of " + total + " emails of the batch, then: " + e.getMessage()
                + "; repeating the call with the same idempotency key sends only the rest")
                .channel(Channel.EMAIL).httpStatus(e.httpStatus()).cause(e);
        e.providerCode().ifPresent(b::providerCode);
        return b.build();
    }

    /**
     * Resend's named errors first (quota exhausted is PERMANENT for now; a concurrent request with the
     * same key is NOT_SENT, to retry later with that key), then the SPI's HTTP classification with 5xx
     * AMBIGUOUS: Resend dedupes by Idempotency-Key, so the facade may retry those on the same key.
     */
    private ProviderException classify(ResendException e) {
        LastExchange.Exchange x = http.exchange();
        int status = e.getStatusCode() == null ? x.status() : e.getStatusCode();
        String name = e.getErrorName();
        String message = "Resend: HTTP " + status + (name == null ? "" : " " + name) + ": " + abbreviate(e.getMessage());
        ProviderException.Builder b;
        if (status == 429 && ("daily_quota_exceeded".equals(name) || "monthly_quota_exceeded".equals(name))) {
            b = ProviderException.of(FailureClass.PERMANENT, ResendProvider.ID, message).channel(Channel.EMAIL).httpStatus(status);
        } else if (status == 409 && "concurrent_idempotent_requests".equals(name)) {
            b = ProviderException.of(FailureClass.NOT_SENT, ResendProvider.ID, message).channel(Channel.EMAIL).httpStatus(status);
        } else if (status == 0) {
            b = ProviderException.of(x.written() ? FailureClass.AMBIGUOUS : FailureClass.NOT_SENT, ResendProvider.ID, message)
                    .channel(Channel.EMAIL);
        } else {
            b = HttpProviders.classify(ResendProvider.ID, Channel.EMAIL, status, x::header, clock.instant(), FailureClass.AMBIGUOUS)
                    .message(message);
        }
        if (name != null) {
            b.providerCode(name);
        }
        return b.cause(e).build();
    }

    /** The SDK's message is the raw body when it is not JSON (an HTML error page): keep it short. */
    static String abbreviate(String message) {
        if (message == null || message.isBlank()) {
            return "no error message";
        }
        String oneLine = message.strip().replaceAll("\\s+", " ");
        return oneLine.length() <= 200 ? oneLine : oneLine.substring(0, 200) + "...";
    }



    /**
     * A network failure: NOT_SENT when the request was never written (refused, unknown host, connect
     * timeout, the attempt's time spent before a connection was made), AMBIGUOUS once it was being
     * written (Resend may have accepted it; a retry on the same Idempotency-Key is safe).
     */
    static ProviderException network(IOException io, boolean written) {
        String what = io.getClass().getSimpleName();
        return ProviderException.of(written ? FailureClass.AMBIGUOUS : FailureClass.NOT_SENT, ResendProvider.ID,
                written ? "no answer from Resend (" + what + "): it may have accepted the email; a retry with the same Idempotency-Key "
                        + "is safe" : "could not connect to Resend (" + what + "): the request was never written, nothing was sent")
                .channel(Channel.EMAIL).cause(io).build();
    }

    /**
     * A failure the SDK is not known to throw: after the request was written it may have been sent,
     * so it is AMBIGUOUS (never a bare exception after the write); before, a bug, rethrown as it is.
     */
    static RuntimeException unexpected(RuntimeException e, LastExchange.Exchange x) {
        if (e instanceof CommsException || !x.written()) {
            return e;
        }
        return ProviderException.of(FailureClass.AMBIGUOUS, ResendProvider.ID, "unexpected failure after the request was written ("
                + e.getClass().getSimpleName() + "): Resend may have accepted it").channel(Channel.EMAIL).httpStatus(x.status()).cause(e)
                .build();
    }

    @Override
    public void close() {
        http.close();
    }

    @Override
    public String toString() {
        return "ResendEmail[api key ****]";
    }
}
