package dev.comms.support;

/** A provider whose constructor throws, to show one broken jar does not block the others. */
public final class BrokenProvider extends ScriptedProvider {
    /** Always throws. */
    public BrokenProvider() {
        super();
        throw new IllegalStateException("this provider is broken on purpose");
    }
}
