import type { Answer, Chunk, Passage } from "../domain/types.js";
import { Bm25Index } from "../search/bm25.js";
import { words } from "../search/tokenize.js";

/**
 * The plain baseline every eval run is compared with: documents cut into 500-character windows
 * with 50 characters of overlap (what a default RAG splitter does), BM25 over jieba words, and the
 * top window pasted as the answer — no scoping, no fusion, no answer selection, never a refusal.
 * If the product does not beat this on a question set, its extra machinery is not paying off there.
 */
export class PlainBm25Baseline {
  private readonly windows: Chunk[];
  private readonly bm25: Bm25Index;

  constructor(docs: Array<{ docId: string; title: string; text: string }>, size = 500, overlap = 50) {
    this.windows = [];
    for (const d of docs) {
      for (let at = 0, ord = 0; at < d.text.length; at += size - overlap, ord++) {
        const text = d.text.slice(at, at + size);
        this.windows.push({
          id: `${d.docId}#b${ord}`,
          docId: d.docId,
          title: d.title,
          township: null,
          years: [],
          kinds: [],
          sectionPath: [],
          text,
          span: [at, at + text.length],
          ord,
        });
        if (at + size >= d.text.length) break;
      }
    }
    this.bm25 = Bm25Index.build(this.windows.map((w) => words(w.text)));
  }

  /** The documents as the index holds them: each document's chunks in order, overlaps removed. */
  static fromChunks(chunks: Chunk[]): PlainBm25Baseline {
    const docs = new Map<string, { docId: string; title: string; parts: Chunk[] }>();
    for (const c of chunks) {
      const d = docs.get(c.docId) ?? { docId: c.docId, title: c.title, parts: [] };
      d.parts.push(c);
      docs.set(c.docId, d);
    }
    return new PlainBm25Baseline(
      [...docs.values()].map((d) => ({
        docId: d.docId,
        title: d.title,
        text: d.parts
          .sort((a, b) => a.ord - b.ord)
          .map((c) => c.text)
          .join("\n"),
      })),
    );
  }

  ask(question: string, k = 8): Answer {
    const started = performance.now();
    const query = [...new Set(words(question))].map((term) => ({ term, weight: 1 }));
    const hits = this.bm25.search(query, k);
    const passages: Passage[] = hits.map((h, r) => ({
      rank: r + 1,
      chunk: this.windows[h.index]!,
      score: h.score,
      lexical: h.score,
      vector: null,
    }));
    const top = passages[0]?.chunk;
    return {
      question,
      answer: top?.text ?? "",
      refused: false,
      reason: null,
      citations: top
        ? [{ n: 1, docId: top.docId, title: top.title, sectionPath: "", text: top.text, span: top.span }]
        : [],
      passages,
      latencyMs: performance.now() - started,
      interpretedAs: null,
    };
  }
}
