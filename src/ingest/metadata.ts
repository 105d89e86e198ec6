import { z } from "zod";
import { DOC_KINDS, type DocKind, type SourceDoc } from "../domain/types.js";
import { PLAN_WORDS, REVIEW_WORDS, townshipCandidates } from "../domain/zh.js";

/** Name of the metadata sidecar in the corpus folder. */
export const SIDECAR_FILE = "metadata.json";

const YearSchema = z.number().int().min(1990).max(2100);
export const DocMetaSchema = z
  .object({
    title: z.string().min(1).optional(),
    township: z.string().min(1).nullable().optional(),
    county: z.string().min(1).nullable().optional(),
    city: z.string().min(1).nullable().optional(),
    province: z.string().min(1).nullable().optional(),
    years: z.array(YearSchema).min(1).optional(),
    kinds: z.array(z.enum(DOC_KINDS)).min(1).optional(),
    note: z.string().optional(),
  })
  .strict();
export type DocMetaOverride = z.infer<typeof DocMetaSchema>;

/** The sidecar: file name (relative to the corpus folder) → metadata that overrides inference. */
export const SidecarSchema = z.object({ documents: z.record(z.string(), DocMetaSchema) }).strict();
export type Sidecar = z.infer<typeof SidecarSchema>;

/** A news report's opening: a dateline ("人民网柏林7月28日电", "IT之家8月16日消息"), a reporter, "原标题：", or a "[ 2023-07-28 16:40 ] ，正文：" header. */
const NEWS_OPENING =
  /(^\s*\[?\s*(?:\d{4}-\d{1,2}-\d{1,2}[^，,\]\n]{0,12})?\]?\s*[，,]?\s*正文[:：])|(\d{1,2}月\d{1,2}日(电|消息|讯))|原标题[:：]|（记者[^）]{1,20}）|本报讯|记者\s*[\u4e00-\u9fff]{2,4}\s*(报道|摄)/;
