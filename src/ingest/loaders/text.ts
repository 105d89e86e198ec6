import { IngestFileError } from "../../errors.js";
import type { Loader } from "./registry.js";

/** Share of NUL or C0 control bytes above which a ".txt" is treated as binary. */
const BINARY_CONTROL_SHARE = 0.02;

export function looksBinary(bytes: Uint8Array): boolean {
  const n = Math.min(bytes.length, 8192);
  let control = 0;
  for (let i = 0; i < n; i++) {
    const b = bytes[i]!;
    if (b === 0) return true;
    if (b < 9 || (b > 13 && b < 32)) control++;
  }
  return n > 0 && control / n > BINARY_CONTROL_SHARE;
}

/** UTF-8 text and Markdown (with or without BOM). Bytes that are not valid UTF-8 are refused, never guessed. */
export const utf8TextLoader: Loader = {
  name: "text-utf8",
  extensions: [".txt", ".md", ".markdown"],
  load(bytes, file) {
    if (bytes.length === 0) throw new IngestFileError(file, "empty", "文件是空的");
    if (looksBinary(bytes)) throw new IngestFileError(file, "binary", "文件不是文本（像是二进制内容）");
    const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
    let text: string;
    try {
      text = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(bytes);
    } catch {
      throw new IngestFileError(file, "encoding", "文件不是 UTF-8 编码，无法读取");
    }
    if (!text.trim()) throw new IngestFileError(file, "empty", "文件只有空白");
    return { text, encoding: bom ? "utf-8-bom" : "utf-8" };
  },
};
