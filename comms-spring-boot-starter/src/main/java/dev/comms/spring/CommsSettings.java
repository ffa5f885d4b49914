package dev.comms.spring;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;

/**
 * The {@code comms.*} settings of a Spring {@code Environment}, as {@code Comms.builder()} takes them.
 *
 * <p>Keys are collected from every enumerable property source (application.yml and .properties,
 * command-line arguments, system properties, test properties) and each value is read back through the
 * Environment, so Spring's precedence decides (an environment variable such as
 * {@code COMMS_SMS_FROM} overrides {@code comms.sms.from} in application.yml). A YAML list becomes the
 * comma-separated value Comms expects ({@code comms.sms.providers: [twilio, fake]}). Environment
 * variables for keys set nowhere else are read by Comms itself from {@link #environment()}. The
 * starter's own keys ({@code comms.billing.*}, {@code comms.jdbc.*}, {@code comms.metrics.*},
 * {@code comms.health.*}, and {@code comms.server.*} and {@code comms.webhooks.*} for applications
 * built on it) are not handed to Comms, which would warn about keys it does not know.
 */
public final class CommsSettings {
    private static final List<String> STARTER_PREFIXES = List.of("comms.billing.", "comms.jdbc.", "comms.metrics.", "comms.health.",
            "comms.server.", "comms.webhooks.");
    private static final Pattern INDEXED = Pattern.compile("^(.+)\\[(\\d+)]$");

    private final Map<String, String> properties;
    private final Map<String, String> environment;

    private CommsSettings(Map<String, String> properties, Map<String, String> environment) {
        this.properties = Collections.unmodifiableMap(properties);
        this.environment = Collections.unmodifiableMap(environment);
    }

    /**
     * Reads the settings of an Environment.
     *
     * @param env the application's environment
     * @return the settings
     */
    public static CommsSettings of(ConfigurableEnvironment env) {
        Map<String, String> props = new LinkedHashMap<>();
        Map<String, TreeMap<Integer, String>> lists = new LinkedHashMap<>();
        for (PropertySource<?> source : env.getPropertySources()) {
            if (!(source instanceof EnumerablePropertySource<?> e)
                    || StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME.equals(source.getName())) {
                continue;
            }
            for (String name : e.getPropertyNames()) {
                if (!name.startsWith("comms.") || starterKey(name) || props.containsKey(name)) {
                    continue;
                }
                Matcher m = INDEXED.matcher(name);
                if (m.matches()) {
                    String v = env.getProperty(name);
                    if (v != null) {
                        lists.computeIfAbsent(m.group(1), k -> new TreeMap<>()).putIfAbsent(Integer.parseInt(m.group(2)), v);
                    }
                    continue;
                }
                String v = env.getProperty(name);
                if (v != null) {
                    props.put(name, v);
                }
            }
        }
        lists.forEach((key, items) -> props.putIfAbsent(key, String.join(",", items.values())));
        // The environment variables as the Environment holds them (a test may replace that source).
        PropertySource<?> envSource = env.getPropertySources().get(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME);
        Map<String, String> vars = new LinkedHashMap<>();
        if (envSource instanceof EnumerablePropertySource<?> e) {
            for (String name : e.getPropertyNames()) {
                Object v = e.getProperty(name);
                if (v != null) {
                    vars.put(name, v.toString());
                }
            }
        }
        return new CommsSettings(new TreeMap<>(props), vars);
    }

    private static boolean starterKey(String name) {
        for (String p : STARTER_PREFIXES) {
            if (name.startsWith(p)) {
                return true;
            }
        }
        return false;
    }

    /**
     * @return the {@code comms.*} keys and values for {@code Comms.builder().properties(...)}, sorted; never null
     */
    public Map<String, String> properties() {
        return properties;
    }

    /**
     * @return the process environment as the Environment sees it, for {@code Comms.builder().environment(...)}; never null
     */
    public Map<String, String> environment() {
        return environment;
    }

    @Override
    public String toString() {
        return "CommsSettings" + properties.keySet();
    }
}
