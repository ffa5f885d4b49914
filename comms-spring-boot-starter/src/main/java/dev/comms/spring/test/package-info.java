/**
 * Spring test support: {@link dev.comms.spring.test.AutoConfigureCommsFakes} gives the context the
 * testkit's fakes, so the injected {@code Comms} bean sends into outboxes that the testkit's
 * assertions read. Needs comms-testkit and spring-test (both optional dependencies of the starter).
 */
package dev.comms.spring.test;
