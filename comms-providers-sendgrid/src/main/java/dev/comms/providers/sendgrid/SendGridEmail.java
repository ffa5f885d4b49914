package dev.comms.providers.sendgrid;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sendgrid.Method;
import com.sendgrid.Request;
import com.sendgrid.Response;
import com.sendgrid.SendGrid;
import com.sendgrid.helpers.mail.Mail;
import com.sendgrid.helpers.mail.objects.Content;
import com.sendgrid.helpers.mail.objects.Personalization;
import dev.comms.Channel;
import dev.comms.CommsException;
import dev.comms.DeliveryStatus;
import dev.comms.Email;
import dev.comms.EmailAddress;
import dev.comms.ErrorCode;
import dev.comms.FailureClass;
import dev.comms.InvalidMessageException;
import dev.comms.ProviderException;
import dev.comms.UnsupportedFeatureException;
import dev.comms.spi.Capability;
import dev.comms.spi.EmailResult;
import dev.comms.spi.EmailSender;
import dev.comms.spi.HttpProviders;
import dev.comms.spi.LastExchange;
import dev.comms.spi.LookupResult;
import dev.comms.spi.OutcomeLookup;
import dev.comms.spi.RetryAfter;
import dev.comms.spi.SendContext;
import dev.comms.spi.SentQuery;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.http.conn.ConnectionPoolTimeoutException;

/**
 * Email through SendGrid's v3 Mail Send: one personalization (to, cc, bcc, and the custom args
 * {@code comms_message_id} carrying our message id and {@code comms_hold} the send's credit hold, so
 * delivery events and the Email Activity API can find them), text/plain content before text/html, tags as categories ({@code name:value}) and as
 * custom args; an ambiguous send is looked up in the Email Activity API (see {@link #lookup}).
 */
final class SendGridEmail implements EmailSender, OutcomeLookup {
    /** The personalization custom arg that carries Comms' message id. */
    static final String MESSAGE_ID_ARG = "comms_message_id";
    /** SendGrid accepts at most 10 categories per message. */
    static final int MAX_CATEGORIES = 10;
    /** SendGrid's limit on one category's length. */
    static final int MAX_CATEGORY_LENGTH = 255;
    /** SendGrid's limit on the recipients (to, cc and bcc together) of one personalization. */
    static final int MAX_RECIPIENTS = 1000;
    /** SendGrid's limit on a personalization's custom args, in bytes of JSON. */
    static final int MAX_CUSTOM_ARGS_BYTES = 10_000;
    /** Headers SendGrid sets itself and refuses to take (the rest of its list the facade refuses already). */
    static final Set<String> SENDGRID_HEADERS = Set.of("x-sg-id", "x-sg-eid", "received", "dkim-signature");
    /** How long the Email Activity API may take to list an accepted email: until then "not listed" is unknown. */
    static final Duration ACTIVITY_LAG = Duration.ofMinutes(15);
    /** Message ids that can go into an Email Activity query as they are. */
    private static final Pattern QUERYABLE = Pattern.compile("[A-Za-z0-9_.:-]{1,200}");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final SendGrid sg;
    private final SendGridHttp http;
    private final Clock clock;
    private final Duration timeout;

    SendGridEmail(SendGrid sg, SendGridHttp http, Clock clock, Duration timeout) {
        this.sg = sg;
        this.http = http;
        this.clock = clock;
        this.timeout = timeout;
    }

    /** @return the HTTP layer (its pool size, for tests) */
    SendGridHttp http() {
        return http;
    }

    @Override
    public String id() {
        return SendGridProvider.ID;
    }

    @Override
    public Set<Capability> capabilities() {
        return EnumSet.of(Capability.EMAIL_CC, Capability.EMAIL_BCC, Capability.EMAIL_REPLY_TO, Capability.EMAIL_TAGS,
                Capability.EMAIL_HEADERS);
    }

    /**
     * SendGrid's own limits, while the facade plans: one reply-to (the SDK's {@code Mail} has one),
     * at most {@value #MAX_CATEGORIES} tags of at most {@value #MAX_CATEGORY_LENGTH} characters as
     * {@code name:value}, no tag named {@value #MESSAGE_ID_ARG} or {@code comms_hold}, custom args within
     * {@value #MAX_CUSTOM_ARGS_BYTES} bytes, at most {@value #MAX_RECIPIENTS} recipients, no header
     * SendGrid sets itself, and a sender.
     */
    @Override
    public void check(Email email) {
        limits(email);
    }

