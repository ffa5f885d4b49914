package dev.comms.server;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** {@code comms.server.*}: the example server's own settings. */
@ConfigurationProperties("comms.server")
public class ServerProperties {
    /** API key to account: {@code tc_live_...} keys send live, {@code tc_test_...} keys on the sandbox. Hashed when loaded. */
    private Map<String, String> apiKeys = new LinkedHashMap<>();
    /** The largest request body accepted, in bytes; larger ones get 413. */
    private int maxRequestBytes = 64 * 1024;
    /** The account the communications service (/api/v1/comms) sends for on the sandbox, where it takes no key. */
    private String serviceAccount = "demo";
    private java.util.Map<String, String> relatelSenders = new java.util.LinkedHashMap<>();

    /**
     * @return Relatel endpoint names (such as {@code Employee#1}) mapped to approved SMS senders
     */
    public java.util.Map<String, String> getRelatelSenders() {
        return relatelSenders;
    }

    /** @param relatelSenders endpoint names to senders */
    public void setRelatelSenders(java.util.Map<String, String> relatelSenders) {
        this.relatelSenders = relatelSenders;
    }

    public Map<String, String> getApiKeys() {
        return apiKeys;
    }

    public void setApiKeys(Map<String, String> apiKeys) {
        this.apiKeys = apiKeys;
    }

    public int getMaxRequestBytes() {
        return maxRequestBytes;
    }

    public void setMaxRequestBytes(int maxRequestBytes) {
        this.maxRequestBytes = maxRequestBytes;
    }

    public String getServiceAccount() {
        return serviceAccount;
    }

    public void setServiceAccount(String serviceAccount) {
        this.serviceAccount = serviceAccount;
    }
}
