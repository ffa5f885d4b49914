package dev.comms.spi;

/**
 * Implemented by a provider channel that can say, after the fact, whether a send whose answer was
 * lost (an {@link dev.comms.FailureClass#AMBIGUOUS AMBIGUOUS} attempt) was accepted. The facade's
 * reconciler ({@code Comms.reconcile()}) asks it for every hold left <em>outcome unknown</em> and
 * commits or releases the hold by the answer; a provider that cannot be asked leaves the hold to be
 * committed at the end of its lease, and that is reported to listeners.
 *
 * <pre>{@code
 * public LookupResult lookup(SentQuery q) {
 *     for (Message m : Message.reader().setTo(q.recipient()).setDateSentAfter(q.firstAttempt()).read(client)) {
 *         if (q.matches(m.getBody())) return new LookupResult.Accepted(m.getSid());
 *     }
 *     return q.settledAt(clock.instant()) ? new LookupResult.NotAccepted() : new LookupResult.Unknown("not listed yet");
 * }
 * }</pre>
 *
 * <p>Thread-safety: implementations must be safe for concurrent use. A lookup is a read: it must
 * never send anything.
 */
public interface OutcomeLookup {
    /**
     * Looks a send up at the provider.
     *
     * @param query what was sent, to whom and when
     * @return accepted (with the provider's id), not accepted, or unknown (ask again later)
     * @throws dev.comms.ProviderException if the provider could not be asked; the hold stays as it is
     */
    LookupResult lookup(SentQuery query);
}
