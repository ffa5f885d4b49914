package dev.comms.internal;

import dev.comms.Receipt;
import dev.comms.SmsReceipt;
import dev.comms.SmsSegments;

/**
 * What an idempotency record keeps of a receipt, and how a replay gets the whole receipt back. A store
 * may keep an SMS receipt without its body ({@link #compact}: a one-time code per key is most of what a
 * record would otherwise hold); the pipeline's idempotency stage puts the body back from the request
 * being replayed ({@link #restore}), whichever store kept it. A receipt kept whole passes through.
 */
final class StoredReceipts {
    private StoredReceipts() {
    }

    /**
     * @param receipt the receipt a send returned
     * @return the same receipt, an SMS one without its body
     */
    static Receipt compact(Receipt receipt) {
        if (receipt instanceof SmsReceipt r && r.segments() != null && !r.segments().body().isEmpty()) {
            SmsSegments s = r.segments();
            return new SmsReceipt(r.id(), r.account(), r.mode(), r.provider(), r.providerMessageId(), r.status(), r.attempts(), r.billing(),
                    r.timestamp(), r.to(), new SmsSegments(s.encoding(), s.segmentSizes(), s.ucs2Characters(), "", s.smartEncoded()));
        }
        return receipt;
    }

    /**
     * Puts back what {@link #compact} left out, from the request being replayed (the same key and
     * fingerprint, so the same message).
     *
     * @param stored the receipt as stored
     * @param plan the replayed request's plan
     * @return the receipt as it was when first returned
     */
    static Receipt restore(Receipt stored, Plan plan) {
        if (stored instanceof SmsReceipt r && r.segments() != null && r.segments().body().isEmpty() && plan != null
                && plan.segments() != null && plan.segments().segmentSizes().equals(r.segments().segmentSizes())) {
            return new SmsReceipt(r.id(), r.account(), r.mode(), r.provider(), r.providerMessageId(), r.status(), r.attempts(), r.billing(),
                    r.timestamp(), r.to(), plan.segments());
        }
        return stored;
    }
}
