import type * as cheerio from "cheerio";
import type { AnyNode, Element } from "domhandler";
import type { Block } from "./blocks.js";

const BLOCK_TAGS = new Set([
  "p",
  "div",
  "section",
  "article",
  "main",
  "li",
  "ul",
  "ol",
  "blockquote",
  "pre",
  "table",
  "h1",
  "h2",
  "h3",
  "h4",
  "h5",
  "h6",
  "center",
  "font",
  "td",
  "tr",
  "tbody",
  "thead",
  "dl",
  "dt",
  "dd",
  "form",
  "header",
  "footer",
  "nav",
  "aside",
  "span",
]);
const HEADING = /^h([1-6])$/;

/** Visible text of a node, with <br> as a line break. */
export function nodeText($: cheerio.CheerioAPI, el: AnyNode): string {
  const $el = $(el).clone();
  $el.find("br").replaceWith("\n");
  return $el.text();
}

/**
 * Walk an element in reading order and emit blocks: h1–h6 → headings (level relative to the
 * shallowest heading used), tables → rows of cells, paragraphs and text-only containers → paras.
 */
export function domBlocks($: cheerio.CheerioAPI, root: AnyNode): Block[] {
  const out: Block[] = [];
  const visit = (node: AnyNode) => {
    if (node.type === "text") {
      const t = (node as unknown as { data: string }).data;
      if (t.trim()) out.push({ type: "para", text: t });
      return;
    }
    if (node.type !== "tag") return;
    const el = node as Element;
    const tag = el.tagName.toLowerCase();
    const h = HEADING.exec(tag);
    if (h) {
      out.push({ type: "heading", level: Number(h[1]), text: nodeText($, el) });
      return;
    }
    if (tag === "table") {
      const rows = $(el)
        .find("tr")
        .toArray()
        .filter((tr) => $(tr).closest("table")[0] === el)
        .map((tr) =>
          $(tr)
            .children("td,th")
            .toArray()
            .map((c) => nodeText($, c)),
        );
      out.push({ type: "table", rows });
      return;
    }
    const hasBlockChild = el.children.some(
      (c) =>
        c.type === "tag" &&
        BLOCK_TAGS.has((c as Element).tagName.toLowerCase()) &&
        (c as Element).tagName.toLowerCase() !== "span",
    );
    if (!hasBlockChild) {
      for (const line of nodeText($, el).split("\n")) if (line.trim()) out.push({ type: "para", text: line });
      return;
    }
    for (const c of el.children) visit(c);
  };
  visit(root);
  // make heading levels start at 1
  const min = Math.min(...out.filter((b) => b.type === "heading").map((b) => (b as { level: number }).level));
  if (Number.isFinite(min)) for (const b of out) if (b.type === "heading") b.level = b.level - min + 1;
  return out;
}
