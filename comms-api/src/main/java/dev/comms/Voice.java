package dev.comms;

/** The text-to-speech voices a spoken call can use (Amazon Polly voices, as Twilio names them). */
public enum Voice {
    /** British English, female; the default. */
    AMY("Polly.Amy", "en-GB"),
    /** British English, male. */
    BRIAN("Polly.Brian", "en-GB"),
    /** British English, female. */
    EMMA("Polly.Emma", "en-GB"),
    /** American English, female. */
    JOANNA("Polly.Joanna", "en-US"),
    /** American English, male. */
    MATTHEW("Polly.Matthew", "en-US");

    private final String providerName;
    private final String language;

    Voice(String providerName, String language) {
        this.providerName = providerName;
        this.language = language;
    }

    /**
     * @return the name providers use, such as {@code Polly.Amy}
     */
    public String providerName() {
        return providerName;
    }

    /**
     * @return the BCP 47 language, such as {@code en-GB}
     */
    public String language() {
        return language;
    }

    /**
     * Parses {@code "Polly.Amy"}, {@code "amy"} or {@code "AMY"}.
     *
     * @param name the voice name
     * @return the voice
     * @throws InvalidMessageException naming the accepted voices
     */
    public static Voice parse(String name) {
        if (name != null) {
            String n = name.strip();
            for (Voice v : values()) {
                if (v.providerName.equalsIgnoreCase(n) || v.name().equalsIgnoreCase(n)) {
                    return v;
                }
            }
        }
        throw new InvalidMessageException(ErrorCode.INVALID_MESSAGE, "voice", "unknown voice '" + name
                + "': use one of Polly.Amy, Polly.Brian, Polly.Emma, Polly.Joanna, Polly.Matthew", Channel.VOICE);
    }

    @Override
    public String toString() {
        return providerName;
    }
}
