package dev.comms.spring;

import dev.comms.Comms;

/**
 * A bean that adjusts the auto-configured {@link Comms.Builder} last, after the starter applied the
 * {@code comms.*} properties and the context's providers, listeners, clock and stores.
 *
 * <pre>{@code
 * @Bean
 * CommsBuilderCustomizer tenants() {
 *     return builder -> builder.property("comms.account", "acme");
 * }
 * }</pre>
 */
@FunctionalInterface
public interface CommsBuilderCustomizer {
    /** @param builder the builder the starter is about to build */
    void customize(Comms.Builder builder);
}
