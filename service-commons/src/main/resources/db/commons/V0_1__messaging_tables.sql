-- Delivery bookkeeping every service keeps in its own schema (see ARCHITECTURE.md, "Delivery").

-- Events this service has applied. Claimed in the same transaction as the state change they cause.
CREATE TABLE inbox (
    event_id     uuid PRIMARY KEY,
    topic        text        NOT NULL,
    processed_at timestamptz NOT NULL DEFAULT now()
);

-- Events this service owes to Kafka, written in the same transaction as the state change that caused
-- them, sent after commit and re-sent from here when the causing event is replayed.
CREATE TABLE outbox (
    event_id        uuid PRIMARY KEY,
    source_event_id uuid,
    topic           text        NOT NULL,
    record_key      text        NOT NULL,
    ce_type         text        NOT NULL,
    produced_at     timestamptz NOT NULL,
    payload         text        NOT NULL,
    created_at      timestamptz NOT NULL DEFAULT now(),
    sent_at         timestamptz
);
CREATE INDEX outbox_source_idx ON outbox (source_event_id);
CREATE INDEX outbox_unsent_idx ON outbox (created_at) WHERE sent_at IS NULL;
