/** Comms provider for Twilio (SMS, voice). */
@SuppressWarnings({"requires-automatic", "requires-transitive-automatic"})
module dev.comms.providers.twilio {
    requires transitive dev.comms.api;
    requires twilio;
    requires org.apache.httpcomponents.client5.httpclient5;
    requires org.apache.httpcomponents.core5.httpcore5;

    exports dev.comms.providers.twilio;

    provides dev.comms.spi.CommsProvider with dev.comms.providers.twilio.TwilioProvider;
}
