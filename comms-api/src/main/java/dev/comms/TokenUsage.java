package dev.comms;

/**
 * Tokens an AI completion used, as the provider reported them.
 *
 * @param promptTokens tokens read
 * @param completionTokens tokens written
 * @param totalTokens their sum, as reported
 */
public record TokenUsage(long promptTokens, long completionTokens, long totalTokens) {
    /** No usage reported. */
    public static final TokenUsage NONE = new TokenUsage(0, 0, 0);

    /**
     * Refuses negative counts.
     *
     * @param promptTokens tokens read
     * @param completionTokens tokens written
     * @param totalTokens their sum, as reported
     */
    public TokenUsage {
        if (promptTokens < 0 || completionTokens < 0 || totalTokens < 0) {
            throw new IllegalArgumentException("token counts cannot be negative");
        }
    }
}
