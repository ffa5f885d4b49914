/** Comms provider for OpenAI, Azure OpenAI and compatible servers (AI chat), on the JDK's HTTP client and Jackson. */
module dev.comms.providers.openai {
    requires transitive dev.comms.api;
    requires java.net.http;
    requires com.fasterxml.jackson.databind;

    exports dev.comms.providers.openai;

    // Jackson reads and writes the module's wire records
    opens dev.comms.providers.openai to com.fasterxml.jackson.databind;

    provides dev.comms.spi.CommsProvider with dev.comms.providers.openai.OpenAiProvider;
}
