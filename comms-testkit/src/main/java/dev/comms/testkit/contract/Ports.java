package dev.comms.testkit.contract;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/** Addresses for the {@link Scenario#CONNECTION_REFUSED} scenario. */
public final class Ports {
    private Ports() {
    }

    /**
     * @return {@code http://127.0.0.1:<port>} where nothing listens (a port just bound and released)
     */
    public static String closedPortUrl() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return "http://127.0.0.1:" + s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