    static void limits(Email email) {
        if (email.replyTo().size() > 1) {
            throw new UnsupportedFeatureException("more than one reply-to address", Channel.EMAIL, SendGridProvider.ID);
        }
        if (email.from().isEmpty()) {
            throw new InvalidMessageException(ErrorCode.INVALID_MESSAGE, "from", "SendGrid needs a sender: set from(...) or "
                    + "comms.email.from", Channel.EMAIL);
        }
        if (email.tags().size() > MAX_CATEGORIES) {
            throw new InvalidMessageException(ErrorCode.INVALID_MESSAGE, "tags", "SendGrid takes at most " + MAX_CATEGORIES
                    + " tags (its categories), got " + email.tags().size(), Channel.EMAIL);
        }
        for (String reserved : new String[] {MESSAGE_ID_ARG, SendGridWebhooks.HOLD_ARG}) {
            if (email.tags().containsKey(reserved)) {
                throw new InvalidMessageException(ErrorCode.INVALID_MESSAGE, "tags[" + reserved + "]", "the tag name " + reserved
                        + " is reserved for Comms' correlation on SendGrid", Channel.EMAIL);
            }
        }
        // room for {"comms_message_id":"<message id>","comms_hold":"<hold>"}, whose values are not known while planning
        int argBytes = 200;
        for (Map.Entry<String, String> t : email.tags().entrySet()) {
            if (t.getKey().length() + 1 + t.getValue().length() > MAX_CATEGORY_LENGTH) {
                throw new InvalidMessageException(ErrorCode.INVALID_MESSAGE, "tags[" + t.getKey() + "]", "SendGrid takes categories of at "
                        + "most " + MAX_CATEGORY_LENGTH + " characters, and this tag is the category name:value", Channel.EMAIL);
            }
            argBytes += jsonBytes(t.getKey()) + jsonBytes(t.getValue()) + 2;
        }
        if (argBytes > MAX_CUSTOM_ARGS_BYTES) {
            throw new InvalidMessageException(ErrorCode.INVALID_MESSAGE, "tags", "SendGrid takes at most " + MAX_CUSTOM_ARGS_BYTES
                    + " bytes of custom args, and the tags with Comms' message id come to about " + argBytes, Channel.EMAIL);
        }
        int recipients = email.to().size() + email.cc().size() + email.bcc().size();
        if (recipients > MAX_RECIPIENTS) {
            throw new InvalidMessageException(ErrorCode.INVALID_MESSAGE, "to", "SendGrid takes at most " + MAX_RECIPIENTS
                    + " recipients (to, cc and bcc together) per email, got " + recipients, Channel.EMAIL);
        }
        for (String name : email.headers().keySet()) {
            if (SENDGRID_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
                throw new InvalidMessageException(ErrorCode.INVALID_HEADER, "headers[" + name + "]", "SendGrid sets " + name
                        + " itself and refuses it as a custom header", Channel.EMAIL);
            }
        }
    }

    private static int jsonBytes(String s) {
        try {
            return JSON.writeValueAsString(s).getBytes(StandardCharsets.UTF_8).length;
        } catch (IOException e) {
            return s.length() * 6 + 2;
        }
    }

    static com.sendgrid.helpers.mail.objects.Email address(EmailAddress a) {
        return a.displayName().isPresent() ? new com.sendgrid.helpers.mail.objects.Email(a.address(), a.displayName().get())
                : new com.sendgrid.helpers.mail.objects.Email(a.address());
    }

    /**
     * Maps an email to SendGrid's Mail Send model, without HTTP. Tags become categories
     * {@code name:value} (what SendGrid's statistics group by) and custom args {@code name=value} of
     * the personalization (what its event webhook echoes back).
     *
     * @throws dev.comms.CommsException what {@link #check} throws, so no payload SendGrid would refuse is built
     */
    static Mail mail(Email email, SendContext context) {
        limits(email);
        Mail mail = new Mail();
        mail.setFrom(address(email.from().orElseThrow()));
        mail.setSubject(email.subject());
        Personalization p = new Personalization();
        email.to().forEach(a -> p.addTo(address(a)));
        email.cc().forEach(a -> p.addCc(address(a)));
        email.bcc().forEach(a -> p.addBcc(address(a)));
        p.addCustomArg(MESSAGE_ID_ARG, context.messageId());
        if (!context.holdId().isEmpty()) {
            p.addCustomArg(SendGridWebhooks.HOLD_ARG, context.holdId());
        }
        // tags travel as custom args of the (only) personalization: SendGrid's OpenAPI document types
        // the message-level custom_args as a string, the personalization's as an object
        email.tags().forEach(p::addCustomArg);
        mail.addPersonalization(p);
        email.text().ifPresent(t -> mail.addContent(new Content("text/plain", t)));
        email.html().ifPresent(h -> mail.addContent(new Content("text/html", h)));
        if (!email.replyTo().isEmpty()) {
            mail.setReplyTo(address(email.replyTo().get(0)));
        }
        email.tags().forEach((k, v) -> mail.addCategory(k + ":" + v));
        email.headers().forEach(mail::addHeader);
        return mail;
    }

