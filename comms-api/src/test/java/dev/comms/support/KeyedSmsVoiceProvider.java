package dev.comms.support;

import dev.comms.Channel;
import dev.comms.spi.Capability;
import dev.comms.spi.ConfigKey;
import java.util.EnumSet;
import java.util.List;

/** A discoverable SMS and voice provider (as Twilio is) needing a key and a secret, id "twokeyed". */
public final class KeyedSmsVoiceProvider extends ScriptedProvider {
    /** For ServiceLoader. */
    public KeyedSmsVoiceProvider() {
        super("twokeyed", EnumSet.of(Channel.SMS, Channel.VOICE), EnumSet.allOf(Capability.class), List.of(
                ConfigKey.required("comms.twokeyed.account-sid", "the account"),
                ConfigKey.secret("comms.twokeyed.auth-token", "the secret token")));
    }
}
