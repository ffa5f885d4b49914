package dev.comms.server;

import dev.comms.Mode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * API keys, kept only as SHA-256 hashes: a presented key is hashed and looked up, so no key is held in
 * memory after start-up, and none is ever logged. {@code tc_live_} keys send live (the live balance),
 * {@code tc_test_} keys on the sandbox (the test balance), as the hosted API's keys did.
 */
public final class ApiKeys {
    /** Who a key belongs to. */
    public record Caller(String account, Mode mode) {
        /** @return true for a live key */
        public boolean live() {
            return mode == Mode.LIVE;
        }
    }

    private final Map<String, Caller> byHash = new ConcurrentHashMap<>();

    /**
     * Adds a key.
     *
     * @param key the key ({@code tc_live_...} or {@code tc_test_...})
     * @param account the account it sends for
     * @throws IllegalArgumentException if the key has neither prefix (the message names the account, not the key)
     */
    public void add(String key, String account) {
        Mode mode;
        if (key != null && key.startsWith("tc_live_") && key.length() > 8) {
            mode = Mode.LIVE;
        } else if (key != null && key.startsWith("tc_test_") && key.length() > 8) {
            mode = Mode.TEST;
        } else {
            throw new IllegalArgumentException("comms.server.api-keys: the key of account '" + account
                    + "' must start with tc_live_ (live) or tc_test_ (sandbox)");
        }
        byHash.put(hash(key), new Caller(account, mode));
    }

    /**
     * @param presented the key a request carried
     * @return its caller, or empty if no such key is configured
     */
    public Optional<Caller> resolve(String presented) {
        return presented == null || presented.isBlank() ? Optional.empty() : Optional.ofNullable(byHash.get(hash(presented.strip())));
    }

    /** @return true if no key is configured */
    public boolean isEmpty() {
        return byHash.isEmpty();
    }

    /** @return how many keys are configured */
    public int size() {
        return byHash.size();
    }

    static String hash(String key) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    @Override
    public String toString() {
        return "ApiKeys[" + byHash.size() + " keys]";
    }
}
