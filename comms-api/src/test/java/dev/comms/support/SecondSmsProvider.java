package dev.comms.support;

import dev.comms.Channel;
import dev.comms.spi.Capability;
import java.util.EnumSet;
import java.util.List;

/** A second discoverable SMS provider, id "second", for ambiguity tests. */
public final class SecondSmsProvider extends ScriptedProvider {
    /** For ServiceLoader. */
    public SecondSmsProvider() {
        super("second", EnumSet.of(Channel.SMS), EnumSet.allOf(Capability.class), List.of());
    }
}
