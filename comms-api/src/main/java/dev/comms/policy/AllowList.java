package dev.comms.policy;

import dev.comms.ErrorCode;
import dev.comms.Mode;
import dev.comms.internal.PhoneNumbers;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * Only these recipients may be reached, in the given modes: exact E.164 numbers, exact addresses, or
 * {@code *@domain}. The usual use is test mode ({@link #forTestMode}), so a staging system with test
 * keys never reaches a real customer; any other recipient is refused with {@code RECIPIENT_NOT_ALLOWED}.
 *
 * <p>Immutable and thread-safe.
 */
public final class AllowList implements SendPolicy {
    private final Set<String> exact;
    private final List<String> domains;
    private final Set<Mode> modes;

    private AllowList(Set<Mode> modes, String... patterns) {
        this.modes = Set.copyOf(modes);
        java.util.Set<String> e = new java.util.HashSet<>();
        java.util.List<String> d = new java.util.ArrayList<>();
        for (String p : patterns) {
            String q = Objects.requireNonNull(p, "pattern").strip();
            if (q.startsWith("*@")) {
                d.add(q.substring(1).toLowerCase(Locale.ROOT));
            } else {
                e.add(q.startsWith("+") ? q : q.toLowerCase(Locale.ROOT));
            }
        }
        this.exact = Set.copyOf(e);
        this.domains = List.copyOf(d);
    }

    /**
     * @param patterns E.164 numbers, addresses, or {@code *@domain}
     * @return an allow-list that applies in test mode only
     */
    public static AllowList forTestMode(String... patterns) {
        return new AllowList(Set.of(Mode.TEST), patterns);
    }

    /**
     * @param patterns E.164 numbers, addresses, or {@code *@domain}
     * @return an allow-list that applies in every mode
     */
    public static AllowList always(String... patterns) {
        return new AllowList(Set.of(Mode.LIVE, Mode.TEST), patterns);
    }

    private boolean allowed(String r) {
        if (exact.contains(r)) {
            return true;
        }
        for (String d : domains) {
            if (r.endsWith(d)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void check(PolicyContext c) {
        if (!modes.contains(c.mode())) {
            return;
        }
        for (String r : c.recipients()) {
            if (!allowed(r)) {
                throw new PolicyRefusedException(ErrorCode.RECIPIENT_NOT_ALLOWED, name(), "Recipient " + (r.startsWith("+")
                        ? PhoneNumbers.mask(r) : r) + " is not on the allow-list for " + c.mode().name().toLowerCase(Locale.ROOT)
                        + " mode: nothing was sent; add it to the allow-list or use a listed recipient", c.channel());
            }
        }
    }
}
