-- Version 7: commit tallies off the hot account row. A commit of exactly the held amount (the usual
-- send) changes no available credits, only held (down) and debited (up): on PostgreSQL it adds those
-- to one of a few stripe rows per account, chosen at random, instead of locking the account row, so
-- reserves are the only writers of a busy account's row. The account's held = account.held + SUM(held
-- of its stripes), debited likewise; available stays exact on the account row alone (stripes never hold
-- available credits), so a reserve's conditional UPDATE still decides alone. Stripe held is zero or
-- negative; account.held never drops below the holds still pending.
CREATE TABLE comms_credit_tally (
    account VARCHAR(128) NOT NULL,
    mode    VARCHAR(8)   NOT NULL,
    stripe  INT          NOT NULL,
    held    BIGINT       NOT NULL DEFAULT 0,
    debited BIGINT       NOT NULL DEFAULT 0,
    PRIMARY KEY (account, mode, stripe)
);
