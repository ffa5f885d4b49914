/**
 * Micrometer metrics for Comms, usable without Spring: {@link dev.comms.micrometer.CommsMetrics} (a
 * {@link dev.comms.CommsListener}: sends, provider attempts, SMS segments, cost in pence, billing
 * events, and an Observation per send) and {@link dev.comms.micrometer.CommsHealthMetrics} (circuit and
 * channel state gauges).
 *
 * <p>Module: {@code dev.comms.micrometer}, with a {@code module-info}. micrometer-core and
 * micrometer-observation declare only {@code Automatic-Module-Name}s ({@code micrometer.core},
 * {@code micrometer.observation}, {@code micrometer.commons}), which are stable names chosen by their
 * authors, so this module can require them; the descriptor suppresses javac's
 * {@code requires-automatic} lint for exactly that reason, as comms-api does for libphonenumber.
 *
 * <p>Why a listener and not a wrapper: {@link dev.comms.Comms} is final and its clients are made
 * inside it, so a listener is the one supported hook, which is why it cannot see a send before its
 * outcome (no start event, no in-flight count) and why the observation marks the outcome.
 */
package dev.comms.micrometer;
