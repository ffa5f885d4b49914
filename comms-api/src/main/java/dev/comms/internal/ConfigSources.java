package dev.comms.internal;

import dev.comms.CommsConfigurationException;
import dev.comms.spi.ConfigKey;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * Resolves configuration from its sources, highest precedence first: values set in code, system
 * properties, environment variables ({@code COMMS_TWILIO_ACCOUNT_SID} for
 * {@code comms.twilio.account-sid}), then {@code comms.properties} files.
 */
public final class ConfigSources {
    private final Map<String, String> code = new LinkedHashMap<>();
    private final Map<String, String> files = new LinkedHashMap<>();
    private Map<String, String> system = Map.of();
    private Map<String, String> environment = Map.of();

    /** Reads nothing yet. */
    public ConfigSources() {
    }

    /**
     * @param key a key
     * @param value its value (null removes it)
     */
    public void put(String key, String value) {
        if (value == null) {
            code.remove(key);
        } else {
            code.put(key, value);
        }
    }

    /**
     * @param properties system properties to read {@code comms.*} keys from
     */
    public void system(Properties properties) {
        Map<String, String> m = new HashMap<>();
        for (String name : properties.stringPropertyNames()) {
            if (name.startsWith("comms.")) {
                m.put(name, properties.getProperty(name));
            }
        }
        this.system = m;
    }

    /**
     * @param env the environment to read {@code COMMS_*} variables from
     */
    public void environment(Map<String, String> env) {
        this.environment = Map.copyOf(env);
    }

    /**
     * Reads a properties file (UTF-8); a missing file is an error.
     *
     * @param path the file
     */
    public void file(Path path) {
        try (Reader r = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
            Properties p = new Properties();
            p.load(r);
            for (String name : p.stringPropertyNames()) {
                files.putIfAbsent(name, p.getProperty(name));
            }
        } catch (IOException e) {
            throw new CommsConfigurationException("cannot read configuration file " + path + ": " + e.getMessage());
        }
    }

    /**
     * Reads {@code comms.properties} from the class path root, if present.
     *
     * @param loader the class loader to look in
     */
    public void classpath(ClassLoader loader) {
        try (InputStream in = loader == null ? null : loader.getResourceAsStream("comms.properties")) {
            if (in == null) {
                return;
            }
            Properties p = new Properties();
            p.load(new java.io.InputStreamReader(in, StandardCharsets.UTF_8));
            for (String name : p.stringPropertyNames()) {
                files.putIfAbsent(name, p.getProperty(name));
            }
        } catch (IOException e) {
            throw new CommsConfigurationException("cannot read comms.properties from the class path: " + e.getMessage());
        }
    }

    /**
     * Resolves every key: the {@code comms.*} keys given in code, system properties and files, plus
     * the known keys looked up in the environment.
     *
     * @param knownKeys keys declared by the facade and the providers
     * @return the resolved configuration
     */
    public MapConfig resolve(Collection<ConfigKey> knownKeys) {
        Map<String, String> out = new HashMap<>(files);
        for (ConfigKey k : knownKeys) {
            String v = environment.get(k.envName());
            if (v != null) {
                out.put(k.name(), v);
            }
        }
        // Channel provider lists and other facade keys are also declared, so the loop above covers them.
        out.putAll(system);
        out.putAll(code);
        return new MapConfig(out);
    }

    /** @return the keys given explicitly in code, system properties or files (not the environment) */
    public java.util.Set<String> explicitKeys() {
        java.util.Set<String> s = new java.util.TreeSet<>(files.keySet());
        s.addAll(system.keySet());
        s.addAll(code.keySet());
        return s;
    }
}
