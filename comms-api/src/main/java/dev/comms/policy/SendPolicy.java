package dev.comms.policy;

/**
 * A rule a send must pass before anything is held or sent: a suppression list, quiet hours, an
 * allow-list, or the application's own. Policies run in the order they were added; the first to
 * refuse stops the send with its code. A policy that throws anything else refuses the send too
 * ({@code POLICY_REFUSED}): policies fail closed, they never let a send through by accident.
 *
 * <pre>{@code
 * SuppressionList optedOut = new SuppressionList();
 * Comms comms = Comms.builder().policy(optedOut).policy(AllowList.forTestMode("*@example.com")).build();
 * optedOut.suppress("acme", "+447123456789");   // a STOP reply
 * }</pre>
 *
 * <p>Thread-safety: implementations must be safe for concurrent use, and quick: they run on the
 * sending thread for every send.
 */
@FunctionalInterface
public interface SendPolicy {
    /**
     * Lets the send through by returning, or refuses it.
     *
     * @param context the send
     * @throws PolicyRefusedException to refuse, with a stable code and a sentence saying why
     */
    void check(PolicyContext context);

    /** @return the policy's name for errors and logs (its class name by default) */
    default String name() {
        return getClass().getSimpleName();
    }
}
