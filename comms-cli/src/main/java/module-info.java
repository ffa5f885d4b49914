/** The comms command line. */
@SuppressWarnings("requires-automatic")
module dev.comms.cli {
    requires dev.comms.api;
    requires dev.comms.testkit;
    requires dev.comms.billing;
    requires info.picocli;
    requires com.fasterxml.jackson.databind;

    opens dev.comms.cli to info.picocli;
}
