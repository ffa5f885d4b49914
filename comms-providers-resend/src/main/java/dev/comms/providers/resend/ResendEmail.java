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
import dev.comms.DeliveryStatus;
import dev.comms.Email;
import dev.comms.EmailAddress;
import dev.comms.FailureClass;
import dev.comms.ProviderException;
import dev.comms.spi.Capability;
import dev.comms.spi.EmailResult;
import dev.comms.spi.EmailSender;
import dev.comms.spi.RetryAfter;
import dev.comms.spi.SendContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/** Email through Resend: single sends and batches of up to 100, each with an Idempotency-Key. */
final class ResendEmail implements EmailSender {
    /** Resend's batch limit. */
    static final int BATCH_LIMIT = 100;

    private final Emails emails;
    private final Batch batch;
    private final ResendHttp http;
    private final java.time.Clock clock;

    ResendEmail(Emails emails, Batch batch, ResendHttp http, java.time.Clock clock) {
        this.emails = emails;
        this.batch = batch;
        this.http = http;
        this.clock = clock;
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

    @Override
    public EmailResult send(Email email, SendContext context) {
        ResendHttp.clear();
        try {
            CreateEmailResponse r = emails.send(options(email), RequestOptions.builder().setIdempotencyKey(context.idempotencyKey()).build());
            if (r == null || r.getId() == null) {
                throw ProviderException.of(FailureClass.AMBIGUOUS, ResendProvider.ID,
                        "Resend accepted the request but its answer had no id; retrying with the same Idempotency-Key returns it")
                        .channel(Channel.EMAIL).httpStatus(statusOrZero()).build();
            }
            return new EmailResult(r.getId(), DeliveryStatus.SENT);
        } catch (ResendException e) {
            throw classify(e);
        } catch (UncheckedIOException e) {
            throw network(e.getCause(), requestStarted());
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
        List<EmailResult> results = new ArrayList<>(list.size());
        for (int from = 0, chunk = 0; from < list.size(); from += BATCH_LIMIT, chunk++) {
            List<CreateEmailOptions> options = new ArrayList<>();
            for (Email e : list.subList(from, Math.min(list.size(), from + BATCH_LIMIT))) {
                options.add(options(e));
            }
            String key = list.size() <= BATCH_LIMIT ? context.idempotencyKey() : context.idempotencyKey() + "/" + chunk;
            ResendHttp.clear();
            try {
                CreateBatchEmailsResponse r = batch.send(options, RequestOptions.builder().setIdempotencyKey(key).build());
                List<BatchEmail> data = r == null ? null : r.getData();
                if (data == null || data.size() != options.size()) {
                    throw ProviderException.of(FailureClass.AMBIGUOUS, ResendProvider.ID, "Resend's batch answer did not list one id per email")
                            .channel(Channel.EMAIL).httpStatus(statusOrZero()).build();
                }
                for (BatchEmail b : data) {
                    results.add(new EmailResult(b.getId(), DeliveryStatus.SENT));
                }
            } catch (ResendException e) {
                throw partial(classify(e), results.size(), list.size());
            } catch (UncheckedIOException e) {
                throw partial(network(e.getCause(), requestStarted()), results.size(), list.size());
            } catch (ProviderException e) {
                throw partial(e, results.size(), list.size());
            }
        }
        return results;
    }

    static CreateEmailOptions options(Email email) {
        CreateEmailOptions.Builder b = CreateEmailOptions.builder()
                .from(format(email.from().orElseThrow(() -> new IllegalArgumentException("email has no sender: set comms.email.from"))))
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
        if (!email.tags().isEmpty()) {
            List<Tag> tags = new ArrayList<>();
            email.tags().forEach((k, v) -> tags.add(Tag.builder().name(k).value(v).build()));
            b.tags(tags);
        }
        if (!email.headers().isEmpty()) {
            b.headers(email.headers());
        }
        return b.build();
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

    private static boolean requestStarted() {
        ResendHttp.Exchange x = ResendHttp.last();
        return x == null || x.requestStarted();
    }

    private int statusOrZero() {
        ResendHttp.Exchange x = ResendHttp.last();
        return x == null ? 0 : x.status();
    }

    private ProviderException classify(ResendException e) {
        int status = e.getStatusCode() == null ? statusOrZero() : e.getStatusCode();
        String name = e.getErrorName();
        String message = "Resend: HTTP " + status + (name == null ? "" : " " + name) + ": " + abbreviate(e.getMessage());
        FailureClass fc;
        Duration retryAfter = null;
        if (status == 429) {
            if ("daily_quota_exceeded".equals(name) || "monthly_quota_exceeded".equals(name)) {
                fc = FailureClass.PERMANENT;
            } else {
                fc = FailureClass.NOT_SENT;
                ResendHttp.Exchange x = ResendHttp.last();
                retryAfter = x == null ? null : RetryAfter.parse(x.retryAfter(), clock.instant()).orElse(null);
            }
        } else if (status == 409) {
            fc = "concurrent_idempotent_requests".equals(name) ? FailureClass.NOT_SENT : FailureClass.PERMANENT;
        } else if (status >= 500 || status == 0) {
            fc = FailureClass.AMBIGUOUS;
        } else {
            fc = FailureClass.PERMANENT;
        }
        ProviderException.Builder b = ProviderException.of(fc, ResendProvider.ID, message).channel(Channel.EMAIL).httpStatus(status)
                .cause(e);
        if (name != null) {
            b.providerCode(name);
        }
        if (retryAfter != null) {
            b.retryAfter(retryAfter);
        }
        return b.build();
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
     * A network failure: NOT_SENT when the request never started (refused, unknown host, connect
     * timeout), AMBIGUOUS once it was being written (Resend may have accepted it).
     */
    static ProviderException network(IOException io, boolean requestStarted) {
        boolean notConnected = !requestStarted || io instanceof ConnectException || io instanceof NoRouteToHostException
                || io instanceof UnknownHostException;
        return ProviderException.of(notConnected ? FailureClass.NOT_SENT : FailureClass.AMBIGUOUS, ResendProvider.ID,
                notConnected ? "could not connect to Resend" : "no answer from Resend (" + io.getClass().getSimpleName()
                        + "): it may have accepted the email; a retry with the same Idempotency-Key is safe")
                .channel(Channel.EMAIL).cause(io).build();
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
