package dev.comms;

import dev.comms.internal.Text;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * An email, immutable and validated when built.
 *
 * <pre>{@code
 * Email email = Email.to("ada@example.com")
 *         .from("hello@example.com", "Acme")
 *         .subject("Your receipt")
 *         .text("Thanks for your order.")
 *         .html("<p>Thanks for your order.</p>")
 *         .tag("category", "receipt")
 *         .build();
 * EmailReceipt receipt = comms.email().send(email);
 * }</pre>
 *
 * <p>At least one recipient in {@code to}, a subject, and at least one of text and html are
 * required. The sender may be left out when {@code comms.email.from} is configured. Subjects,
 * display names, tags and custom headers may not hold line breaks or control characters (header
 * injection is refused, never escaped).
 */
public final class Email {
    /** Headers set through the builder's own methods, which a custom header may not override. */
    private static final Set<String> RESERVED_HEADERS = Set.of("from", "to", "cc", "bcc", "reply-to", "subject",
            "sender", "content-type", "content-transfer-encoding", "mime-version", "date", "message-id");

    private final EmailAddress from;
    private final List<EmailAddress> to;
    private final List<EmailAddress> cc;
    private final List<EmailAddress> bcc;
    private final List<EmailAddress> replyTo;
    private final String subject;
    private final String text;
    private final String html;
    private final Map<String, String> tags;
    private final Map<String, String> headers;

    private Email(Builder b) {
        this.from = b.from;
        this.to = List.copyOf(b.to);
        this.cc = List.copyOf(b.cc);
        this.bcc = List.copyOf(b.bcc);
        this.replyTo = List.copyOf(b.replyTo);
        this.subject = b.subject;
        this.text = b.text;
        this.html = b.html;
        this.tags = Collections.unmodifiableMap(new LinkedHashMap<>(b.tags));
        this.headers = Collections.unmodifiableMap(new LinkedHashMap<>(b.headers));
    }

    /** @return an empty builder */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Starts an email to one or more recipients.
     *
     * @param addresses bare addresses
     * @return a builder
     */
    public static Builder to(String... addresses) {
        return new Builder().to(addresses);
    }

