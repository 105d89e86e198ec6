import { THESAURUS } from "../domain/lexicon.js";
import { cutWords } from "../search/tokenize.js";

/** Whether `question` says `term`: a one-character term only as a word of its own (路, 桥, 娃). */
function says(question: string, term: string, words: () => Set<string>): boolean {
  return term.length > 1 ? question.includes(term) : words().has(term);
}

/**
 * Terms to add to a question: for every group one of whose terms the question contains, the
 * group's other terms. A one-character term (路, 桥, 娃) counts only as a word of its own.
 * @example expansions("低保怎么申请") // includes "最低生活保障"
 */
export function expansions(question: string, groups: string[][] = THESAURUS): string[] {
  const out = new Set<string>();
  let cut: Set<string> | null = null;
  const words = () => (cut ??= new Set(cutWords(question)));
  for (const g of groups) {
    if (g.some((t) => says(question, t, words))) for (const t of g) if (!question.includes(t)) out.add(t);
  }
  return [...out];
}
