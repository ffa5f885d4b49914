package dev.comms.internal;

import dev.comms.spi.Config;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/** An immutable {@link Config} over resolved values; {@link #toString()} shows keys only. */
public final class MapConfig implements Config {
    private final Map<String, String> values;

    /** @param values resolved key/value pairs; blank values are dropped */
    public MapConfig(Map<String, String> values) {
        TreeMap<String, String> copy = new TreeMap<>();
        values.forEach((k, v) -> {
            if (v != null && !v.isBlank()) {
                copy.put(k, v.strip());
            }
        });
        this.values = Collections.unmodifiableMap(copy);
    }

    @Override
    public Optional<String> get(String key) {
        return Optional.ofNullable(values.get(key));
    }

    @Override
    public Set<String> keys() {
        return values.keySet();
    }

    /** @return the key names only: values may be secrets */
    @Override
    public String toString() {
        return "Config" + values.keySet();
    }
}
