import { mkdir, readdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { townshipCandidates } from "../domain/zh.js";
import { cleanText } from "../ingest/clean.js";

/** A small seeded PRNG (mulberry32) so a benchmark corpus is the same on every run. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const FIRST =
  "青白红黄金银石松柳梅桃杏兰竹云龙凤鹤鹿马牛羊花草山水河湖江溪泉塘坪岭峰岩坡冲湾洲沙泥田禾丰安平宁康乐福寿和兴隆盛旺新东西南北中上下";
const SECOND = "山水河湖江溪泉塘坪岭峰岩坡冲湾洲桥店铺市集寨堡坝源口头岗林园庄田溪湾阳明光华";
const SUFFIX = ["镇", "镇", "镇", "乡", "乡", "街道"];

/** Township names for the synthetic corpus (deterministic for a seed). */
export function townshipNames(count: number, rand: () => number): string[] {
  const out = new Set<string>();
  // two-character stems give about 8k names; a province-sized corpus needs more, so after a run
  // of draws that only repeat names, stems get a third character (small corpora never get there)
  let repeats = 0;
  while (out.size < count) {
    const a = FIRST[Math.floor(rand() * FIRST.length)]!;
    const b = SECOND[Math.floor(rand() * SECOND.length)]!;
    if (a === b) continue;
    const c = repeats >= 20 ? FIRST[Math.floor(rand() * FIRST.length)]! : "";
    const name = `${a}${c}${b}${SUFFIX[Math.floor(rand() * SUFFIX.length)]!}`;
    if (out.has(name)) repeats++;
    else if (repeats < 20) repeats = 0;
    out.add(name);
  }
  return [...out];
}

interface Template {
  lines: string[];
  townships: string[];
  year: number;
}

async function templates(dirs: string[]): Promise<Template[]> {
  const out: Template[] = [];
  for (const dir of dirs) {
    for (const f of (await readdir(dir)).filter((x) => x.endsWith(".txt"))) {
      const text = cleanText(await readFile(join(dir, f), "utf8")).text;
      const lines = text.split("\n").filter((l) => l.trim().length > 4);
      const year = Number(/(20\d\d)/.exec(f)?.[1] ?? 2022);
      out.push({
        lines,
        townships: [...new Set([...townshipCandidates(f), ...townshipCandidates(lines[0] ?? "")])],
        year,
      });
    }
  }
  return out;
}

/** Change a number by up to ±40 %, keeping its form (integer or the same decimals). */
function perturb(num: string, rand: () => number): string {
  const value = Number(num);
  if (!Number.isFinite(value) || value === 0) return num;
  const decimals = num.includes(".") ? num.split(".")[1]!.length : 0;
  const next = value * (0.6 + rand() * 0.8);
  return decimals ? next.toFixed(decimals) : String(Math.max(1, Math.round(next)));
}

export interface GeneratedCorpus {
  dir: string;
  files: number;
  chars: number;
  townships: string[];
  years: number[];
  /** (township, year) of every generated document, to aim benchmark questions at real ones. */
  pairs: Array<[string, number]>;
}

/**
 * A realistic synthetic corpus of about `targetChunks` chunks: documents recombined from the
 * sections of real plan documents (the shipped corpus and the eval corpora), each for another
 * township and year, with years shifted and every other number changed. Files are plain text in
 * folders of 500, so ingest runs end to end as on real files.
 */
export async function generateCorpus(opts: {
  targetChunks: number;
  outDir: string;
  seed: number;
  templateDirs: string[];
  charsPerChunk: number;
}): Promise<GeneratedCorpus> {
  const rand = rng(opts.seed);
  const tpls = await templates(opts.templateDirs);
  const townshipCount = Math.max(10, Math.round(opts.targetChunks / 60));
  const towns = townshipNames(townshipCount, rand);
  const kinds = ["工作计划", "工作总结", "政府工作要点", "工作总结及下一年工作计划"];
  let chars = 0;
  let files = 0;
  const target = opts.targetChunks * opts.charsPerChunk;
  const years = new Set<number>();
  const pairs: Array<[string, number]> = [];
  while (chars < target) {
    const town = towns[files % towns.length]!;
    const year = 2015 + Math.floor(rand() * 11);
    years.add(year);
    pairs.push([town, year]);
    const kind = kinds[Math.floor(rand() * kinds.length)]!;
    const title = `${town}${year}年${kind.replace("下一年", `${year + 1}年`)}`;
    const parts: string[] = [title];
    // 2–3 templates, a run of consecutive lines from each (keeps headings with their items)
    const pieces = 2 + Math.floor(rand() * 2);
    for (let p = 0; p < pieces; p++) {
      const t = tpls[Math.floor(rand() * tpls.length)]!;
      const len = 6 + Math.floor(rand() * 14);
      const from = Math.floor(rand() * Math.max(1, t.lines.length - len));
      for (let line of t.lines.slice(from, from + len)) {
        for (const old of t.townships) line = line.split(old).join(town);
        line = line.replace(/(20\d\d)(?=\s*年)/g, (y) => String(Number(y) - t.year + year));
        line = line.replace(/\d+(?:\.\d+)?(?!\s*年)/g, (n) => perturb(n, rand));
        parts.push(line);
      }
    }
    const text = `${parts.join("\n")}\n`;
    const folder = join(opts.outDir, String(Math.floor(files / 500)).padStart(4, "0"));
    if (files % 500 === 0) await mkdir(folder, { recursive: true });
    await writeFile(join(folder, `${title}.txt`), text);
    chars += text.length;
    files++;
  }
  return { dir: opts.outDir, files, chars, townships: towns, years: [...years].sort(), pairs };
}
