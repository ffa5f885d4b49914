/** Comms billing: prices, credits, the ledger SPI and the pipeline's credit meter. */
module dev.comms.billing {
    requires transitive dev.comms.api;
    requires org.slf4j;

    exports dev.comms.billing;
}
