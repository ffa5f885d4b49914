package dev.comms.internal;

import dev.comms.Channel;
import dev.comms.ErrorCode;
import dev.comms.InvalidMessageException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/** Character-level checks shared by every message type. */
public final class Text {
    private Text() {
    }

    /**
     * True for characters that must never reach a header: C0 and C1 controls (CR, LF, NUL, TAB
     * included), DEL, and the Unicode line and paragraph separators U+2028 and U+2029.
     *
     * @param c a UTF-16 unit
     * @return whether it is forbidden in a header-bound field
     */
    public static boolean isHeaderUnsafe(char c) {
        return c < 0x20 || c == 0x7F || (c >= 0x80 && c <= 0x9F) || c == '\u2028' || c == '\u2029';
    }

    /**
     * True for invisible characters that hide what an address really is: zero-width characters,
     * bidirectional overrides and isolates, the word joiner and the byte-order mark.
     *
     * @param c a UTF-16 unit
     * @return whether it is an invisible formatting character
     */
    public static boolean isInvisibleFormat(char c) {
        return (c >= '\u200B' && c <= '\u200F') || (c >= '\u202A' && c <= '\u202E')
                || (c >= '\u2060' && c <= '\u2064') || (c >= '\u2066' && c <= '\u2069') || c == '\uFEFF';
    }

    /**
     * Refuses a value bound for a header (subject, display name, tag, custom header value) if it
     * holds a control character: {@code "Hi\r\nBcc: x@evil"} would otherwise inject a header.
     *
     * @param field the field name for the error
     * @param value the value; null is allowed (checked elsewhere)
     * @param channel the channel
     * @return the value
     * @throws InvalidMessageException with {@link ErrorCode#INVALID_HEADER}
     */
    public static String headerSafe(String field, String value, Channel channel) {
        if (value == null) {
            return null;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (isHeaderUnsafe(c)) {
                throw new InvalidMessageException(ErrorCode.INVALID_HEADER, field,
                        "contains a control character (" + describe(c) + " at position " + i
                                + "); line breaks and control characters are not allowed in header fields", channel);
            }
        }
        return value;
    }

    /**
     * Checks a custom header name: printable ASCII without spaces or colons (RFC 5322 field-name).
     *
     * @param field the field name for the error
     * @param name the header name
     * @param channel the channel
     * @return the name
     */
    public static String headerName(String field, String name, Channel channel) {
        if (name == null || name.isEmpty()) {
            throw new InvalidMessageException(ErrorCode.INVALID_HEADER, field, "header name is empty", channel);
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c < 33 || c > 126 || c == ':') {
                throw new InvalidMessageException(ErrorCode.INVALID_HEADER, field, "header name '"
                        + printable(name) + "' may hold only printable ASCII without spaces or ':'", channel);
            }
        }
        return name;
    }

    /**
     * Requires an absolute http or https URL.
     *
     * @param field the field name for the error
     * @param url the URL
     * @param channel the channel
     * @return the parsed URI
     */
    public static URI httpUrl(String field, String url, Channel channel) {
        if (url == null || url.isBlank()) {
            throw new InvalidMessageException(ErrorCode.INVALID_MESSAGE, field, "URL is empty: give an absolute https:// URL", channel);
        }
        headerSafe(field, url, channel);
        try {
            URI uri = new URI(url.strip());
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!uri.isAbsolute() || !(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
                throw new InvalidMessageException(ErrorCode.INVALID_MESSAGE, field,
                        "'" + url + "' is not an absolute http(s) URL: give one such as https://example.com/status", channel);
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new InvalidMessageException(ErrorCode.INVALID_MESSAGE, field,
                    "'" + printable(url) + "' is not a valid URL: " + e.getReason(), channel);
        }
    }

    /**
     * Renders a string with control characters escaped, for error messages.
     *
     * @param s any string
     * @return a printable form
     */
    public static String printable(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (isHeaderUnsafe(c) || isInvisibleFormat(c)) {
                sb.append(String.format(Locale.ROOT, "\\u%04X", (int) c));
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    private static String describe(char c) {
        return switch (c) {
            case '\r' -> "CR";
            case '\n' -> "LF";
            case '\t' -> "TAB";
            case 0 -> "NUL";
            default -> String.format(Locale.ROOT, "U+%04X", (int) c);
        };
    }
}
