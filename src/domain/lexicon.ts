import { z } from "zod";
import raw from "./lexicon.json" with { type: "json" };

/**
 * The curated resident lexicon (src/domain/lexicon.json): synonym groups, dialect forms, words
 * jieba must keep whole and fillers. Domain knowledge every layer may read: the tokenizer teaches
 * its words to jieba, retrieval expands with its groups, answers and commitments match by them.
 */
const Group = z.array(z.string().min(1)).min(2);
export const LexiconSchema = z.object({
  about: z.string(),
  /** Synonym groups by domain (people, money, housing, farming, health, …); first term = the plans' word. */
  domains: z.record(z.string(), z.array(Group).min(1)),
  /** [spoken or dialect form, standard form], applied to whole words only. */
  dialect: z.array(z.tuple([z.string().min(1), z.string().min(1)])),
  /** Words jieba's dictionary cuts wrongly (中稻种 → 中 + 稻种): taught to it for corpus and questions alike. */
  words: z.array(z.string().min(2)),
  /** Particles with no meaning, dropped when they stand as a word of their own. */
  fillers: z.array(z.string().min(1)),
});
export type Lexicon = z.infer<typeof LexiconSchema>;

/** The curated resident lexicon, validated once at load. */
export const LEXICON: Lexicon = LexiconSchema.parse(raw);

/** Every synonym group of every domain (resident words ↔ plan words). */
export const THESAURUS: string[][] = Object.values(LEXICON.domains).flat();

/** Terms interchangeable with `term` (itself excluded). */
export function synonymsOf(term: string, groups: string[][] = THESAURUS): string[] {
  const out = new Set<string>();
  for (const g of groups) if (g.includes(term)) for (const t of g) if (t !== term) out.add(t);
  return [...out];
}

/** Every term the lexicon knows, each with its group's head (the plans' usual word). */
export function lexiconTerms(groups: string[][] = THESAURUS): Map<string, string> {
  const out = new Map<string, string>();
  for (const g of groups) for (const t of g) if (!out.has(t)) out.set(t, g[0]!);
  return out;
}
