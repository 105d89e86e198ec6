import * as cheerio from "cheerio";
import mammoth from "mammoth";
import { errorMessage, IngestFileError } from "../../errors.js";
import { blocksToDoc } from "./blocks.js";
import { domBlocks } from "./dom.js";
import type { Loader } from "./registry.js";
import { ZipFormatError, zipBombReason, zipEntries } from "./zip.js";

/**
 * Word (.docx): Heading n styles become section levels, the Title style the document title, tables
 * rows that repeat their column headers. The archive is vetted first (zip bomb, truncation), and
 * an OLE file (legacy .doc or a password-protected .docx) is refused with a clear reason.
 */
export const docxLoader: Loader = {
  name: "docx",
  extensions: [".docx"],
  formats: ["zip", "ole"],
  async load(bytes, file) {
    if (bytes[0] === 0xd0 && bytes[1] === 0xcf)
      throw new IngestFileError(
        file,
        "encrypted-or-legacy",
        "文件受密码保护或是旧版 .doc 格式，请去掉密码并另存为 .docx",
      );
    let entries: ReturnType<typeof zipEntries>;
    try {
      entries = zipEntries(bytes);
    } catch (err) {
      if (err instanceof ZipFormatError)
        throw new IngestFileError(file, "corrupt", "Word 文件已损坏或不完整", { cause: err });
      throw err;
    }
    if (!entries.some((e) => e.name === "word/document.xml"))
      throw new IngestFileError(file, "not-docx", "压缩包里没有 Word 正文（不是 .docx 文件）");
    const bomb = zipBombReason(entries);
    if (bomb) throw new IngestFileError(file, "zip-bomb", `文件解压后异常巨大，已拒绝处理（${bomb}）`);
    let html: string;
    try {
      const result = await mammoth.convertToHtml(
        { buffer: Buffer.from(bytes) },
        { styleMap: ["p[style-name='Title'] => h1.doc-title:fresh", "p[style-name='Subtitle'] => p:fresh"] },
      );
      html = result.value;
    } catch (err) {
      throw new IngestFileError(file, "corrupt", `Word 文件无法读取：${errorMessage(err).slice(0, 120)}`, {
        cause: err,
      });
    }
    const $ = cheerio.load(`<div id="doc">${html}</div>`);
    const title = $("h1.doc-title").first().text().trim();
    $("h1.doc-title").each((_, el) => void $(el).replaceWith(`<p class="doc-title">${$(el).html() ?? ""}</p>`));
    const blocks = domBlocks($, $("#doc")[0]!).map((b) =>
      b.type === "para" && title && b.text.trim() === title ? { type: "title" as const, text: title } : b,
    );
    const doc = blocksToDoc(blocks, "docx");
    if (!doc.text.trim()) throw new IngestFileError(file, "no-text", "Word 文件里没有文字");
    return doc;
  },
};
