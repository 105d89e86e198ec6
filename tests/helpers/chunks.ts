import type { Chunk, Passage } from "../../src/domain/types.js";

/** A chunk holding `text`, with neutral fields a test may override. */
export function testChunk(text: string, fields: Partial<Chunk> = {}): Chunk {
  return {
    id: "c",
    docId: "d",
    title: "t",
    township: null,
    years: [],
    kinds: [],
    sectionPath: [],
    text,
    span: [0, 0],
    ord: 0,
    ...fields,
  };
}

/** A passage at `rank` over `testChunk(text, fields)`. */
export function testPassage(text: string, fields: Partial<Chunk> = {}, rank = 1): Passage {
  return { rank, chunk: testChunk(text, fields), score: 1, lexical: null, vector: null };
}
