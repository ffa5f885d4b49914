-- Version 2: the destination region of a hold, so a late settle (a call's duration) is priced with
-- the same country multiplier as the reserve.
ALTER TABLE comms_credit_hold ADD COLUMN region VARCHAR(2) DEFAULT 'ZZ' NOT NULL;
