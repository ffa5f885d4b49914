package dev.comms;

/**
 * What one {@code Comms.reconcile()} pass did.
 *
 * @param looked outcome-unknown sends looked up at their provider
 * @param sent of those, found sent: their holds were committed
 * @param notSent found never sent: their holds were released
 * @param stillUnknown the provider could not tell yet: asked again next pass, committed at lease end
 * @param cannotAsk the provider offers no lookup (or is no longer configured): committed at lease end
 * @param lookupFailures lookups that failed (the provider was unreachable), or 1 when the meter could not list
 *     unknown outcomes (its store was unreachable): tried again next pass
 * @param maintained holds and kept charges the credit meter's maintenance changed
 */
public record ReconcileReport(int looked, int sent, int notSent, int stillUnknown, int cannotAsk, int lookupFailures, int maintained) {
}