    @Override
    public EmailResult send(Email email, SendContext context) {
        check(email);
        Request req = new Request();
        req.setMethod(Method.POST);
        req.setEndpoint("mail/send");
        try {
            req.setBody(mail(email, context).build());
        } catch (IOException e) {
            throw ProviderException.of(FailureClass.PERMANENT, SendGridProvider.ID, "the email could not be written as SendGrid's JSON ("
                    + e.getClass().getSimpleName() + "); nothing was sent").channel(Channel.EMAIL).cause(e).build();
        }
        http.begin(HttpProviders.attemptTimeout(context, timeout));
        Response r;
        try {
            r = sg.api(req);
        } catch (IOException e) {
            throw network(e, http.exchange().written());
        } catch (RuntimeException e) {
            throw unexpected(e, http.exchange());
        }
        int status = r.getStatusCode();
        if (status >= 200 && status < 300) {
            // SendGrid answers 202 with X-Message-Id; should a 2xx come without it, the email was still
            // accepted (failing would invite a duplicate), so our message id stands in
            String id = header(r.getHeaders(), "X-Message-Id");
            return new EmailResult(id == null ? "sendgrid-" + context.messageId() : id, DeliveryStatus.SENT);
        }
        throw classify(r, clock.instant(), FailureClass.AMBIGUOUS);
    }

    /**
     * Asks SendGrid's Email Activity API ({@code GET /v3/messages}) for the email carrying our
     * message id in the custom arg {@value #MESSAGE_ID_ARG}: listed, it was accepted (the id is the
     * part of {@code msg_id} before the first dot, which is what {@code X-Message-Id} was); not listed
     * {@link #ACTIVITY_LAG} after the last attempt, it was not. The API needs SendGrid's paid Email
     * Activity History add-on (and a key allowed to read messages): without it SendGrid answers 403 or
     * 404, and the answer is unknown, saying so, so the hold is committed at the end of its lease and
     * reported. A read only: nothing is sent.
     */
    @Override
    public LookupResult lookup(SentQuery query) {
        Instant now = clock.instant();
        if (!QUERYABLE.matcher(query.messageId()).matches()) {
            return new LookupResult.Unknown("the message id cannot be put into an Email Activity query as it is");
        }
        Request req = new Request();
        req.setMethod(Method.GET);
        req.setEndpoint("messages");
        req.addQueryParam("query", "unique_args['" + MESSAGE_ID_ARG + "']=\"" + query.messageId() + "\"");
        req.addQueryParam("limit", "10");
        http.begin(null);
        Response r;
        try {
            r = sg.api(req);
        } catch (IOException e) {
            throw ProviderException.of(FailureClass.NOT_SENT, SendGridProvider.ID, "SendGrid's Email Activity API could not be asked ("
                    + e.getClass().getSimpleName() + ")").channel(Channel.EMAIL).cause(e).build();
        } catch (RuntimeException e) {
            throw e instanceof CommsException ? e : ProviderException.of(FailureClass.NOT_SENT, SendGridProvider.ID,
                    "SendGrid's Email Activity API could not be asked (" + e.getClass().getSimpleName() + ")").channel(Channel.EMAIL)
                    .cause(e).build();
        }
        int status = r.getStatusCode();
        if (status == 403 || status == 404) {
            return new LookupResult.Unknown("SendGrid's Email Activity API answered HTTP " + status + ": it needs the paid Email Activity "
                    + "History add-on and an API key allowed to read messages; without them an ambiguous SendGrid send cannot be "
                    + "looked up, and its hold is committed at the end of its lease");
        }
        if (status != 200) {
            throw classify(r, now, FailureClass.NOT_SENT);
        }
        JsonNode messages;
        try {
            messages = JSON.readTree(r.getBody() == null ? "" : r.getBody()).path("messages");
        } catch (IOException e) {
            throw ProviderException.of(FailureClass.NOT_SENT, SendGridProvider.ID, "SendGrid's Email Activity API answered 200 with a "
                    + "body that is not its JSON").channel(Channel.EMAIL).httpStatus(status).cause(e).build();
        }
        for (JsonNode m : messages) {
            String msgId = m.path("msg_id").asText("");
            if (!msgId.isEmpty()) {
                int dot = msgId.indexOf('.');
                return new LookupResult.Accepted(dot > 0 ? msgId.substring(0, dot) : msgId);
            }
        }
        Instant settled = query.lastAttempt().plus(ACTIVITY_LAG);
        return now.isAfter(settled) ? new LookupResult.NotAccepted()
                : new LookupResult.Unknown("not in SendGrid's email activity yet; it may lag, asked again until " + settled);
    }

