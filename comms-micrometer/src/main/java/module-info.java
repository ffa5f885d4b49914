/**
 * Micrometer metrics for Comms: a listener recording sends, attempts, SMS segments and cost with
 * bounded tags, circuit-state gauges, and an Observation per send.
 */
// micrometer-core, -observation and -commons are automatic modules with declared names (Automatic-Module-Name).
@SuppressWarnings({"requires-automatic", "requires-transitive-automatic"})
module dev.comms.micrometer {
    requires transitive dev.comms.api;
    requires transitive micrometer.core;
    requires transitive micrometer.observation;
    requires micrometer.commons;

    exports dev.comms.micrometer;
}
