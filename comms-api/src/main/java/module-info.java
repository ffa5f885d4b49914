/**
 * Comms: email, SMS, voice calls and AI chat completions through pluggable providers.
 *
 * <p>{@code dev.comms} is what applications use; {@code dev.comms.spi} is what provider and store
 * modules implement. {@code dev.comms.internal} is not exported.
 */
// libphonenumber ships as an automatic module (Automatic-Module-Name only); nothing better exists.
@SuppressWarnings("requires-automatic")
module dev.comms.api {
    requires transitive org.slf4j;
    requires java.net.http;
    requires com.google.i18n.phonenumbers.libphonenumber;
    requires org.apache.commons.validator;
    requires com.fasterxml.jackson.databind;
    requires com.fasterxml.jackson.datatype.jsr310;

    exports dev.comms;
    exports dev.comms.spi;
    exports dev.comms.policy;
    exports dev.comms.event;

    opens dev.comms to com.fasterxml.jackson.databind;

    uses dev.comms.spi.CommsProvider;
}
