package dev.comms.internal;

import dev.comms.Channel;
import dev.comms.CommsException;
import dev.comms.ErrorCode;

/** Turns whatever a stage met into the one error type a caller sees. */
final class Failures {
    private Failures() {
    }

    /**
     * @param t anything thrown inside a stage, checked exceptions thrown sneakily included
     * @param channel the channel
     * @param messageId the message id
     * @return {@code t} itself if it is a {@link CommsException}, else an {@code INTERNAL_ERROR} that
     *     names the type (not the text, which may carry SQL or a body) and keeps it as the cause
     */
    static CommsException comms(Throwable t, Channel channel, String messageId) {
        if (t instanceof CommsException c) {
            return c;
        }
        return new CommsException(ErrorCode.INTERNAL_ERROR, "unexpected failure while sending " + channel.key() + " " + messageId + " ("
                + t.getClass().getName() + "): this is a bug in Comms or a plugged-in component; the cause has the details",
                channel, null, t);
    }

    /**
     * Rethrows a VM error (out of memory, stack overflow): nothing can be settled safely after one.
     *
     * @param t anything thrown
     */
    static void rethrowFatal(Throwable t) {
        if (t instanceof VirtualMachineError fatal) {
            throw fatal;
        }
    }
}
