package dev.comms;

/**
 * Whether a send is real ({@link #LIVE}) or a sandbox run ({@link #TEST}).
 *
 * <p>Test mode runs the whole pipeline (validation, segments, metering, limits) against the sandbox
 * provider from {@code comms-testkit} and never touches a live balance, like the {@code tc_test_}
 * keys of the hosted APIs Comms replaces.
 */
public enum Mode {
    /** Real providers, real money. */
    LIVE,
    /** The sandbox provider and the test balance. */
    TEST
}
