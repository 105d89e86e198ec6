import type { Citation, QuestionScope } from "../domain/types.js";

/** What a conversation remembers of one turn: enough to read the next question in its light. */
export interface Turn {
  /** The question as understood (follow-ups already expanded). */
  question: string;
  scope: QuestionScope;
  citations: Citation[];
  refused: boolean;
  at: number;
}

/**
 * Per-conversation context (one chat, one WeChat user, one CLI session). In-process by default;
 * a shared store (Redis) can implement the same interface for several replicas.
 */
export interface ConversationStore {
  get(id: string): Promise<Turn[]>;
  push(id: string, turn: Turn): Promise<void>;
  clear(id: string): Promise<void>;
}

export interface MemoryStoreOptions {
  /** Turns kept per conversation. */
  maxTurns: number;
  /** A conversation untouched this long is forgotten. */
  ttlMs: number;
  /** Conversations kept at most (least recently used go first). */
  maxConversations: number;
  now?: () => number;
}

export const DEFAULT_MEMORY_STORE: MemoryStoreOptions = { maxTurns: 5, ttlMs: 30 * 60_000, maxConversations: 10_000 };

/** Bounded, expiring, in-process conversation memory (a Map kept in least-recently-used order). */
export class MemoryConversationStore implements ConversationStore {
  private readonly map = new Map<string, { turns: Turn[]; touched: number }>();
  private readonly opts: MemoryStoreOptions;

  constructor(options: Partial<MemoryStoreOptions> = {}) {
    this.opts = { ...DEFAULT_MEMORY_STORE, ...options };
  }

  private now(): number {
    return this.opts.now?.() ?? Date.now();
  }

  async get(id: string): Promise<Turn[]> {
    const e = this.map.get(id);
    if (!e) return [];
    if (this.now() - e.touched > this.opts.ttlMs) {
      this.map.delete(id);
      return [];
    }
    return [...e.turns];
  }

  async push(id: string, turn: Turn): Promise<void> {
    const e = this.map.get(id);
    const fresh = e && this.now() - e.touched <= this.opts.ttlMs ? e.turns : [];
    const turns = [...fresh, turn].slice(-this.opts.maxTurns);
    this.map.delete(id); // re-insert: most recently used last
    this.map.set(id, { turns, touched: this.now() });
    while (this.map.size > this.opts.maxConversations) this.map.delete(this.map.keys().next().value!);
  }

  async clear(id: string): Promise<void> {
    this.map.delete(id);
  }

  get size(): number {
    return this.map.size;
  }
}
