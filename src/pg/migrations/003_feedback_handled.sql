-- Feedback staff have dealt with (the console's 反馈 page marks it).
CREATE TABLE handled (
  answer_id text PRIMARY KEY REFERENCES answers (id) ON DELETE CASCADE,
  at timestamptz NOT NULL DEFAULT now()
);
