import { townshipStem } from "../domain/zh.js";
import type { Commitment, PlanResultPair } from "./extract.js";
import { pairPlansWithResults, topicMatches } from "./extract.js";

export interface CommitmentFilter {
  township?: string | null;
  year?: number | null;
  kind?: "plan" | "result" | null;
  topic?: string | null;
}

/** Whether a commitment's township is the one asked for: the same name, or the same name stem. */
export function townshipMatcher(asked: string): (township: string | null) => boolean {
  const stem = townshipStem(asked);
  return (township) => township === asked || (township ?? "").startsWith(stem);
}

export function filterCommitments(items: Commitment[], f: CommitmentFilter): Commitment[] {
  const township = f.township ? townshipMatcher(f.township) : null;
  return items.filter(
    (c) =>
      (!township || township(c.township)) &&
      (!f.year || c.year === f.year) &&
      (!f.kind || c.kind === f.kind) &&
      (!f.topic || topicMatches(c, f.topic)),
  );
}

const KIND = { plan: "计划", result: "完成" } as const;

/**
 * One line a cadre can paste into a report: what, where, how many, whose plan or result and when,
 * by when and by whom: "生态宜居美丽乡村 4个（东山镇2022年计划）", "大型猪场（龙塘、东源山） 2个（2023年计划）".
 */
export function commitmentLine(c: Commitment): string {
  const qty = `${c.qualifier && !/余|多|以上|左右/.test(c.qualifier) ? c.qualifier : ""}${c.quantity}${c.qualifier && /余|多|以上|左右/.test(c.qualifier) ? c.qualifier.split("/").pop() : ""}${c.unit}`;
  const whose = `${c.township ?? ""}${c.year ? `${c.year}年` : ""}${KIND[c.kind]}`;
  const extra = [c.deadline ? `时限：${c.deadline}` : null, c.responsible ? `责任单位：${c.responsible}` : null]
    .filter(Boolean)
    .join("，");
  return `${c.object}${c.place ? `（${c.place}）` : ""} ${qty}（${whose}${extra ? `，${extra}` : ""}）`;
}

const COLUMNS = [
  "township",
  "year",
  "kind",
  "object",
  "quantity",
  "unit",
  "qualifier",
  "place",
  "deadline",
  "responsible",
  "title",
  "section",
  "chunkId",
  "span",
  "sentence",
] as const;

const csvCell = (v: unknown) => {
  const s = v === null || v === undefined ? "" : String(v);
  return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

export function formatCommitments(items: Commitment[], format: "table" | "csv" | "json"): string {
  if (format === "json") return JSON.stringify(items, null, 2);
  const rows = items.map((c) => ({
    ...c,
    kind: KIND[c.kind],
    section: c.sectionPath.join(" > "),
    span: `${c.span[0]}-${c.span[1]}`,
  }));
  if (format === "csv")
    return [
      COLUMNS.join(","),
      ...rows.map((r) => COLUMNS.map((k) => csvCell((r as Record<string, unknown>)[k])).join(",")),
    ].join("\n");
  return rows
    .map(
      (r, i) =>
        `${String(i + 1).padStart(3)}. ${commitmentLine(items[i]!)}\n     《${r.title}》${r.section ? ` ${r.section}` : ""}\n     “${r.sentence}”`,
    )
    .join("\n");
}

/** "计划8个，完成6个" lines for a township/year that has both a plan and a summary. */
export function planVsResultLines(items: Commitment[], f: CommitmentFilter = {}): string[] {
  const pairs: PlanResultPair[] = pairPlansWithResults(items).filter(
    (p) =>
      p.result &&
      (!f.township || p.township === f.township) &&
      (!f.year || p.year === f.year) &&
      (!f.topic || topicMatches(p.plan, f.topic)),
  );
  return pairs.map(
    (p) =>
      `${p.township} ${p.year} ${p.plan.object}：计划${p.plan.quantity}${p.plan.unit}，完成${p.result!.quantity}${p.result!.unit}`,
  );
}

/**
 * The arguments of a chat command such as "/commitments 荫田镇 2022 2" or "承诺 荫田镇 2022":
 * a township (or its name without 镇/乡), a year, a page number, in any order.
 */
export function parseCommitmentArgs(text: string, townships: string[]): { filter: CommitmentFilter; page: number } {
  const tokens = text
    .trim()
    .split(/[\s,，]+/)
    .filter(Boolean);
  let page = 1;
  const filter: CommitmentFilter = {};
  for (const t of tokens) {
    if (/^20\d\d年?$/.test(t)) filter.year = Number(t.slice(0, 4));
    else if (/^\d{1,3}$/.test(t)) page = Math.max(1, Number(t));
    else if (/^(计划|目标)$/.test(t)) filter.kind = "plan";
    else if (/^(完成|结果|总结)$/.test(t)) filter.kind = "result";
    else filter.township = townships.find((x) => x === t || townshipStem(x) === t) ?? t;
  }
  return { filter, page };
}

/** A page of the commitments matching a filter, and how many match (`QABackend.commitmentPage`). */
export type CommitmentPager = (offset: number, limit: number) => Promise<{ total: number; items: Commitment[] }>;

/**
 * One page of commitments for a chat, with the command that shows the next page. Only that page
 * is fetched; a page past the end shows the last one.
 */
export async function commitmentsPage(
  fetch: CommitmentPager,
  page: number,
  size: number,
  command: (page: number) => string,
): Promise<string> {
  let { total, items } = await fetch((page - 1) * size, size);
  if (!total) return "没有找到符合条件的量化目标或完成数字。可以这样查：承诺 荫田镇 2021";
  const pages = Math.ceil(total / size);
  const p = Math.min(page, pages);
  if (p !== page) ({ items } = await fetch((p - 1) * size, size));
  const lines = items.map((c, i) => `${(p - 1) * size + i + 1}. ${commitmentLine(c)}\n   《${c.title}》`);
  const more = p < pages ? `\n共${total}项（第${p}/${pages}页），更多请发送：${command(p + 1)}` : `\n共${total}项。`;
  return lines.join("\n") + more;
}
