package dev.comms;

import java.io.Serializable;
import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * An amount of money in micro-pence (1p = 1,000,000), exact to the last micro-penny.
 *
 * <p>Arithmetic never wraps: an overflow throws {@link ArithmeticException}. Amounts are parsed
 * from decimal strings of pence ({@code "0.15"} is 150,000 micro-pence); anything finer than one
 * micro-penny is refused rather than rounded. A {@code long} holds about GBP 92 billion.
 *
 * <p>Lives in {@code comms-api} (not {@code comms-billing}) because receipts and
 * {@link InsufficientCreditsException} carry it; prices, accounts and ledgers are in
 * {@code comms-billing}.
 *
 * @param microPence the amount in millionths of a penny; may be negative for adjustments
 * @serial exclude
 */
public record Money(long microPence) implements Comparable<Money>, Serializable {
    /** Micro-pence in one penny. */
    public static final long MICROS_PER_PENNY = 1_000_000L;
    /** Nothing. */
    public static final Money ZERO = new Money(0);

    /**
     * @param microPence millionths of a penny
     * @return the amount
     */
    public static Money ofMicroPence(long microPence) {
        return microPence == 0 ? ZERO : new Money(microPence);
    }

    /**
     * @param pence whole pence
     * @return the amount
     * @throws ArithmeticException on overflow
     */
    public static Money ofPence(long pence) {
        return ofMicroPence(Math.multiplyExact(pence, MICROS_PER_PENNY));
    }

    /**
     * @param pounds whole pounds sterling
     * @return the amount
     * @throws ArithmeticException on overflow
     */
    public static Money ofPounds(long pounds) {
        return ofMicroPence(Math.multiplyExact(Math.multiplyExact(pounds, 100L), MICROS_PER_PENNY));
    }

    /**
     * Parses a decimal amount of pence: {@code "3"}, {@code "0.15"}, {@code "0.000001"}. A trailing
     * {@code p} is allowed; {@code "£24.93"} (pounds) is accepted too.
     *
     * @param text the amount
     * @return the amount
     * @throws IllegalArgumentException if it is not a decimal number, or finer than one micro-penny
     * @throws ArithmeticException if it does not fit in a long of micro-pence
     */
    public static Money parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("Amount is empty: write pence as a decimal, for example \"0.15\" or \"3p\"");
        }
        String t = text.strip();
        boolean pounds = false;
        if (t.startsWith("£")) {
            pounds = true;
            t = t.substring(1).strip();
        } else if (t.endsWith("p")) {
            t = t.substring(0, t.length() - 1).strip();
        }
        BigDecimal value;
        try {
            value = new BigDecimal(t);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Amount '" + text + "' is not a decimal number: write pence as \"0.15\" or \"3p\", or pounds as \"£24.93\"", e);
        }
        if (pounds) {
            value = value.movePointRight(2);
        }
        BigDecimal micros = value.movePointRight(6);
        try {
            micros = micros.setScale(0, RoundingMode.UNNECESSARY);
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("Amount '" + text + "' is finer than one micro-penny (0.000001p): round it to at most 6 decimal places of pence", e);
        }
        return ofMicroPence(micros.longValueExact());
    }

    /**
     * @param other the amount to add
     * @return the sum
     * @throws ArithmeticException on overflow
     */
    public Money plus(Money other) {
        return ofMicroPence(Math.addExact(microPence, other.microPence));
    }

    /**
     * @param other the amount to subtract
     * @return the difference
     * @throws ArithmeticException on overflow
     */
    public Money minus(Money other) {
        return ofMicroPence(Math.subtractExact(microPence, other.microPence));
    }

    /**
     * @param factor a whole multiplier (segments, minutes, recipients)
     * @return the product
     * @throws ArithmeticException on overflow
     */
    public Money times(long factor) {
        return ofMicroPence(Math.multiplyExact(microPence, factor));
    }

    /** @return true if below zero */
    public boolean isNegative() {
        return microPence < 0;
    }

    /** @return true if exactly zero */
    public boolean isZero() {
        return microPence == 0;
    }

    /**
     * @param other another amount
     * @return true if this is strictly less than {@code other}
     */
    public boolean isLessThan(Money other) {
        return microPence < other.microPence;
    }

    /** @return the amount in pence as an exact decimal */
    public BigDecimal toPence() {
        return BigDecimal.valueOf(microPence, 6).stripTrailingZeros();
    }

    /**
     * Formats as the hosted API does: below one pound in pence ({@code 0.15p}, {@code 7p}), from one
     * pound in pounds ({@code £24.93}, with more decimals only when they are not zero).
     *
     * @return the formatted amount; never null
     */
    public String format() {
        if (Math.abs(microPence) < 100 * MICROS_PER_PENNY) {
            return plain(toPence()) + "p";
        }
        BigDecimal pounds = BigDecimal.valueOf(microPence, 8).stripTrailingZeros();
        if (pounds.scale() < 2) {
            pounds = pounds.setScale(2, RoundingMode.UNNECESSARY);
        }
        String s = pounds.toPlainString();
        return s.startsWith("-") ? "-£" + s.substring(1) : "£" + s;
    }

    private static String plain(BigDecimal d) {
        return d.signum() == 0 ? "0" : d.toPlainString();
    }

    @Override
    public int compareTo(Money o) {
        return Long.compare(microPence, o.microPence);
    }

    @Override
    public String toString() {
        return format();
    }
}
