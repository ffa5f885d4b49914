/**
 * Comms: send email, SMS, voice calls and AI chat completions from any JVM application through
 * pluggable providers, with everything that must not differ between providers done once, in
 * process.
 *
 * <p>Start with {@link dev.comms.Comms#builder()}. Messages ({@link dev.comms.Sms},
 * {@link dev.comms.Email}, {@link dev.comms.VoiceCall}, {@link dev.comms.ChatRequest}) are immutable
 * and validated when built; each send returns a typed {@link dev.comms.Receipt} or throws a
 * {@link dev.comms.CommsException} with a stable {@link dev.comms.ErrorCode} and an HTTP-like status.
 *
 * <p>Dependencies, chosen: libphonenumber (the reference for phone metadata; nothing else knows
 * which ranges are allocated), Apache Commons Validator 1.11+ for email syntax (1.10 let control
 * characters through quoted local parts), SLF4J for logging, and Jackson only for the JSON views of
 * health, status and version. {@link dev.comms.Money} lives here rather than in comms-billing
 * because receipts and {@link dev.comms.InsufficientCreditsException} carry it.
 */
package dev.comms;
