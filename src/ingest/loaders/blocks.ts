import type { ExplicitHeading, LoadedDoc } from "./registry.js";

/** The structure formats like Word and HTML state: a flat list of blocks in reading order. */
export type Block =
  | { type: "title"; text: string }
  | { type: "heading"; level: number; text: string }
  | { type: "para"; text: string }
  | { type: "table"; rows: string[][] };

const squash = (s: string) => s.replace(/[ \t\r\n\u00a0\u3000]+/g, " ").trim();

/**
 * One line of a table row with its column headers repeated, so the row can be found and cited on
 * its own: `项目名称：集镇自来水管网改造；投资（万元）：460；完成时限：2025年10月`.
 */
export function renderRow(header: string[], row: string[]): string {
  const cells = row.map((v, i) => {
    const h = squash(header[i] ?? "");
    const val = squash(v);
    if (!val) return null;
    return h && h !== val ? `${h}：${val}` : val;
  });
  return cells.filter((c): c is string => !!c).join("；");
}

/**
 * Lay blocks out as text, one block a line, and record where the explicit headings and the table
 * rows stand in it. A table's first row is its header; a one-row table is plain text.
 */
export function blocksToDoc(blocks: Block[], encoding: string): LoadedDoc {
  let text = "";
  const headings: ExplicitHeading[] = [];
  const rows: Array<[number, number]> = [];
  let title: string | undefined;
  const line = (s: string) => {
    const start = text.length;
    text += `${s}\n`;
    return [start, start + s.length] as [number, number];
  };
  for (const b of blocks) {
    if (b.type === "table") {
      const cleanRows = b.rows.map((r) => r.map(squash)).filter((r) => r.some(Boolean));
      if (cleanRows.length < 2) {
        for (const r of cleanRows) line(r.filter(Boolean).join(" "));
        continue;
      }
      const [header, ...body] = cleanRows;
      for (const r of body) {
        const rendered = renderRow(header!, r);
        if (rendered) rows.push(line(rendered));
      }
      continue;
    }
    const s = squash(b.text);
    if (!s) continue;
    if (b.type === "title") {
      title ??= s;
      line(s);
    } else if (b.type === "heading") {
      const [start, end] = line(s);
      headings.push({ start, end, level: b.level });
    } else line(s);
  }
  return { text, encoding, ...(title ? { title } : {}), headings, rows };
}
