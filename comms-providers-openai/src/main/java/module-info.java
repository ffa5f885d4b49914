/** Comms provider for OpenAI and compatible servers (AI chat). */
@SuppressWarnings({"requires-automatic", "requires-transitive-automatic"})
module dev.comms.providers.openai {
    requires transitive dev.comms.api;
    requires openai.java;
    requires openai.java.core;
    requires openai.java.client.okhttp;

    exports dev.comms.providers.openai;

    provides dev.comms.spi.CommsProvider with dev.comms.providers.openai.OpenAiProvider;
}
