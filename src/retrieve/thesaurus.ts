import { z } from "zod";
import raw from "./thesaurus.json" with { type: "json" };

const ThesaurusSchema = z.object({ about: z.string(), groups: z.array(z.array(z.string().min(1)).min(2)) });

/** Synonym groups (resident words ↔ plan words), validated once at load. */
export const THESAURUS: string[][] = ThesaurusSchema.parse(raw).groups;

/**
 * Terms to add to a question: for every group one of whose terms the question contains, the
 * group's other terms.
 * @example expansions("低保怎么申请") // includes "最低生活保障"
 */
export function expansions(question: string, groups: string[][] = THESAURUS): string[] {
  const out = new Set<string>();
  for (const g of groups) {
    if (g.some((t) => question.includes(t))) for (const t of g) if (!question.includes(t)) out.add(t);
  }
  return [...out];
}

/** Terms interchangeable with `term` (itself excluded). */
export function synonymsOf(term: string, groups: string[][] = THESAURUS): string[] {
  const out = new Set<string>();
  for (const g of groups) if (g.includes(term)) for (const t of g) if (t !== term) out.add(t);
  return [...out];
}
