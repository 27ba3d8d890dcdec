-- What a non-admin sees of a failing hidden case in a competition: its input ('input') or
-- nothing ('none'). It can only tighten the problem's own "hidden_failure" setting.
ALTER TABLE competitions ADD COLUMN hidden_failure text NOT NULL DEFAULT 'input'
        CHECK (hidden_failure IN ('input', 'none'));
