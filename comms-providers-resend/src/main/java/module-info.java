/** Comms provider for Resend (email). */
@SuppressWarnings({"requires-automatic", "requires-transitive-automatic"})
module dev.comms.providers.resend {
    requires transitive dev.comms.api;
    requires resend.java;
    requires okhttp3;
    requires com.fasterxml.jackson.databind;

    exports dev.comms.providers.resend;

    provides dev.comms.spi.CommsProvider with dev.comms.providers.resend.ResendProvider;
}