    /** @return a builder holding this email's fields, to derive a variant */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.from = from;
        b.to.addAll(to);
        b.cc.addAll(cc);
        b.bcc.addAll(bcc);
        b.replyTo.addAll(replyTo);
        b.subject = subject;
        b.text = text;
        b.html = html;
        b.tags.putAll(tags);
        b.headers.putAll(headers);
        return b;
    }

    /**
     * @return the sender, unless left to {@code comms.email.from}
     */
    public Optional<EmailAddress> from() {
        return Optional.ofNullable(from);
    }

    /** @return the primary recipients; never empty */
    public List<EmailAddress> to() {
        return to;
    }

    /** @return carbon-copy recipients; never null */
    public List<EmailAddress> cc() {
        return cc;
    }

    /** @return blind carbon-copy recipients; never null */
    public List<EmailAddress> bcc() {
        return bcc;
    }

    /** @return reply-to addresses; never null */
    public List<EmailAddress> replyTo() {
        return replyTo;
    }

    /** @return the subject; never null */
    public String subject() {
        return subject;
    }

    /** @return the plain-text body, if any */
    public Optional<String> text() {
        return Optional.ofNullable(text);
    }

    /** @return the HTML body, if any */
    public Optional<String> html() {
        return Optional.ofNullable(html);
    }

    /** @return tags (name to value) in insertion order; never null */
    public Map<String, String> tags() {
        return tags;
    }

    /** @return custom headers in insertion order; never null */
    public Map<String, String> headers() {
        return headers;
    }

    /** @return to + cc + bcc; the number of mailboxes this email reaches */
    public int recipientCount() {
        return to.size() + cc.size() + bcc.size();
    }

    /**
     * @param sender the sender to use
     * @return the same email from the given sender (used to apply {@code comms.email.from})
     */
    public Email withFrom(EmailAddress sender) {
        Builder b = toBuilder();
        b.from = sender;
        return b.build();
    }

    /** @return a summary without addresses or bodies, safe for logs */
    @Override
    public String toString() {
        return "Email{recipients=" + recipientCount() + ", text=" + (text != null) + ", html=" + (html != null)
                + ", tags=" + tags.size() + ", headers=" + headers.size() + '}';
    }

    /** Builds an {@link Email}; not thread-safe. */
    public static final class Builder {
        private EmailAddress from;
        private final List<EmailAddress> to = new ArrayList<>();
        private final List<EmailAddress> cc = new ArrayList<>();
        private final List<EmailAddress> bcc = new ArrayList<>();
        private final List<EmailAddress> replyTo = new ArrayList<>();
        private String subject;
        private String text;
        private String html;
        private final Map<String, String> tags = new LinkedHashMap<>();
        private final Map<String, String> headers = new LinkedHashMap<>();

        private Builder() {
        }

        /**
         * @param address the sender's bare address
         * @return this builder
         */
        public Builder from(String address) {
            this.from = EmailAddress.parse(address, null, "from");
            return this;
        }

        /**
         * @param address the sender's address
         * @param displayName the name shown
         * @return this builder
         */
        public Builder from(String address, String displayName) {
            this.from = EmailAddress.parse(address, displayName, "from");
            return this;
        }

        /**
         * @param address the sender
         * @return this builder
         */
        public Builder from(EmailAddress address) {
            this.from = address;
            return this;
        }

        /**
         * @param addresses recipients to add
         * @return this builder
         */
        public Builder to(String... addresses) {
            add(to, "to", addresses);
            return this;
        }

        /**
         * @param addresses recipients to add
         * @return this builder
         */
        public Builder to(List<EmailAddress> addresses) {
            to.addAll(addresses);
            return this;
        }

        /**
         * @param addresses copy recipients to add
         * @return this builder
         */
        public Builder cc(String... addresses) {
            add(cc, "cc", addresses);
            return this;
        }

        /**
         * @param addresses blind copy recipients to add
         * @return this builder
         */
        public Builder bcc(String... addresses) {
            add(bcc, "bcc", addresses);
            return this;
        }

        /**
         * @param addresses reply-to addresses to add
         * @return this builder
         */
        public Builder replyTo(String... addresses) {
            add(replyTo, "replyTo", addresses);
            return this;
        }

        /**
         * @param subject the subject line (no line breaks)
         * @return this builder
         */
        public Builder subject(String subject) {
            this.subject = subject;
            return this;
        }

        /**
         * @param text the plain-text body
         * @return this builder
         */
        public Builder text(String text) {
            this.text = text;
            return this;
        }

        /**
         * @param html the HTML body
         * @return this builder
         */
        public Builder html(String html) {
            this.html = html;
            return this;
        }

        /**
         * @param name tag name
         * @param value tag value
         * @return this builder
         */
        public Builder tag(String name, String value) {
            Text.headerSafe("tags.name", name, Channel.EMAIL);
            Text.headerSafe("tags[" + name + "]", value, Channel.EMAIL);
            if (name == null || name.isBlank() || value == null) {
                throw new InvalidMessageException(ErrorCode.INVALID_MESSAGE, "tags", "tag name and value must not be empty", Channel.EMAIL);
            }
            tags.put(name, value);
            return this;
        }

        /**
         * @param name custom header name, such as {@code X-Campaign}
         * @param value its value
         * @return this builder
         */
        public Builder header(String name, String value) {
            Text.headerName("headers", name, Channel.EMAIL);
            if (RESERVED_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
                throw new InvalidMessageException(ErrorCode.INVALID_HEADER, "headers", "'" + name
                        + "' cannot be set as a custom header: use the builder's own method for it", Channel.EMAIL);
            }
            if (value == null) {
                throw new InvalidMessageException(ErrorCode.INVALID_HEADER, "headers[" + name + "]", "header value is null", Channel.EMAIL);
            }
            Text.headerSafe("headers[" + name + "]", value, Channel.EMAIL);
            headers.put(name, value);
            return this;
        }

        /**
         * Validates and builds.
         *
         * @return the email
         * @throws InvalidMessageException naming the first invalid field
         */
        public Email build() {
            if (to.isEmpty()) {
                throw new InvalidMessageException(ErrorCode.INVALID_EMAIL, "to", "at least one recipient is required", Channel.EMAIL);
            }
            if (subject == null || subject.isBlank()) {
                throw new InvalidMessageException(ErrorCode.INVALID_MESSAGE, "subject", "subject is required", Channel.EMAIL);
            }
            Text.headerSafe("subject", subject, Channel.EMAIL);
            if (subject.length() > 998) {
                throw new InvalidMessageException(ErrorCode.MESSAGE_TOO_LONG, "subject", "subject is " + subject.length()
                        + " characters; keep it under 998 (the line limit of RFC 5322)", Channel.EMAIL);
            }
            boolean hasText = text != null && !text.isBlank();
            boolean hasHtml = html != null && !html.isBlank();
            if (!hasText && !hasHtml) {
                throw new InvalidMessageException(ErrorCode.EMPTY_MESSAGE, "text", "give a text or an html body (or both)", Channel.EMAIL);
            }
            if (!hasText) {
                text = null;
            }
            if (!hasHtml) {
                html = null;
            }
            return new Email(this);
        }

        private static void add(List<EmailAddress> list, String field, String... addresses) {
            if (addresses == null) {
                throw new InvalidMessageException(ErrorCode.INVALID_EMAIL, field, "address list is null", Channel.EMAIL);
            }
            for (String a : addresses) {
                list.add(EmailAddress.parse(a, null, field));
            }
        }
    }
}
