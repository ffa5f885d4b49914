-- Version 4: the facade's limits shared between JVMs. A key (a rate or a concurrency cap of one
-- account, mode and channel) holds leased units; its row in comms_limit_key is locked (SELECT ... FOR
-- UPDATE) by whoever takes units, so a key never holds more than its max whatever the race. Leases end
-- on the database clock; ended ones are purged.
CREATE TABLE comms_limit_key (
    limit_key VARCHAR(400) PRIMARY KEY
);

CREATE TABLE comms_limit_lease (
    limit_key  VARCHAR(400) NOT NULL,
    holder     VARCHAR(80)  NOT NULL,
    units      INT          NOT NULL CHECK (units > 0),
    expires_at TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (limit_key, holder)
);

CREATE INDEX comms_limit_lease_end ON comms_limit_lease (expires_at);
