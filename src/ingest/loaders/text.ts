import { IngestFileError } from "../../errors.js";
import type { Loader } from "./registry.js";

/** Share of CJK, Latin letters, digits and common punctuation a correct decoding shows. */
const PLAUSIBLE =
  /[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffefA-Za-z0-9\s，。、；：？！“”‘’（）《》.,;:?!()\-—%*]/u;

function plausibility(text: string): number {
  const chars = [...text.slice(0, 20000)];
  if (!chars.length) return 0;
  return chars.filter((c) => PLAUSIBLE.test(c)).length / chars.length;
}

function tryDecode(encoding: string, bytes: Uint8Array): string | null {
  try {
    return new TextDecoder(encoding, { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
}

/**
 * Decode text of unknown encoding: BOM first (UTF-8, UTF-16LE/BE), then UTF-16 by its NUL pattern,
 * then strict UTF-8, then GB18030 (a superset of GBK and GB2312). A decoding is accepted only when
 * it is valid and reads as Chinese/Latin text; otherwise the file is refused, never mojibaked.
 *
 * @example decodeText(gbkBytes).encoding === "gb18030"
 */
export function decodeText(bytes: Uint8Array, file = "(text)"): { text: string; encoding: string } {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    const t = tryDecode("utf-8", bytes.subarray(3));
    if (t !== null) return { text: t, encoding: "utf-8-bom" };
  }
  if (bytes[0] === 0xff && bytes[1] === 0xfe)
    return { text: new TextDecoder("utf-16le").decode(bytes.subarray(2)), encoding: "utf-16le" };
  if (bytes[0] === 0xfe && bytes[1] === 0xff)
    return { text: new TextDecoder("utf-16be").decode(bytes.subarray(2)), encoding: "utf-16be" };
  const n = Math.min(bytes.length, 4096);
  let evenNul = 0;
  let oddNul = 0;
  for (let i = 0; i < n; i++) if (bytes[i] === 0) i % 2 ? oddNul++ : evenNul++;
  if (oddNul > n * 0.1 || evenNul > n * 0.1) {
    const enc = oddNul >= evenNul ? "utf-16le" : "utf-16be";
    const t = tryDecode(enc, bytes);
    if (t !== null && plausibility(t) > 0.9) return { text: t, encoding: enc };
  }
  const utf8 = tryDecode("utf-8", bytes);
  if (utf8 !== null) return { text: utf8, encoding: "utf-8" };
  const gb = tryDecode("gb18030", bytes);
  if (gb !== null && plausibility(gb) > 0.9) return { text: gb, encoding: "gb18030" };
  throw new IngestFileError(
    file,
    "encoding",
    "无法识别文件编码（不是 UTF-8、UTF-16 或 GBK/GB18030），请另存为 UTF-8 后再放入",
  );
}

/** Plain text and Markdown in UTF-8 (with or without BOM), UTF-16 or GBK/GB18030, detected. */
export const textLoader: Loader = {
  name: "text",
  extensions: [".txt", ".md", ".markdown", ".text"],
  formats: ["text"],
  load(bytes, file) {
    const { text, encoding } = decodeText(bytes, file);
    if (!text.trim()) throw new IngestFileError(file, "empty", "文件只有空白");
    return { text, encoding };
  },
};
