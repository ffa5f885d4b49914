package dev.comms.policy;

import dev.comms.ErrorCode;
import dev.comms.internal.PhoneNumbers;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Recipients an account must not reach any more (a STOP reply, an unsubscribe, a hard bounce), kept
 * per account in memory: a send to one is refused with {@code RECIPIENT_SUPPRESSED} before anything is
 * held or sent. Numbers are matched in E.164, addresses case-insensitively. An email with any
 * suppressed recipient is refused whole (nothing is silently dropped from it).
 *
 * <p>Bounded by what the application adds; persist it yourself (load it at start) if it must
 * survive a restart. Thread-safe.
 */
public final class SuppressionList implements SendPolicy {
    private final Map<String, Set<String>> byAccount = new ConcurrentHashMap<>();

    /** An empty list. */
    public SuppressionList() {
    }

    private static String normalise(String recipient) {
        String r = Objects.requireNonNull(recipient, "recipient").strip();
        return r.startsWith("+") ? r : r.toLowerCase(Locale.ROOT);
    }

    /**
     * @param account the account
     * @param recipient an E.164 number or an email address
     * @return true if it was not suppressed before
     */
    public boolean suppress(String account, String recipient) {
        return byAccount.computeIfAbsent(Objects.requireNonNull(account, "account"), a -> ConcurrentHashMap.newKeySet()).add(normalise(recipient));
    }

    /**
     * @param account the account
     * @param recipient an E.164 number or an email address
     * @return true if it was suppressed
     */
    public boolean unsuppress(String account, String recipient) {
        Set<String> s = byAccount.get(account);
        return s != null && s.remove(normalise(recipient));
    }

    /**
     * @param account the account
     * @param recipient an E.164 number or an email address
     * @return whether sends to it are refused
     */
    public boolean isSuppressed(String account, String recipient) {
        Set<String> s = byAccount.get(account);
        return s != null && s.contains(normalise(recipient));
    }

    @Override
    public void check(PolicyContext c) {
        Set<String> s = byAccount.get(c.account());
        if (s == null || s.isEmpty()) {
            return;
        }
        for (String r : c.recipients()) {
            if (s.contains(r)) {
                throw new PolicyRefusedException(ErrorCode.RECIPIENT_SUPPRESSED, name(), "Recipient " + (r.startsWith("+")
                        ? PhoneNumbers.mask(r) : r) + " opted out of messages from account " + c.account()
                        + ": nothing was sent; remove it from the suppression list only if it opted in again", c.channel());
            }
        }
    }
}
