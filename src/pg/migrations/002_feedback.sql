-- Answers and the votes they got, shared by every bot replica (SQLite when no DATABASE_URL).
CREATE TABLE answers (
  id text PRIMARY KEY,
  channel text NOT NULL,
  chat_hash text NOT NULL,
  question text NOT NULL,
  answer text NOT NULL,
  citations jsonb NOT NULL,
  refused boolean NOT NULL,
  at timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE feedback (
  answer_id text NOT NULL REFERENCES answers (id) ON DELETE CASCADE,
  chat_hash text NOT NULL,
  vote text NOT NULL CHECK (vote IN ('up', 'down')),
  at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (answer_id, chat_hash)
);
CREATE INDEX feedback_vote_at ON feedback (vote, at DESC);
