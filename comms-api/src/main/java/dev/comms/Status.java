package dev.comms;

import dev.comms.internal.Json;
import java.util.List;
import java.util.Map;

/**
 * What is configured, the hosted service's {@code /status}: the mode, the providers per channel and
 * every known setting, with secrets shown only as {@code set} or {@code unset}.
 *
 * @param mode the facade's default mode
 * @param providers provider ids per channel key, in failover order
 * @param settings every declared key with its value, or {@code set}/{@code unset} for secrets
 */
public record Status(Mode mode, Map<String, List<String>> providers, Map<String, String> settings) {
    /**
     * Copies the maps.
     *
     * @param mode the facade's default mode
     * @param providers provider ids per channel key, in failover order
     * @param settings every declared key with its value, or {@code set}/{@code unset} for secrets
     */
    public Status {
        providers = Map.copyOf(providers);
        settings = Map.copyOf(settings);
    }

    /** @return this as JSON, keys sorted */
    public String toJson() {
        return Json.write(this);
    }
}
