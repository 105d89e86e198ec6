import {
  type AnswerRecord,
  citedFields,
  type FeedbackFilter,
  type FeedbackRow,
  type FeedbackSink,
  newAnswerId,
  type Vote,
} from "../feedback/store.js";
import type { Pool } from "./db.js";

/** Answers and votes in PostgreSQL (tables from migration 002), one place for every replica. */
export class PgFeedbackStore implements FeedbackSink {
  constructor(private readonly pool: Pool) {}

  async recordAnswer(a: AnswerRecord): Promise<string> {
    const id = newAnswerId();
    await this.pool.query(
      "INSERT INTO answers (id, channel, chat_hash, question, answer, citations, refused) VALUES ($1, $2, $3, $4, $5, $6, $7)",
      [id, a.channel, a.chatHash, a.question, a.answer, JSON.stringify(citedFields(a.citations)), a.refused],
    );
    return id;
  }

  async vote(answerId: string, chatHash: string, vote: Vote): Promise<boolean> {
    const r = await this.pool.query(
      `INSERT INTO feedback (answer_id, chat_hash, vote) SELECT id, $2, $3 FROM answers WHERE id = $1
       ON CONFLICT (answer_id, chat_hash) DO UPDATE SET vote = excluded.vote, at = now()`,
      [answerId, chatHash, vote],
    );
    return (r.rowCount ?? 0) > 0;
  }

  async recent(vote: Vote, limit = 20): Promise<FeedbackRow[]> {
    return this.list({ vote, limit });
  }

  async list(filter: FeedbackFilter): Promise<FeedbackRow[]> {
    const where: string[] = [];
    const params: unknown[] = [];
    const add = (sql: (p: string) => string, value: unknown) => {
      params.push(value);
      where.push(sql(`$${params.length}`));
    };
    if (filter.vote) add((p) => `f.vote = ${p}`, filter.vote);
    if (filter.channel) add((p) => `a.channel = ${p}`, filter.channel);
    if (filter.from) add((p) => `f.at >= ${p}::date`, filter.from);
    // "to" is a day, inclusive
    if (filter.to) add((p) => `f.at < (${p}::date + 1)`, filter.to);
    if (filter.handled === true) where.push("h.at IS NOT NULL");
    if (filter.handled === false) where.push("h.at IS NULL");
    params.push(filter.limit ?? 200);
    const r = await this.pool.query<{
      answer_id: string;
      vote: Vote;
      question: string;
      answer: string;
      citations: FeedbackRow["citations"];
      chat_hash: string;
      channel: string;
      at: Date;
      handled_at: Date | null;
    }>(
      `SELECT f.answer_id, f.vote, a.question, a.answer, a.citations, f.chat_hash, a.channel, f.at, h.at AS handled_at
       FROM feedback f JOIN answers a ON a.id = f.answer_id LEFT JOIN handled h ON h.answer_id = f.answer_id
       ${where.length ? `WHERE ${where.join(" AND ")}` : ""} ORDER BY f.at DESC LIMIT $${params.length}`,
      params,
    );
    return r.rows.map((x) => ({
      answerId: x.answer_id,
      vote: x.vote,
      question: x.question,
      answer: x.answer,
      citations: x.citations,
      chatHash: x.chat_hash,
      channel: x.channel,
      at: new Date(x.at).toISOString(),
      handledAt: x.handled_at ? new Date(x.handled_at).toISOString() : null,
    }));
  }

  async markHandled(answerId: string): Promise<boolean> {
    const r = await this.pool.query(
      "INSERT INTO handled (answer_id) SELECT id FROM answers WHERE id = $1 ON CONFLICT (answer_id) DO NOTHING",
      [answerId],
    );
    if ((r.rowCount ?? 0) > 0) return true;
    return ((await this.pool.query("SELECT 1 FROM handled WHERE answer_id = $1", [answerId])).rowCount ?? 0) > 0;
  }

  private closed = false;

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.pool.end();
  }
}
