/** Comms JDBC store: the credit ledger on PostgreSQL or H2. */
module dev.comms.store.jdbc {
    requires transitive dev.comms.billing;
    requires transitive java.sql;
    requires org.slf4j;

    exports dev.comms.store.jdbc;
}
