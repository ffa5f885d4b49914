package dev.comms.billing;

/** Where a hold is in its life: it leaves {@link #PENDING} exactly once. */
public enum HoldState {
    /** Credits are held; the send is under way (or its outcome is unknown). */
    PENDING,
    /** Charged: the actual cost left the balance, the rest came back. */
    COMMITTED,
    /** Returned in full: nothing was sent. */
    RELEASED,
    /** The lease ran out before a commit or release; the credits came back. */
    EXPIRED
}
