-- Version 5: idempotency records shared between JVMs, so two instances behind a load balancer replay
-- one receipt for one key with or without billing. A claim is a row IN_PROGRESS with a lease; the
-- outcome (a receipt without message bodies, or a failure) is kept until expires_at; the sweeper
-- purges what expired. Times are on the database clock.
CREATE TABLE comms_idempotency (
    account     VARCHAR(128) NOT NULL,
    mode        VARCHAR(8)   NOT NULL,
    idem_key    VARCHAR(255) NOT NULL,
    fingerprint VARCHAR(128) NOT NULL,
    state       VARCHAR(12)  NOT NULL,
    lease_until TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    result      VARCHAR(65536),
    PRIMARY KEY (account, mode, idem_key)
);

CREATE INDEX comms_idempotency_expiry ON comms_idempotency (expires_at);
