package dev.comms.billing;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Price books with effective dates: the book in force at an instant is the latest whose
 * {@link PriceBook#effectiveFrom()} is not after it (a book without a date applies from the start).
 */
public final class PriceSchedule {
    private final List<PriceBook> books;

    private PriceSchedule(List<PriceBook> books) {
        this.books = books;
    }

    /**
     * @param books price books; exactly one may have no effective date
     * @return the schedule
     */
    public static PriceSchedule of(PriceBook... books) {
        List<PriceBook> list = new ArrayList<>(List.of(books));
        if (list.isEmpty()) {
            throw new IllegalArgumentException("a price schedule needs at least one price book");
        }
        if (list.stream().filter(b -> b.effectiveFrom().isEmpty()).count() > 1) {
            throw new IllegalArgumentException("only one price book may have no effective date");
        }
        list.sort(Comparator.comparing(b -> b.effectiveFrom().orElse(Instant.MIN)));
        for (int i = 1; i < list.size(); i++) {
            if (list.get(i).effectiveFrom().equals(list.get(i - 1).effectiveFrom())) {
                throw new IllegalArgumentException("two price books start at " + list.get(i).effectiveFrom().orElseThrow());
            }
        }
        return new PriceSchedule(List.copyOf(list));
    }

    /**
     * @param at an instant
     * @return the book in force then
     * @throws IllegalStateException if no book applies yet
     */
    public PriceBook at(Instant at) {
        PriceBook found = null;
        for (PriceBook b : books) {
            if (!b.effectiveFrom().orElse(Instant.MIN).isAfter(at)) {
                found = b;
            }
        }
        if (found == null) {
            throw new IllegalStateException("no price book is in force at " + at + ": add one without an effective date");
        }
        return found;
    }
}
