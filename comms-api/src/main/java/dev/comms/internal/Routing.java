package dev.comms.internal;

import dev.comms.Channel;
import dev.comms.CommsException;
import dev.comms.Mode;
import dev.comms.ProviderNotFoundException;
import dev.comms.UnsupportedFeatureException;
import dev.comms.spi.Capability;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The failover chains per channel and mode, and which providers can take a given message. */
final class Routing {
    private static final Logger LOG = LoggerFactory.getLogger(Routing.class);

    private final Map<Channel, List<Route>> live;
    private final Map<Channel, Route> sandbox;

    Routing(Map<Channel, List<Route>> live, Map<Channel, Route> sandbox) {
        this.live = live;
        this.sandbox = sandbox;
    }

    /**
     * @param channel the channel
     * @param mode live or test
     * @return the chain, in failover order; empty if none is configured
     */
    List<Route> routes(Channel channel, Mode mode) {
        if (mode == Mode.TEST) {
            Route r = sandbox.get(channel);
            return r == null ? List.of() : List.of(r);
        }
        return live.getOrDefault(channel, List.of());
    }

    /**
     * The providers that can take this message: those declaring every capability it needs and whose
     * own {@code check} accepts it. Decided before anything is held.
     *
     * @param send the send, planned
     * @return the usable chain, never empty
     * @throws CommsException if no provider is configured, or none can take the message (the first
     *     provider's reason)
     */
    <M> List<Route> usable(Send<M, ?, ?> send) {
        List<Route> chain = routes(send.channel, send.mode);
        if (chain.isEmpty()) {
            throw send.mode == Mode.TEST
                    ? new ProviderNotFoundException(send.channel, "Test mode needs the sandbox provider for " + send.channel.key()
                            + ": add dev.comms:comms-testkit to the class path (or add its FakeProvider in code)")
                    : new ProviderNotFoundException(send.channel, "No provider is configured for " + send.channel.key()
                            + ": add a provider module for it (see the provider table in README) with its settings, or choose one with comms."
                            + send.channel.key() + ".providers");
        }
        List<Route> usable = null;
        CommsException firstRefusal = null;
        for (int i = 0; i < chain.size(); i++) {
            Route r = chain.get(i);
            CommsException refusal = refusal(r, send);
            if (refusal == null) {
                if (usable != null) {
                    usable.add(r);
                }
                continue;
            }
            if (usable == null) {
                usable = new ArrayList<>(chain.subList(0, i));
            }
            if (firstRefusal == null) {
                firstRefusal = refusal;
            }
        }
        if (usable == null) {
            return chain;
        }
        if (usable.isEmpty()) {
            throw firstRefusal;
        }
        return List.copyOf(usable);
    }

    private static <M> CommsException refusal(Route r, Send<M, ?, ?> send) {
        for (Capability c : send.plan.required()) {
            if (!r.supports(c)) {
                return new UnsupportedFeatureException(c.name().toLowerCase(Locale.ROOT).replace('_', ' '), send.channel, r.id());
            }
        }
        try {
            send.ops.check(r.impl(), send.message);
            return null;
        } catch (CommsException e) {
            return e;
        } catch (RuntimeException | LinkageError e) {
            LOG.warn("Comms provider '{}' failed to check a {} message ({}); it is skipped for this send", r.id(), send.channel.key(),
                    e.toString());
            return Failures.comms(e, send.channel, send.messageId);
        }
    }
}
