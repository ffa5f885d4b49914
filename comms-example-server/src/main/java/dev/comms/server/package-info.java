/**
 * The example server: the hosted APIs Comms replaces, each under its own base path, served from the
 * library through the Spring Boot starter. Not published; a reference for wrapping Comms in HTTP.
 *
 * <p>No {@code module-info}: a Spring Boot application runs on the class path (the executable jar's
 * launcher does not use the module path), and nothing depends on this module.
 */
package dev.comms.server;
