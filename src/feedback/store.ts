import { createHash, randomBytes } from "node:crypto";
import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import Database from "better-sqlite3";
import type { Citation } from "../domain/types.js";

export type Vote = "up" | "down";

export interface FeedbackRow {
  answerId: string;
  vote: Vote;
  question: string;
  answer: string;
  citations: Array<Pick<Citation, "n" | "docId" | "title" | "sectionPath">>;
  chatHash: string;
  channel: string;
  at: string;
  /** When staff marked it handled (ISO time), or null. */
  handledAt?: string | null;
}

/** What the console lists: a vote (or both), a channel, a date range (YYYY-MM-DD, inclusive), handled or not. */
export interface FeedbackFilter {
  vote?: Vote | null;
  channel?: string | null;
  from?: string | null;
  to?: string | null;
  handled?: boolean | null;
  limit?: number;
}

/** A chat id is never stored: only a salted hash, enough to tell one chat's votes apart. */
export function hashChatId(chatId: string | number, salt: string): string {
  return createHash("sha256").update(`${salt}:${chatId}`).digest("hex").slice(0, 16);
}

/** An answer as a store keeps it, so a later vote can point at it. */
export interface AnswerRecord {
  channel: string;
  chatHash: string;
  question: string;
  answer: string;
  citations: Citation[];
  refused: boolean;
}

/** Where answers and votes go: SQLite on one machine, PostgreSQL (DATABASE_URL) for replicas. */
export interface FeedbackSink {
  recordAnswer(a: AnswerRecord): string | Promise<string>;
  vote(answerId: string, chatHash: string, vote: Vote): boolean | Promise<boolean>;
  recent(vote: Vote, limit?: number): FeedbackRow[] | Promise<FeedbackRow[]>;
  /** Votes by filter, newest first (the console). */
  list(filter: FeedbackFilter): FeedbackRow[] | Promise<FeedbackRow[]>;
  /** Mark an answer's feedback handled; false when the answer is unknown. */
  markHandled(answerId: string): boolean | Promise<boolean>;
  close(): void | Promise<void>;
}

/** The citation fields kept with an answer. */
export const citedFields = (citations: Citation[]) =>
  citations.map(({ n, docId, title, sectionPath }) => ({ n, docId, title, sectionPath }));

/** A short random answer id (fits Telegram's callback_data). */
export const newAnswerId = () => randomBytes(8).toString("hex");

/**
 * Answers and the 👍/👎 they got, in SQLite (a real embedded database; WAL mode so a reader such
 * as `npm run feedback` does not block the bot).
 */
export class FeedbackStore implements FeedbackSink {
  private readonly db: Database.Database;

  constructor(file: string) {
    if (file !== ":memory:") mkdirSync(dirname(file), { recursive: true });
    this.db = new Database(file);
    this.db.pragma("journal_mode = WAL");
    this.db.exec(`
      CREATE TABLE IF NOT EXISTS answers (
        id TEXT PRIMARY KEY, channel TEXT NOT NULL, chat_hash TEXT NOT NULL, question TEXT NOT NULL,
        answer TEXT NOT NULL, citations TEXT NOT NULL, refused INTEGER NOT NULL, at TEXT NOT NULL);
      CREATE TABLE IF NOT EXISTS feedback (
        answer_id TEXT NOT NULL REFERENCES answers(id), chat_hash TEXT NOT NULL, vote TEXT NOT NULL CHECK (vote IN ('up','down')),
        at TEXT NOT NULL, PRIMARY KEY (answer_id, chat_hash));
      CREATE INDEX IF NOT EXISTS feedback_at ON feedback(vote, at);
      CREATE TABLE IF NOT EXISTS handled (answer_id TEXT PRIMARY KEY REFERENCES answers(id), at TEXT NOT NULL);
    `);
  }

  /** Remember an answer so a later vote can point at it; returns its short id (fits callback_data). */
  recordAnswer(a: AnswerRecord): string {
    const id = newAnswerId();
    const cites = citedFields(a.citations);
    this.db
      .prepare(
        "INSERT INTO answers (id, channel, chat_hash, question, answer, citations, refused, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
      )
      .run(
        id,
        a.channel,
        a.chatHash,
        a.question,
        a.answer,
        JSON.stringify(cites),
        a.refused ? 1 : 0,
        new Date().toISOString(),
      );
    return id;
  }

  /** Store (or change) a chat's vote on an answer; false when the answer is unknown. */
  vote(answerId: string, chatHash: string, vote: Vote): boolean {
    const known = this.db.prepare("SELECT 1 FROM answers WHERE id = ?").get(answerId);
    if (!known) return false;
    this.db
      .prepare(
        "INSERT INTO feedback (answer_id, chat_hash, vote, at) VALUES (?, ?, ?, ?) ON CONFLICT(answer_id, chat_hash) DO UPDATE SET vote = excluded.vote, at = excluded.at",
      )
      .run(answerId, chatHash, vote, new Date().toISOString());
    return true;
  }

  recent(vote: Vote, limit = 20): FeedbackRow[] {
    return this.list({ vote, limit });
  }

  list(filter: FeedbackFilter): FeedbackRow[] {
    const where: string[] = [];
    const params: Array<string | number> = [];
    const add = (sql: string, value: string) => {
      where.push(sql);
      params.push(value);
    };
    if (filter.vote) add("f.vote = ?", filter.vote);
    if (filter.channel) add("a.channel = ?", filter.channel);
    if (filter.from) add("f.at >= ?", filter.from);
    // "to" is a day, inclusive
    if (filter.to) add("f.at < ?", `${filter.to}\uffff`);
    if (filter.handled === true) where.push("h.at IS NOT NULL");
    if (filter.handled === false) where.push("h.at IS NULL");
    const rows = this.db
      .prepare(
        `SELECT f.answer_id, f.vote, a.question, a.answer, a.citations, f.chat_hash, a.channel, f.at, h.at AS handled_at
         FROM feedback f JOIN answers a ON a.id = f.answer_id LEFT JOIN handled h ON h.answer_id = f.answer_id
         ${where.length ? `WHERE ${where.join(" AND ")}` : ""} ORDER BY f.at DESC LIMIT ?`,
      )
      .all(...params, filter.limit ?? 200) as Array<{
      answer_id: string;
      vote: Vote;
      question: string;
      answer: string;
      citations: string;
      chat_hash: string;
      channel: string;
      at: string;
      handled_at: string | null;
    }>;
    return rows.map((r) => ({
      answerId: r.answer_id,
      vote: r.vote,
      question: r.question,
      answer: r.answer,
      citations: JSON.parse(r.citations),
      chatHash: r.chat_hash,
      channel: r.channel,
      at: r.at,
      handledAt: r.handled_at,
    }));
  }

  markHandled(answerId: string): boolean {
    if (!this.db.prepare("SELECT 1 FROM answers WHERE id = ?").get(answerId)) return false;
    this.db
      .prepare("INSERT INTO handled (answer_id, at) VALUES (?, ?) ON CONFLICT(answer_id) DO NOTHING")
      .run(answerId, new Date().toISOString());
    return true;
  }

  close(): void {
    this.db.close();
  }
}
