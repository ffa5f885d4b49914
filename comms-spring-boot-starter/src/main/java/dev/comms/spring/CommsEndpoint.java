package dev.comms.spring;

import dev.comms.Comms;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.springframework.boot.actuate.endpoint.Access;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;

/**
 * {@code /actuator/comms}: what the facade is configured with ({@link Comms#status()}: secrets shown
 * only as {@code set} or {@code unset}) and what it can do ({@link Comms#version()}). Read-only;
 * exposed over HTTP like any endpoint ({@code management.endpoints.web.exposure.include=comms}).
 */
@Endpoint(id = "comms", defaultAccess = Access.READ_ONLY)
public class CommsEndpoint {
    private final Comms comms;

    /** @param comms the facade */
    public CommsEndpoint(Comms comms) {
        this.comms = Objects.requireNonNull(comms, "comms");
    }

    /**
     * @return {@code status} and {@code version}
     */
    @ReadOperation
    public Map<String, Object> comms() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("status", comms.status());
        m.put("version", comms.version());
        return m;
    }
}
