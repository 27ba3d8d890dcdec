-- judged schema, version 1. Applied once, in a transaction, by judged at start (store_migrate).

CREATE TABLE users (
        id          bigserial PRIMARY KEY,
        name        text NOT NULL UNIQUE,
        is_admin    boolean NOT NULL DEFAULT false,
        created_at  timestamptz NOT NULL DEFAULT now()
);

-- API tokens: only the SHA-256 of a token is stored.
CREATE TABLE tokens (
        token_sha256 text PRIMARY KEY,
        user_id      bigint NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        created_at   timestamptz NOT NULL DEFAULT now()
);

-- Problems as loaded from the problem directory (the files stay the source of the cases).
CREATE TABLE problems (
        slug        text PRIMARY KEY,
        title       text NOT NULL,
        difficulty  text,
        n_sample    integer NOT NULL,
        n_cases     integer NOT NULL,
        loaded_at   timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE competitions (
        id          bigserial PRIMARY KEY,
        title       text NOT NULL,
        starts_at   timestamptz NOT NULL,
        ends_at     timestamptz NOT NULL,
        created_by  bigint REFERENCES users(id),
        created_at  timestamptz NOT NULL DEFAULT now(),
        CHECK (ends_at > starts_at)
);

CREATE TABLE competition_problems (
        competition_id bigint NOT NULL REFERENCES competitions(id) ON DELETE CASCADE,
        slug           text NOT NULL REFERENCES problems(slug),
        position       integer NOT NULL,
        PRIMARY KEY (competition_id, slug)
);

CREATE TABLE entries (
        competition_id bigint NOT NULL REFERENCES competitions(id) ON DELETE CASCADE,
        user_id        bigint NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        joined_at      timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (competition_id, user_id)
);

-- The row is written before the queue message and is the source of truth.
-- status: queued -> running -> done (and running -> queued on a retry or a hand-back).
CREATE TABLE submissions (
        id             bigserial PRIMARY KEY,
        user_id        bigint NOT NULL REFERENCES users(id),
        problem_slug   text NOT NULL REFERENCES problems(slug),
        language       text NOT NULL,
        code           text NOT NULL,
        kind           text NOT NULL DEFAULT 'submit' CHECK (kind IN ('submit', 'run')),
        custom_cases   text,            -- run: the user's cases (JSON array)
        competition_id bigint REFERENCES competitions(id),
        status         text NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'running', 'done')),
        attempts       integer NOT NULL DEFAULT 0,
        not_before     timestamptz NOT NULL DEFAULT now(),  -- retry backoff
        enqueued_at    timestamptz,                         -- last XADD
        queue_msg      text,                                -- id of that stream entry
        worker         text,
        lease_until    timestamptz,
        verdict        text,
        message        text,
        passed         integer,
        total          integer,
        time_ms        double precision,
        memory_kb      bigint,
        result_admin   text,           -- judge_result_json(admin = true)
        result_public  text,           -- judge_result_json(admin = false)
        created_at     timestamptz NOT NULL DEFAULT now(),
        started_at     timestamptz,
        finished_at    timestamptz,
        finish_count   integer NOT NULL DEFAULT 0,  -- times a final result was written: 1 once done
        CHECK ((status = 'done') = (verdict IS NOT NULL))
);
CREATE INDEX submissions_pending ON submissions (status, not_before) WHERE status <> 'done';
CREATE INDEX submissions_user_pending ON submissions (user_id) WHERE status <> 'done';
CREATE INDEX submissions_competition ON submissions (competition_id, user_id, created_at)
        WHERE competition_id IS NOT NULL;

CREATE TABLE case_results (
        submission_id bigint NOT NULL REFERENCES submissions(id) ON DELETE CASCADE,
        idx           integer NOT NULL,
        hidden        boolean NOT NULL,
        status        text NOT NULL,
        time_ms       double precision,
        memory_kb     bigint,
        PRIMARY KEY (submission_id, idx)
);