/** The year of such a header ("2023-08-18 06:57，正文："): a report's own year where its text names none. */
const DATELINE_YEAR = /^\s*\[?\s*(20[0-4]\d)-\d{1,2}-\d{1,2}/;

/**
 * Document kinds named by a title: 总结/亮点/工作情况 → 总结; 计划/安排/谋划/规划 → 计划; 要点 → 要点;
 * 通知/公告 → 通知; 实施方案 → 方案; 解读 → 解读; 办事指南 → 指南.
 */
export function kindsFromTitle(title: string): DocKind[] {
  const kinds: DocKind[] = [];
  if (REVIEW_WORDS.test(title)) kinds.push("总结");
  if (/要点/.test(title)) kinds.push("要点");
  // (…and a 规划 named by its title, a 五年规划纲要, is a plan; in a report's own words 规划 may be one followed)
  else if (PLAN_WORDS.test(title) || /(?:规划纲要|发展规划|五年规划|专项规划|总体规划|建设规划)/.test(title))
    kinds.push("计划");
  // (a list of 实事 projects, not a report on them, is what a year is to do: "2023年十大实事项目")
  else if (!kinds.length && /(?:实事项目|实事工程|实事)(?:出炉|清单|名单|公布)?$/.test(title.trim()))
    kinds.push("计划");
  // a plan sent out with a notice is a plan; a notice, a 方案, a 解读 or a 指南 of its own is not
  if (kinds.length) return kinds;
  // (a report on projects says by its sentences whether they are planned or done: "…项目情况的报告")
  if (/(情况报告|情况的报告|进展情况|实施情况|视察报告|调研报告|检查报告|评估报告)/.test(title)) return ["其他"];
  if (/(实施方案|工作方案|方案)/.test(title)) return ["方案"];
  if (/(政策解读|解读)/.test(title)) return ["解读"];
  if (/(办事指南|服务指南|指南)/.test(title)) return ["指南"];
  if (/(通知|公告|通告)/.test(title)) return ["通知"];
  return kinds;
}

/**
 * A news report's headline: what follows 原标题 up to the byline or the dateline, at most 40
 * characters (a report that states none keeps its file name: its first sentence makes a poor label).
 * @example newsHeadline("2023-08-18 08:21，正文：原标题：泽连斯基签署法令据乌克兰媒体报道，…") // "泽连斯基签署法令"
 */
export function newsHeadline(cleanText: string): string | null {
  const body = cleanText.replace(/^[\s\S]{0,160}?正文[:：]\s*/, "").trim();
  const stated = /^原标题[:：]\s*(.+)/.exec(body)?.[1];
  if (!stated) return null;
  const line = stated.split(
    /\s{2,}|据|(?:每经|本报)?记者|新华社|新华网|中新网|中新社|人民网|参考消息网|央视网|环球网|澎湃新闻|编辑[:：]|来源[:：]|\d{1,2}月\d{1,2}日/,
  )[0]!;
  const headline = line
    .replace(/\s+/g, " ")
    .replace(/^[，,、：:；;\s]+/, "")
    .trim()
    .slice(0, 40)
    .trim();
  return headline.length >= 6 ? headline : null;
}

/** The first line when it reads like a title (short, no full stop, names a plan-like kind). */
export function titleFromText(cleanText: string): string | null {
  const first =
    cleanText
      .split("\n")
      .find((l) => l.trim())
      ?.trim() ?? "";
  if (first.length < 4 || first.length > 60 || /[。；]/.test(first)) return null;
  return /(计划|总结|要点|安排|谋划|报告|方案|工作)/.test(first) ? first : null;
}

/** A document's id from its file name: no folder, no extension, no encoding hint ("石门乡2022年工作计划.gbk.txt" → 石门乡2022年工作计划). */
export function docStem(file: string): string {
  return file
    .replace(/^.*\//, "")
    .replace(/\.[^.]+$/, "")
    .replace(/\.(gbk|utf-?8|gb18030)$/i, "");
}

/**
 * Metadata of one document: sidecar fields win; otherwise title from the first line or the file
 * name, township from the title or file name, years from the title (else from the text's first
 * lines), kinds from the title.
 *
 * @example inferMetadata("荫田镇2021年度工作总结及2022年工作计划.txt", text).township // "荫田镇"
 */
export function inferMetadata(
  file: string,
  cleanText: string,
  override: DocMetaOverride = {},
  statedTitle?: string,
): SourceDoc {
  const stem = docStem(file);
  const head = cleanText.slice(0, 400);
  const stated = statedTitle?.trim() || titleFromText(cleanText);
  // (a news report without a title line is known by its headline, not its file name)
  const headline = !stated && !override.kinds && NEWS_OPENING.test(head) ? newsHeadline(cleanText) : null;
  const title = override.title ?? (stated || headline || stem);
  // (a headline names the place of a story, not a township the document is about)
  const byHeadline = !override.title && !!headline;
  const township =
    override.township !== undefined
      ? override.township
      : ((byHeadline ? undefined : townshipCandidates(title)[0]) ?? townshipCandidates(stem)[0] ?? null);
  // (a span, 2026—2028年 or 2026-2028年, is every year of it)
  const yearsIn = (s: string) =>
    [...s.matchAll(/(?:(20[0-4]\d)\s*年?\s*[—–\-~～至到]\s*)?(20[0-4]\d)\s*年/g)].flatMap((m) => {
      const last = Number(m[2]);
      const first = m[1] ? Number(m[1]) : last;
      return first < last && last - first <= 10
        ? Array.from({ length: last - first + 1 }, (_, i) => first + i)
        : [last];
    });
  let years = override.years ?? uniqSorted([...yearsIn(title), ...yearsIn(stem)]);
  if (!years.length) years = uniqSorted(yearsIn(head)).slice(0, 2);
  // (a headline says what a story is about, not what kind of document it is: "…教师培养计划" is news)
  let kinds = override.kinds ?? kindsFromTitle(byHeadline ? stem : `${title} ${stem}`);
  // a news report says so in its first lines; it plans nothing even when it quotes a plan
  if (!kinds.length && NEWS_OPENING.test(head)) kinds = ["新闻"];
  // (a report that names no year is of the year of its dateline: "2023-08-18 06:57，正文：…今年1至6月")
  const dated = kinds.includes("新闻") && !years.length ? DATELINE_YEAR.exec(head) : null;
  if (dated) years = [Number(dated[1])];
  // the words of the first lines count only in a text shaped like a plan (一、 （一） 一是 headings)
  const planShaped =
    (
      cleanText
        .slice(0, 4000)
        .match(/(^|\n)\s*[一二三四五六七八九十]{1,2}、|（[一二三四五六七八九十]{1,2}）|[一二三四五六七八九十]是/g) ?? []
    ).length >= 2;
  if (!kinds.length && planShaped) kinds = kindsFromTitle(head);
  const fromSidecar = Object.keys(override).filter((k) => k !== "note");
  return {
    docId: stem,
    file,
    title,
    township,
    county: override.county ?? null,
    city: override.city ?? null,
    province: override.province ?? null,
    years,
    kinds: kinds.length ? kinds : planShaped && aheadMoreThanDone(cleanText) ? ["计划"] : ["其他"],
    encoding: "utf-8",
    fromSidecar,
  };
}

function uniqSorted(xs: number[]): number[] {
  return [...new Set(xs)].sort((a, b) => a - b);
}

/**
 * Whether a text shaped like a plan (一、/（一）/一是) but named by no kind word looks ahead more than it
 * looks back: "二、重点任务（一）完成改厕500户" is a plan; "目前已进入全面实施阶段…已开始行动的村达14个" reports.
 */
function aheadMoreThanDone(text: string): boolean {
  const head = text.slice(0, 4000);
  const ahead = head.match(/任务|目标|力争|计划|确保|争取|将要|拟/g)?.length ?? 0;
  const done = head.match(/已经|已|取得|成效|目前|今年以来|截至|截止/g)?.length ?? 0;
  return ahead >= done;
}
