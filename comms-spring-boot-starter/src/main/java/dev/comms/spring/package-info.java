/**
 * Spring Boot 4 auto-configuration for Comms: one {@link dev.comms.Comms} bean from the
 * {@code comms.*} settings ({@link dev.comms.spring.CommsAutoConfiguration}), credit metering on the
 * JDBC or in-memory ledger when {@code comms.billing.enabled=true}, Actuator health per channel
 * ({@link dev.comms.spring.CommsHealthIndicator}), the {@code comms} endpoint and info entry
 * ({@link dev.comms.spring.CommsEndpoint}), and Micrometer meters
 * ({@link dev.comms.spring.CommsMetricsAutoConfiguration}).
 *
 * <p>Module: no {@code module-info}; the jar declares {@code Automatic-Module-Name: dev.comms.spring}.
 * Spring Boot and Spring Framework ship as automatic modules and applications run them on the class
 * path; a descriptor would have to open every configuration package to Spring's reflection and
 * require Boot's optional modules (Actuator, health, JDBC) statically, for no user who runs Boot on
 * the module path. The stable name still lets a modular application {@code requires dev.comms.spring}.
 *
 * <p>Jackson: Spring Boot 4 serialises with Jackson 3 ({@code tools.jackson}); comms-api uses Jackson
 * 2 ({@code com.fasterxml.jackson}) for its own JSON views. The two live side by side (different
 * packages; they share {@code jackson-annotations}), and the starter hands Actuator plain records and
 * maps, which either serialises.
 */
package dev.comms.spring;
