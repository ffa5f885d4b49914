-- Version 3: the send that reserved a hold (a reserve repeated after a lost answer finds its own
-- hold), why a hold is pending (in flight: released at lease end; outcome unknown: committed at lease
-- end unless a reconciler settles it first) with what the reconciler asks the provider, and keys that
-- can be used again once their hold was abandoned (released before any provider call): the key lives
-- in key_slot, which an abandon sets to NULL, and only non-NULL slots are unique.
ALTER TABLE comms_credit_hold ADD COLUMN send_id VARCHAR(64) DEFAULT '' NOT NULL;
ALTER TABLE comms_credit_hold ADD COLUMN pending_reason VARCHAR(16) DEFAULT 'IN_FLIGHT' NOT NULL;
ALTER TABLE comms_credit_hold ADD COLUMN reference VARCHAR(2000) DEFAULT '' NOT NULL;
ALTER TABLE comms_credit_hold ADD COLUMN key_slot VARCHAR(255);
UPDATE comms_credit_hold SET key_slot = idem_key;
ALTER TABLE comms_credit_hold DROP CONSTRAINT comms_credit_hold_key;
CREATE UNIQUE INDEX comms_credit_hold_slot ON comms_credit_hold (account, mode, key_slot);
-- the retention purge deletes resolved holds oldest first
CREATE INDEX comms_credit_hold_resolved ON comms_credit_hold (resolved_at);
