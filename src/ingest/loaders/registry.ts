/**
 * Loaders turn a file's bytes into text plus whatever structure the format states (Word heading
 * styles, HTML headings, table rows). They sit in a registry and are chosen by content first and
 * extension second, so a PDF saved as ".txt" is still read as a PDF (with a warning).
 */
export interface LoadedDoc {
  /** Extracted text; chunk spans point into it. For .txt/.md it is the file's own text. */
  text: string;
  /** e.g. "utf-8", "gb18030", "docx", "pdf", "html". */
  encoding: string;
  /** Title the format states (HTML h1/<title>, Word Title style), when any. */
  title?: string;
  /** Headings the format marks explicitly (Word Heading n, HTML h1–h6), as ranges of `text`. */
  headings?: ExplicitHeading[];
  /** Table rows rendered as "表头：值；表头：值" lines, as ranges of `text`; each becomes its own chunk. */
  rows?: Array<[number, number]>;
  warnings?: string[];
}

export interface ExplicitHeading {
  start: number;
  end: number;
  /** 1 = top level. */
  level: number;
}

export type SniffedFormat = "pdf" | "zip" | "ole" | "html" | "text" | "image" | "binary" | "empty";

export interface Loader {
  name: string;
  extensions: string[];
  /** Content formats this loader reads. */
  formats: SniffedFormat[];
  load(bytes: Uint8Array, file: string): Promise<LoadedDoc> | LoadedDoc;
}

const startsWith = (b: Uint8Array, sig: number[]) => sig.every((x, i) => b[i] === x);

/** What the bytes are, whatever the file is called. */
export function sniff(bytes: Uint8Array): SniffedFormat {
  if (bytes.length === 0) return "empty";
  if (startsWith(bytes, [0x25, 0x50, 0x44, 0x46])) return "pdf"; // %PDF
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04]) || startsWith(bytes, [0x50, 0x4b, 0x05, 0x06])) return "zip";
  if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) return "ole"; // legacy .doc or encrypted OOXML
  // PNG, JPEG, GIF, BMP, TIFF, WebP: a scan or a photo, no text to read
  if (
    startsWith(bytes, [0x89, 0x50, 0x4e, 0x47]) ||
    startsWith(bytes, [0xff, 0xd8, 0xff]) ||
    startsWith(bytes, [0x47, 0x49, 0x46, 0x38]) ||
    startsWith(bytes, [0x42, 0x4d]) ||
    startsWith(bytes, [0x49, 0x49, 0x2a, 0x00]) ||
    startsWith(bytes, [0x4d, 0x4d, 0x00, 0x2a]) ||
    (startsWith(bytes, [0x52, 0x49, 0x46, 0x46]) && new TextDecoder("latin1").decode(bytes.subarray(8, 12)) === "WEBP")
  )
    return "image";
  const head = new TextDecoder("latin1")
    .decode(bytes.subarray(0, 1024))
    .replace(/^\uFEFF|^\xEF\xBB\xBF/, "")
    .trimStart()
    .toLowerCase();
  if (/^(<!doctype html|<html|<head|<body|<\?xml[^>]*>\s*<html)/.test(head)) return "html";
  // UTF-16 text has NULs; other text has none
  const n = Math.min(bytes.length, 4096);
  let nul = 0;
  let control = 0;
  for (let i = 0; i < n; i++) {
    const b = bytes[i]!;
    if (b === 0) nul++;
    else if (b < 9 || (b > 13 && b < 27) || (b > 27 && b < 32)) control++;
  }
  const utf16Bom = startsWith(bytes, [0xff, 0xfe]) || startsWith(bytes, [0xfe, 0xff]);
  if (utf16Bom || (nul > n * 0.2 && nul < n * 0.6)) return "text";
  if (nul > 0 || control > n * 0.02) return "binary";
  return "text";
}

export interface Resolved {
  loader: Loader;
  format: SniffedFormat;
  /** Set when the content does not match the extension. */
  mismatch: string | null;
}

export class LoaderRegistry {
  private readonly loaders: Loader[] = [];

  register(loader: Loader): this {
    this.loaders.push(loader);
    return this;
  }

  /** The loader for a file, by content first, extension second; null when none reads it. */
  resolve(file: string, bytes: Uint8Array): Resolved | null {
    const ext = extensionOf(file);
    const format = sniff(bytes);
    const byContent = this.loaders.filter((l) => l.formats.includes(format));
    // by extension among those that read the content; else the loader whose own format it is (a
    // text file renamed .docx is read as text, not as a web page)
    const loader =
      byContent.find((l) => l.extensions.includes(ext)) ??
      byContent.find((l) => l.formats[0] === format) ??
      byContent[0];
    if (!loader) return null;
    const mismatch = loader.extensions.includes(ext)
      ? null
      : `内容是${format === "text" ? "纯文本" : ` ${format} `}，扩展名却是 ${ext || "（无）"}，按${loader.name}读取 (content is ${format}, not ${ext || "what the name says"})`;
    // an unknown extension whose content is plain text is not something staff meant to index
    if (mismatch && format === "text" && !this.extensions().includes(ext)) return null;
    return { loader, format, mismatch };
  }

  extensions(): string[] {
    return [...new Set(this.loaders.flatMap((l) => l.extensions))];
  }
}

export function extensionOf(file: string): string {
  return file.toLowerCase().match(/\.[^./]+$/)?.[0] ?? "";
}
