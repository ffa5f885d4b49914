package dev.comms.providers.sendgrid;

import com.sendgrid.Method;
import com.sendgrid.Request;
import com.sendgrid.Response;
import com.sendgrid.SendGrid;
import com.sendgrid.helpers.mail.Mail;
import com.sendgrid.helpers.mail.objects.Content;
import com.sendgrid.helpers.mail.objects.Personalization;
import dev.comms.Channel;
import dev.comms.DeliveryStatus;
import dev.comms.Email;
import dev.comms.EmailAddress;
import dev.comms.FailureClass;
import dev.comms.ProviderException;
import dev.comms.UnsupportedFeatureException;
import dev.comms.spi.Capability;
import dev.comms.spi.EmailResult;
import dev.comms.spi.EmailSender;
import dev.comms.spi.RetryAfter;
import dev.comms.spi.SendContext;
import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import org.apache.http.conn.ConnectTimeoutException;
import org.apache.http.impl.client.CloseableHttpClient;

/**
 * Email through SendGrid's v3 Mail Send: one personalization (to, cc, bcc, and the custom arg
 * {@code comms_message_id} carrying our message id, so delivery events can be matched), text/plain
 * content before text/html, tags as categories ({@code name:value}) and as custom args.
 */
final class SendGridEmail implements EmailSender {
    private final SendGrid sg;
    private final CloseableHttpClient http;
    private final Clock clock;

    SendGridEmail(SendGrid sg, CloseableHttpClient http, Clock clock) {
        this.sg = sg;
        this.http = http;
        this.clock = clock;
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

    static com.sendgrid.helpers.mail.objects.Email address(EmailAddress a) {
        return a.displayName().isPresent() ? new com.sendgrid.helpers.mail.objects.Email(a.address(), a.displayName().get())
                : new com.sendgrid.helpers.mail.objects.Email(a.address());
    }

    /** The personalization custom arg that carries Comms' message id. */
    static final String MESSAGE_ID_ARG = "comms_message_id";
    /** SendGrid accepts at most 10 categories per message. */
    static final int MAX_CATEGORIES = 10;

    /**
     * Maps an email to SendGrid's Mail Send model, without HTTP. Tags become categories
     * {@code name:value} (what SendGrid's statistics group by) and custom args {@code name=value} of
     * the personalization (what its event webhook echoes back).
     *
     * @throws UnsupportedFeatureException for more than one reply-to, more than 10 tags, or a tag
     *     named {@value #MESSAGE_ID_ARG}
     */
    static Mail mail(Email email, SendContext context) {
        if (email.replyTo().size() > 1) {
            throw new UnsupportedFeatureException("more than one reply-to address", Channel.EMAIL, SendGridProvider.ID);
        }
        if (email.tags().size() > MAX_CATEGORIES) {
            throw new UnsupportedFeatureException("more than " + MAX_CATEGORIES + " tags (SendGrid categories)", Channel.EMAIL,
                    SendGridProvider.ID);
        }
        if (email.tags().containsKey(MESSAGE_ID_ARG)) {
            throw new UnsupportedFeatureException("a tag named " + MESSAGE_ID_ARG + " (reserved for Comms' message id)", Channel.EMAIL,
                    SendGridProvider.ID);
        }
        Mail mail = new Mail();
        mail.setFrom(address(email.from().orElseThrow(() -> new IllegalArgumentException("email has no sender: set comms.email.from"))));
        mail.setSubject(email.subject());
        Personalization p = new Personalization();
        email.to().forEach(a -> p.addTo(address(a)));
        email.cc().forEach(a -> p.addCc(address(a)));
        email.bcc().forEach(a -> p.addBcc(address(a)));
        p.addCustomArg(MESSAGE_ID_ARG, context.messageId());
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
        Request req = new Request();
        req.setMethod(Method.POST);
        req.setEndpoint("mail/send");
        Response r;
        try {
            req.setBody(mail(email, context).build());
            r = sg.api(req);
        } catch (IOException e) {
            throw network(e);
        }
        int status = r.getStatusCode();
        if (status >= 200 && status < 300) {
            // SendGrid answers 202 with X-Message-Id; should a 2xx come without it, the email was still
            // accepted (failing would invite a duplicate), so our message id stands in
            String id = header(r.getHeaders(), "X-Message-Id");
            return new EmailResult(id == null ? "sendgrid-" + context.messageId() : id, DeliveryStatus.SENT);
        }
        throw classify(r, clock.instant());
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

    static ProviderException classify(Response r, Instant now) {
        int status = r.getStatusCode();
        String message = "SendGrid: HTTP " + status + errorText(r.getBody());
        ProviderException.Builder b;
        if (status == 429) {
            b = ProviderException.of(FailureClass.NOT_SENT, SendGridProvider.ID, message);
            RetryAfter.untilEpochSecond(header(r.getHeaders(), "X-RateLimit-Reset"), now).ifPresent(b::retryAfter);
        } else if (status >= 500) {
            b = ProviderException.of(FailureClass.AMBIGUOUS, SendGridProvider.ID, message
                    + " (SendGrid has no idempotency key: not retried, the email may have been accepted)");
        } else {
            b = ProviderException.of(FailureClass.PERMANENT, SendGridProvider.ID, message);
        }
        return b.channel(Channel.EMAIL).httpStatus(status).build();
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

    static ProviderException network(IOException io) {
        boolean notConnected = io instanceof ConnectException || io instanceof NoRouteToHostException || io instanceof UnknownHostException
                || io instanceof ConnectTimeoutException;
        return ProviderException.of(notConnected ? FailureClass.NOT_SENT : FailureClass.AMBIGUOUS, SendGridProvider.ID,
                notConnected ? "could not connect to SendGrid" : "no answer from SendGrid (" + io.getClass().getSimpleName()
                        + "): the email may have been accepted")
                .channel(Channel.EMAIL).cause(io).build();
    }

    @Override
    public void close() {
        try {
            http.close();
        } catch (IOException e) {
            // idle connections only
        }
    }

    @Override
    public String toString() {
        return "SendGridEmail[api key ****]";
    }
}
