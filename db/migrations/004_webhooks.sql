-- Webhooks (docs/service.md, "Webhooks"): an admin registers a URL for events; each matching
-- event becomes a delivery row (the durable outbox), which judged's delivery threads POST,
-- signed with the webhook's secret, and retry until delivered or out of attempts.

CREATE TABLE webhooks (
        id          bigserial PRIMARY KEY,
        url         text NOT NULL,
        events      text[] NOT NULL,
        -- 32 random bytes as hex: shown once at creation, kept here because judged signs every
        -- delivery with it (HMAC needs the key itself, a hash of it would not do)
        secret      text NOT NULL,
        created_by  bigint REFERENCES users(id) ON DELETE SET NULL,
        created_at  timestamptz NOT NULL DEFAULT now()
);

-- status: pending -> delivered, or pending -> failed after the last attempt. A sender claims a
-- due row by setting lease_until (with FOR UPDATE SKIP LOCKED, so two senders never take the
-- same row); a sender that dies leaves the lease to expire and the row is sent again.
CREATE TABLE webhook_deliveries (
        id               bigserial PRIMARY KEY,
        webhook_id       bigint NOT NULL REFERENCES webhooks(id) ON DELETE CASCADE,
        event            text NOT NULL,
        submission_id    bigint NOT NULL REFERENCES submissions(id) ON DELETE CASCADE,
        status           text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'delivered', 'failed')),
        attempts         integer NOT NULL DEFAULT 0,
        next_at          timestamptz NOT NULL DEFAULT now(),
        lease_until      timestamptz,
        last_status_code integer,
        last_error       text,
        created_at       timestamptz NOT NULL DEFAULT now(),
        delivered_at     timestamptz,
        UNIQUE (webhook_id, event, submission_id)
);
CREATE INDEX webhook_deliveries_due ON webhook_deliveries (next_at) WHERE status = 'pending';
CREATE INDEX webhook_deliveries_log ON webhook_deliveries (webhook_id, id DESC);

-- The outbox is written by the statement that stores a submission's final result (the UPDATE
-- that sets status 'done'), in its transaction: a crash after it cannot lose a delivery, one
-- before it writes neither. Only submissions (kind 'submit'), not Run-button runs.
CREATE FUNCTION webhook_submission_finished() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
        INSERT INTO webhook_deliveries (webhook_id, event, submission_id)
        SELECT w.id, 'submission.finished', NEW.id FROM webhooks w
        WHERE 'submission.finished' = ANY (w.events)
        ON CONFLICT DO NOTHING;
        RETURN NULL;
END
$$;
CREATE TRIGGER submissions_webhooks AFTER UPDATE OF status ON submissions
        FOR EACH ROW WHEN (OLD.status <> 'done' AND NEW.status = 'done' AND NEW.kind = 'submit')
        EXECUTE FUNCTION webhook_submission_finished();
