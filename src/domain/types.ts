import type { QuestionType } from "./zh.js";

/** Core data shapes shared by every stage: corpus → ingest → search → retrieve → answer → channels. */

/** 计划/总结/要点 are plans and reviews (years and plan-vs-result scope them); the rest are the other texts a county publishes. */
export const DOC_KINDS = ["计划", "总结", "要点", "通知", "方案", "解读", "指南", "新闻", "其他"] as const;
export type DocKind = (typeof DOC_KINDS)[number];
/** The kinds that plan or review a year's work. */
export const PLAN_KINDS: readonly DocKind[] = ["计划", "总结", "要点"];
export const isPlanKind = (k: DocKind) => PLAN_KINDS.includes(k);

/** One plan document as the product knows it (metadata from the sidecar, else inferred). */
export interface SourceDoc {
  docId: string;
  /** Path relative to the corpus folder. */
  file: string;
  title: string;
  township: string | null;
  county: string | null;
  city: string | null;
  province: string | null;
  years: number[];
  kinds: DocKind[];
  /** How the file was read: "utf-8", "gb18030", "docx", "pdf", "html"… */
  encoding: string;
  /** Which fields came from the sidecar rather than inference, for the ingest report. */
  fromSidecar: string[];
}

/** A heading found in a document, with its place in the tree. */
export interface Heading {
  /** Marker family: "part" for 第一部分, "cn" for 一、, "pcn" for （一）, "num" for 1. , "pnum" for （1）, "is" for 一是. */
  type: HeadingType;
  /** Ordinal value (1-based); 0 when the number was redacted (`**.`). */
  value: number;
  /** The marker as written, e.g. "（二）", "1.", "三是". */
  marker: string;
  /** Short title text after the marker. */
  title: string;
  /** Offsets in the cleaned text. */
  start: number;
  end: number;
  depth: number;
}

/** Marker families, plus "style" for a heading the file format marks (Word Heading n, HTML h1–h6). */
/** (annex: an attachment, 附件 or 附件1：…, which opens a part of its own whatever came before) */
export type HeadingType = "part" | "cn" | "pcn" | "num" | "pnum" | "is" | "style" | "annex";

/** A retrievable unit: whole sentences from one section. */
export interface Chunk {
  id: string;
  docId: string;
  title: string;
  township: string | null;
  /** Years this chunk speaks about: its section's year when stated, else the document's. */
  years: number[];
  /** Kind of its section when stated (2021年工作情况 → 总结), else the document's kinds. */
  kinds: DocKind[];
  sectionPath: string[];
  /** Cleaned chunk text (whitespace artefacts removed, punctuation unified); the numbers are untouched. */
  text: string;
  /** [start, end) character offsets of the chunk in the original file text. */
  span: [number, number];
  /** Position of the chunk in its document. */
  ord: number;
  /** A table row rendered as "表头：值；…": answered and cited whole. */
  isRow?: boolean;
}

/**
 * Key of a chunk's place in its document's headings: its document and a heading path (the list a heading-item chunk
 * belongs to is its parent path's). Not NUL between the parts: PostgreSQL text cannot hold it.
 */
export const listKey = (docId: string, path: string[]) => `${docId}\u001f${path.join("\u001f")}`;

export interface Passage {
  /** 1-based position in the list shown (a passage the answer cites comes first). */
  rank: number;
  /** The rank retrieval gave it, where the answer moved it (its cited passages first). */
  retrieved?: number;
  chunk: Chunk;
  /** Fused score (higher is better). */
  score: number;
  lexical: number | null;
  vector: number | null;
}

export interface Citation {
  n: number;
  docId: string;
  title: string;
  sectionPath: string;
  text: string;
  span: [number, number];
}

export interface Answer {
  question: string;
  /** The answer body, without the source list. */
  answer: string;
  refused: boolean;
  /** Machine-readable reason when refused or when the input was rejected. */
  reason: RefusalReason | null;
  citations: Citation[];
  passages: Passage[];
  latencyMs: number;
  /** The question as understood when a follow-up was rewritten from the conversation ("那80岁的呢？" → …). */
  interpretedAs: string | null;
  /** How much of the question the chosen evidence covers (0–1), when an answer was composed. */
  confidence?: number;
  /** Parts of a several-part question the documents do not answer (the answer covers the rest). */
  missing?: string[];
  /** "llm" when the optional model's reply passed the checks; absent for the extractive answer. */
  answeredBy?: "llm" | "extractive";
}

export type RefusalReason =
  | "invalid-question"
  | "unknown-township"
  | "uncovered-year"
  | "no-evidence"
  | "detail-missing"
  | "kind-missing"
  /** A library of separate events (news, notices) and a question that names none of them ("主办方是谁？"). */
  | "unspecific";

/** What a question is about: township, year, plan-or-result, and the shape of answer it asks for. */
export interface QuestionScope {
  /** A township of the corpus the question names. */
  township: string | null;
  /** A township the question names that the corpus does not have. */
  unknownTownship: string | null;
  years: number[];
  /** 总结 when the question asks what was done, 计划 when it asks what will be done. */
  kind: DocKind | null;
  type: QuestionType;
}

/** What the answerer needs from the index: corpus statistics and the section structure. */
export interface TermStats {
  /** idf of a word in the lexical index (0 when unknown). */
  idf(term: string): number;
  /** idf of a term that occurs nowhere. */
  maxIdf: number;
  /** Chunks that are items of the same list as `chunk` (一是/二是…, 1./2.…), in document order. */
  siblingsOf?(chunk: Chunk): Chunk[];
  /** Items one level below `chunk`'s section ("紧盯三个指数。一是…二是…三是…"), in document order. */
  childrenOf?(chunk: Chunk): Chunk[];
}
