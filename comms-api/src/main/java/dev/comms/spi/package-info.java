/**
 * What provider and store modules implement. Applications need not know this package exists.
 *
 * <p>A provider module implements {@link dev.comms.spi.CommsProvider} (registered in
 * {@code META-INF/services} and with {@code provides} in {@code module-info.java}) and one or more
 * channel interfaces: {@link dev.comms.spi.SmsSender}, {@link dev.comms.spi.EmailSender},
 * {@link dev.comms.spi.VoiceCaller}, {@link dev.comms.spi.ChatCompleter}. Each makes exactly one
 * request per call, never retries, and classifies failures as
 * {@link dev.comms.FailureClass NOT_SENT, AMBIGUOUS or PERMANENT}.
 *
 * <p>The pipeline's pluggable stages are {@link dev.comms.spi.IdempotencyStore},
 * {@link dev.comms.spi.Admission} and {@link dev.comms.spi.CreditMeter}; each has a default (in
 * memory, unlimited, not metered) that comms-billing and comms-store-jdbc replace.
 */
package dev.comms.spi;
