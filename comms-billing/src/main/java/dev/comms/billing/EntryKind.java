package dev.comms.billing;

/** Kinds of journal entries. */
public enum EntryKind {
    /** Credits bought. */
    TOP_UP,
    /** Credits granted (free, promotional, or by an operator). */
    GRANT,
    /** Credits received from a parent account. */
    TRANSFER_IN,
    /** Credits given to a sub-account. */
    TRANSFER_OUT,
    /** A send charged. */
    CHARGE,
    /** A send that could not be charged (recorded, not debited). */
    UNBILLED
}
