/**
 * The {@code comms} command line (the project's main job): {@code send sms|email|call|chat},
 * {@code segments}, {@code health}, {@code status}, {@code version} and {@code demo}, printing the
 * hosted API's JSON envelope.
 *
 * <p>Dependencies: picocli (annotation-driven subcommands, help and typed options, no transitive
 * dependencies; chosen over commons-cli, which has no subcommands, and JCommander, which is less
 * maintained), Jackson for the envelope (already on comms-api's class path), slf4j-simple so library
 * warnings reach stderr, and comms-testkit as the sandbox. Packaged as one shaded
 * {@code target/comms.jar}.
 */
package dev.comms.cli;
