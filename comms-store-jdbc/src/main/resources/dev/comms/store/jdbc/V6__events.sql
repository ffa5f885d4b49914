-- Version 6: delivery events shared between JVMs: which provider events were processed (so one
-- delivered a hundred times, to any instance, is processed once) and where each message stands (so a
-- late, earlier-stage event never moves it back). Kept for a window (7 days by default), purged by
-- the facade's maintenance.
CREATE TABLE comms_event_seen (
    provider   VARCHAR(64)  NOT NULL,
    event_id   VARCHAR(255) NOT NULL,
    expires_at TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (provider, event_id)
);

CREATE INDEX comms_event_seen_expiry ON comms_event_seen (expires_at);

CREATE TABLE comms_message_status (
    message_key VARCHAR(320) PRIMARY KEY,
    status      VARCHAR(32)  NOT NULL,
    expires_at  TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE INDEX comms_message_status_expiry ON comms_message_status (expires_at);
