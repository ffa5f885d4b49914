package dev.comms.billing;

/** Why a hold is pending, which decides what happens at the end of its lease. */
public enum PendingReason {
    /** The send is under way; if its sender crashed, the hold is released when the lease ends. */
    IN_FLIGHT,
    /**
     * An attempt may have been accepted (an ambiguous answer): a reconciler asks the provider; with no
     * answer by the end of the lease the hold is committed and reported, because the message was
     * probably sent.
     */
    OUTCOME_UNKNOWN
}
