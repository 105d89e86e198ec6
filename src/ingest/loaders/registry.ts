/**
 * Loaders turn a file's bytes into text. They are a registry so that new formats (docx, pdf,
 * html, GBK) plug in without touching the pipeline: each says which files it takes, by extension
 * and, where it can, by content.
 */
export interface LoadedText {
  text: string;
  /** e.g. "utf-8", "utf-8-bom" */
  encoding: string;
}

export interface Loader {
  name: string;
  extensions: string[];
  /** Optional content sniff; when present, both it and the extension must agree. */
  accepts?(bytes: Uint8Array): boolean;
  load(bytes: Uint8Array, file: string): Promise<LoadedText> | LoadedText;
}

export class LoaderRegistry {
  private readonly loaders: Loader[] = [];

  register(loader: Loader): this {
    this.loaders.push(loader);
    return this;
  }

  /** The loader for a file name and content, or null when no loader takes it. */
  find(file: string, bytes: Uint8Array): Loader | null {
    const ext = file.toLowerCase().match(/\.[^.\/]+$/)?.[0] ?? "";
    return this.loaders.find((l) => l.extensions.includes(ext) && (!l.accepts || l.accepts(bytes))) ?? null;
  }

  extensions(): string[] {
    return [...new Set(this.loaders.flatMap((l) => l.extensions))];
  }
}
