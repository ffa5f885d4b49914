package dev.comms;

import dev.comms.internal.Json;
import java.util.List;
import java.util.Set;

/**
 * What this build can do, the hosted service's {@code /version}.
 *
 * @param version the comms-api version
 * @param features the facade's features
 * @param providers the providers present
 */
public record Version(String version, List<String> features, List<ProviderInfo> providers) {
    /**
     * Copies the lists.
     *
     * @param version the comms-api version
     * @param features the facade's features
     * @param providers the providers present
     */
    public Version {
        features = List.copyOf(features);
        providers = List.copyOf(providers);
    }

    /**
     * One provider present.
     *
     * @param id the provider id
     * @param version its module version
     * @param channels the channels it serves
     * @param sandbox true for the testkit's fakes
     * @param configured whether its configuration is complete
     */
    public record ProviderInfo(String id, String version, Set<Channel> channels, boolean sandbox, boolean configured) {
        /**
         * Copies the set.
         *
         * @param id the provider id
         * @param version its module version
         * @param channels the channels it serves
         * @param sandbox true for the testkit's fakes
         * @param configured whether its configuration is complete
         */
        public ProviderInfo {
            channels = Set.copyOf(channels);
        }
    }

    /** @return this as JSON */
    public String toJson() {
        return Json.write(this);
    }
}
