package dev.comms.support;

import dev.comms.Channel;
import dev.comms.spi.Capability;
import java.util.EnumSet;
import java.util.List;

/** A discoverable sandbox provider for every channel, id "sandbox". */
public final class SandboxProvider extends ScriptedProvider {
    /** For ServiceLoader. */
    public SandboxProvider() {
        super("sandbox", EnumSet.allOf(Channel.class), EnumSet.allOf(Capability.class), List.of());
    }

    @Override
    public boolean sandbox() {
        return true;
    }
}
