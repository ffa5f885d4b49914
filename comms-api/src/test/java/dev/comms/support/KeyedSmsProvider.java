package dev.comms.support;

import dev.comms.Channel;
import dev.comms.spi.Capability;
import dev.comms.spi.ConfigKey;
import java.util.EnumSet;
import java.util.List;

/** A discoverable SMS provider needing a key and a secret, id "keyed". */
public final class KeyedSmsProvider extends ScriptedProvider {
    /** For ServiceLoader. */
    public KeyedSmsProvider() {
        super("keyed", EnumSet.of(Channel.SMS), EnumSet.allOf(Capability.class), List.of(
                ConfigKey.required("comms.keyed.account", "the account"),
                ConfigKey.secret("comms.keyed.token", "the secret token")));
    }
}