    static String header(Map<String, String> headers, String name) {
        if (headers == null) {
            return null;
        }
        for (Map.Entry<String, String> e : headers.entrySet()) {
            if (e.getKey() != null && e.getKey().equalsIgnoreCase(name)) {
                return e.getValue();
            }
        }
        return null;
    }

    /**
     * The SPI's HTTP classification, with SendGrid's rate-limit reset ({@code X-RateLimit-Reset},
     * epoch seconds, against the context's clock) as the wait of a 429.
     *
     * @param onServerError AMBIGUOUS for a send (SendGrid has no idempotency key), NOT_SENT for a read
     */
    static ProviderException classify(Response r, Instant now, FailureClass onServerError) {
        int status = r.getStatusCode();
        String message = "SendGrid: HTTP " + status + errorText(r.getBody());
        if (status >= 500 && onServerError == FailureClass.AMBIGUOUS) {
            message += " (SendGrid has no idempotency key: not retried, the email may have been accepted)";
        }
        ProviderException.Builder b = HttpProviders.classify(SendGridProvider.ID, Channel.EMAIL, status, h -> header(r.getHeaders(), h), now,
                onServerError).message(message);
        if (status == 429) {
            RetryAfter.untilEpochSecond(header(r.getHeaders(), "X-RateLimit-Reset"), now).ifPresent(b::retryAfter);
        }
        return b.build();
    }

    /** The first error message of SendGrid's {@code {"errors":[{"message":...}]}}, without echoing whole bodies. */
    static String errorText(String body) {
        if (body == null || body.isBlank()) {
            return "";
        }
        int i = body.indexOf("\"message\"");
        if (i < 0) {
            return "";
        }
        int start = body.indexOf('"', body.indexOf(':', i) + 1);
        int end = start < 0 ? -1 : body.indexOf('"', start + 1);
        return start < 0 || end < 0 ? "" : ": " + body.substring(start + 1, Math.min(end, start + 201));
    }

    /**
     * A network failure: NOT_SENT when the request was never written (no pooled connection in time,
     * refused, unknown host, connect timeout), AMBIGUOUS once it was (SendGrid may have accepted it).
     * The wait for a pooled connection is also {@linkplain ProviderException#isLocal() local}: it never
     * counts against SendGrid's circuit.
     */
    static ProviderException network(IOException io, boolean written) {
        String what = io.getClass().getSimpleName();
        if (!written && io instanceof ConnectionPoolTimeoutException) {
            return ProviderException.of(FailureClass.NOT_SENT, SendGridProvider.ID, "no pooled connection to SendGrid within the timeout "
                    + "(comms.sendgrid.max-connections): the request was never written, nothing was sent").local()
                    .channel(Channel.EMAIL).cause(io).build();
        }
        return ProviderException.of(written ? FailureClass.AMBIGUOUS : FailureClass.NOT_SENT, SendGridProvider.ID,
                written ? "no answer from SendGrid (" + what + "): the email may have been accepted"
                        : "could not connect to SendGrid (" + what + "): the request was never written, nothing was sent")
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
        return ProviderException.of(FailureClass.AMBIGUOUS, SendGridProvider.ID, "unexpected failure after the request was written ("
                + e.getClass().getSimpleName() + "): SendGrid may have accepted it").channel(Channel.EMAIL).cause(e).build();
    }

    @Override
    public void close() {
        http.close();
    }

    @Override
    public String toString() {
        return "SendGridEmail[api key ****]";
    }
}
