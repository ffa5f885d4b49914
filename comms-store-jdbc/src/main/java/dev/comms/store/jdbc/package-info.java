/**
 * The credit ledger on JDBC: {@link dev.comms.store.jdbc.JdbcLedger} on PostgreSQL (several JVMs on
 * one database) or H2 in file mode (one node, no server).
 *
 * <p>Schema management: versioned SQL files shipped in this jar and applied by a small migrator
 * that records versions in {@code comms_schema_version} (PostgreSQL: under an advisory lock). Chosen
 * over Flyway because a library must not impose its migration tool on the host application: Flyway
 * would bring its own version (clashing with the application's Flyway), a database-specific plugin
 * per engine since Flyway 10, and a schema-history table the application may already own. Four
 * tables and a version row do not need more.
 *
 * <p>No other dependency than {@code java.sql}: bring your own driver and pool (HikariCP is what the
 * tests use).
 */
package dev.comms.store.jdbc;
