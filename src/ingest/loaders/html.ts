import * as cheerio from "cheerio";
import { IngestFileError } from "../../errors.js";
import { blocksToDoc } from "./blocks.js";
import { domBlocks } from "./dom.js";
import type { Loader } from "./registry.js";
import { decodeText } from "./text.js";

/** Containers government CMSs put the article body in, most specific first. */
const ARTICLE_SELECTORS = [
  ".TRS_Editor",
  "#zoom",
  ".zoom",
  "#UCAP-CONTENT",
  ".article-content",
  ".article_content",
  ".articleCon",
  ".art_con",
  ".pages_content",
  ".news_content",
  ".detail-content",
  ".xxgk_content",
  "#content",
  ".content",
  "article",
  ".article",
  "main",
  ".main",
];
/** Page furniture: navigation, breadcrumbs, share bars, footers. */
const JUNK = "script,style,noscript,iframe,nav,header,footer,form,button,select,input,object,embed,svg";
const JUNK_ATTR =
  /(^|[\s_-])(nav|navbar|menu|breadcrumb|crumbs?|position|location|share|bdshare|bottom|footer|header|top|toolbar|print|sidebar|side|related|copyright|foot|banner|search|login|weixin|qrcode|ewm)([\s_-]|$)/i;
const CJK = /[\u4e00-\u9fff]/g;

const cjkCount = (s: string) => s.match(CJK)?.length ?? 0;

function charsetOf(bytes: Uint8Array): string | null {
  const head = new TextDecoder("latin1").decode(bytes.subarray(0, 2048));
  return /charset\s*=\s*["']?([\w-]+)/i.exec(head)?.[1]?.toLowerCase() ?? null;
}

function decodeHtml(bytes: Uint8Array, file: string): string {
  const cs = charsetOf(bytes);
  if (cs && /^(gb2312|gbk|gb18030|x-gbk)$/.test(cs)) {
    try {
      return new TextDecoder("gb18030", { fatal: true }).decode(bytes);
    } catch {
      // the declared charset is wrong: detect instead
    }
  }
  return decodeText(bytes, file).text;
}

/**
 * Government portal pages: the article body and title; navigation, breadcrumbs (当前位置), share
 * bars, 打印本页/关闭窗口, footers (主办单位, ICP, 扫一扫) and scripts are dropped. A page whose body
 * cannot be found is refused rather than indexed as menus.
 */
export const htmlLoader: Loader = {
  name: "html",
  extensions: [".html", ".htm", ".shtml", ".xhtml"],
  formats: ["html", "text"],
  load(bytes, file) {
    const $ = cheerio.load(decodeHtml(bytes, file));
    $(JUNK).remove();
    $("*").each((_, el) => {
      const attrs = `${$(el).attr("id") ?? ""} ${$(el).attr("class") ?? ""}`;
      if (JUNK_ATTR.test(attrs) && !ARTICLE_SELECTORS.some((s) => $(el).is(s))) $(el).remove();
    });
    // the body: the most specific known container with real text, else the densest block
    let body = ARTICLE_SELECTORS.map((s) => $(s).first()).find((el) => el.length && cjkCount(el.text()) >= 30);
    if (!body) {
      let best: { el: cheerio.Cheerio<never>; score: number } | null = null;
      $("div,td,section").each((_, el) => {
        const $el = $(el);
        const own = $el.children("p").text() + $el.clone().children().remove().end().text();
        const score = cjkCount(own) - cjkCount($el.find("a").text());
        if (!best || score > best.score) best = { el: $el as cheerio.Cheerio<never>, score };
      });
      const b = best as { el: cheerio.Cheerio<never>; score: number } | null;
      if (b && b.score >= 30) body = b.el;
    }
    if (!body || cjkCount(body.text()) < 30)
      throw new IngestFileError(file, "no-article", "网页里没有找到正文（只有导航或页脚）");

    const titleEl = $("h1, .title, .article-title, .art_title, h2.title")
      .filter((_, el) => cjkCount($(el).text()) >= 4)
      .first();
    const pageTitle =
      $("title")
        .text()
        .split(/[_|｜\-–—]/)[0]
        ?.trim() ?? "";
    const title = titleEl.text().trim() || pageTitle;
    titleEl.remove();
    const blocks = domBlocks($, body[0]!);
    const doc = blocksToDoc(title ? [{ type: "title", text: title }, ...blocks] : blocks, "html");
    return doc;
  },
};
