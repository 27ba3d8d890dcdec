-- Accounts with passwords and browser sessions (judged's cmd/judged/auth.c).
-- password_hash: a crypt(3) string (yescrypt, "$y$..."); NULL for users an admin created with a
-- token only: they cannot log in with a password.
ALTER TABLE users ADD COLUMN password_hash text;

-- Session cookies: only the SHA-256 of the cookie's value is stored; the CSRF token is not a
-- secret from its owner (login, signup and GET /me return it) but must not be guessable.
-- expires_at is fixed at creation (14 days): a session is never extended.
CREATE TABLE sessions (
        token_sha256 text PRIMARY KEY,
        user_id      bigint NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        csrf         text NOT NULL,
        created_at   timestamptz NOT NULL DEFAULT now(),
        expires_at   timestamptz NOT NULL
);
CREATE INDEX sessions_expires ON sessions (expires_at);
CREATE INDEX sessions_user ON sessions (user_id);

-- A user's history (GET /me/submissions, newest first) and solved marks (GET /problems).
CREATE INDEX submissions_user_history ON submissions (user_id, id DESC);
CREATE INDEX submissions_user_solved ON submissions (user_id, problem_slug)
        WHERE kind = 'submit' AND verdict = 'AC';
