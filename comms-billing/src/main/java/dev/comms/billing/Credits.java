package dev.comms.billing;

import dev.comms.Mode;
import dev.comms.Money;
import java.util.Objects;

/**
 * Accounts and their credits on top of a {@link Ledger}: top-ups within limits, idempotent grants,
 * sub-accounts funded from a parent, and the low-balance alert. Each account has a live and a test
 * balance; credits never expire.
 *
 * <pre>{@code
 * Credits credits = new Credits(ledger);
 * credits.topUp("acme", Mode.LIVE, Money.parse("£20"), "stripe-pi_123");   // once per key
 * credits.grant("acme", Mode.TEST, Money.parse("£5"), "welcome");           // test credits
 * credits.fundSubAccount("acme", "acme-eu", Mode.LIVE, Money.parse("£5"), "alloc-7");
 * }</pre>
 */
public final class Credits {
    /** The hosted API's smallest top-up: GBP 5. */
    public static final Money DEFAULT_MIN_TOP_UP = Money.ofPounds(5);
    /** The hosted API's largest top-up: GBP 1,000. */
    public static final Money DEFAULT_MAX_TOP_UP = Money.ofPounds(1000);

    private final Ledger ledger;
    private final Money minTopUp;
    private final Money maxTopUp;
    private volatile LowBalanceMonitor monitor;

    /** @param ledger the ledger, with the default top-up limits */
    public Credits(Ledger ledger) {
        this(ledger, DEFAULT_MIN_TOP_UP, DEFAULT_MAX_TOP_UP);
    }

    /**
     * @param ledger the ledger
     * @param minTopUp the smallest top-up
     * @param maxTopUp the largest top-up
     */
    public Credits(Ledger ledger, Money minTopUp, Money maxTopUp) {
        this.ledger = Objects.requireNonNull(ledger, "ledger");
        this.minTopUp = Objects.requireNonNull(minTopUp, "minTopUp");
        this.maxTopUp = Objects.requireNonNull(maxTopUp, "maxTopUp");
        if (maxTopUp.isLessThan(minTopUp) || minTopUp.isNegative() || minTopUp.isZero()) {
            throw new IllegalArgumentException("top-up limits must satisfy 0 < min <= max: " + minTopUp.format() + ", " + maxTopUp.format());
        }
    }

    /**
     * Adds bought credits, once per key.
     *
     * @param account the account
     * @param mode live or test
     * @param amount between the limits (GBP 5 to GBP 1,000 by default)
     * @param key the payment's id, so a retried top-up credits once
     * @return true if credited now, false if the key was already used
     * @throws IllegalArgumentException if the amount is outside the limits
     */
    public boolean topUp(String account, Mode mode, Money amount, String key) {
        Objects.requireNonNull(amount, "amount");
        if (amount.isLessThan(minTopUp) || maxTopUp.isLessThan(amount)) {
            throw new IllegalArgumentException("Top-up amount " + amount.format() + " is outside the limits: top up between "
                    + minTopUp.format() + " and " + maxTopUp.format());
        }
        boolean done = ledger.credit(account, mode, amount, key, EntryKind.TOP_UP);
        observe(account, mode);
        return done;
    }

    /**
     * Grants credits (no limits), once per key: a retried grant never grants twice.
     *
     * @param account the account
     * @param mode live or test
     * @param amount a positive amount
     * @param key the grant's idempotency key
     * @return true if granted now, false if the key was already used
     */
    public boolean grant(String account, Mode mode, Money amount, String key) {
        boolean done = ledger.credit(account, mode, amount, key, EntryKind.GRANT);
        observe(account, mode);
        return done;
    }

    /**
     * Moves credits from a parent account to a sub-account, once per key.
     *
     * @param parent the paying account
     * @param child the sub-account
     * @param mode live or test
     * @param amount a positive amount
     * @param key the transfer's idempotency key
     * @return true if transferred now, false if the key was already used
     * @throws dev.comms.InsufficientCreditsException if the parent has less available
     */
    public boolean fundSubAccount(String parent, String child, Mode mode, Money amount, String key) {
        boolean done = ledger.transfer(parent, child, mode, amount, key);
        observe(parent, mode);
        observe(child, mode);
        return done;
    }

    /**
     * @param account the account
     * @param mode live or test
     * @return its balance
     */
    public Balance balance(String account, Mode mode) {
        return ledger.balance(account, mode);
    }

    /**
     * Alerts once each time an account's available balance falls below the threshold.
     *
     * @param threshold the threshold
     * @param listener the listener
     * @return the monitor, to hand to {@link LedgerCreditMeter} so sends are observed too
     */
    public LowBalanceMonitor onLowBalance(Money threshold, LowBalanceListener listener) {
        LowBalanceMonitor m = new LowBalanceMonitor(threshold, listener);
        this.monitor = m;
        return m;
    }

    private void observe(String account, Mode mode) {
        LowBalanceMonitor m = monitor;
        if (m != null) {
            m.observe(account, mode, ledger.balance(account, mode).available());
        }
    }

    /** @return the ledger */
    public Ledger ledger() {
        return ledger;
    }
}
