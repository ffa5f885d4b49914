/** Comms provider for SendGrid (email). */
@SuppressWarnings({"requires-automatic", "requires-transitive-automatic"})
module dev.comms.providers.sendgrid {
    requires dev.comms.api;
    requires sendgrid.java;
    requires java.http.client;
    requires org.apache.httpcomponents.httpclient;
    requires org.apache.httpcomponents.httpcore;

    exports dev.comms.providers.sendgrid;

    provides dev.comms.spi.CommsProvider with dev.comms.providers.sendgrid.SendGridProvider;
}
