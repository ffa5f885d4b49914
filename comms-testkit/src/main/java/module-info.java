/**
 * Comms testkit: fake providers (also the sandbox of test mode), a JUnit 5 extension, AssertJ
 * assertions and the provider contract kit.
 */
@SuppressWarnings("requires-automatic")
module dev.comms.testkit {
    requires transitive dev.comms.api;
    requires static org.junit.jupiter.api;
    requires static org.junit.jupiter.params;
    requires static org.junit.platform.commons;
    requires static org.assertj.core;
    requires com.fasterxml.jackson.databind;
    requires java.net.http;

    exports dev.comms.testkit;
    exports dev.comms.testkit.junit;
    exports dev.comms.testkit.assertj;
    exports dev.comms.testkit.contract;

    provides dev.comms.spi.CommsProvider with dev.comms.testkit.FakeProvider;
}
