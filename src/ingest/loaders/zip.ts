/**
 * Just enough of the ZIP format to vet a .docx before unpacking it: the central directory lists
 * every entry's sizes, so a zip bomb (huge or extremely compressed entries) and a truncated file
 * are caught without inflating anything.
 */
export interface ZipEntry {
  name: string;
  compressed: number;
  uncompressed: number;
}

export class ZipFormatError extends Error {}

export function zipEntries(bytes: Uint8Array): ZipEntry[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // end of central directory: 22 bytes + up to 64 KiB comment, at the end of the file
  let eocd = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 0xffff); i--) {
    if (view.getUint32(i, true) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new ZipFormatError("no end-of-central-directory record (truncated?)");
  const count = view.getUint16(eocd + 10, true);
  let p = view.getUint32(eocd + 16, true);
  const entries: ZipEntry[] = [];
  const names = new TextDecoder("utf-8");
  for (let i = 0; i < count; i++) {
    if (p + 46 > bytes.length || view.getUint32(p, true) !== 0x02014b50)
      throw new ZipFormatError("central directory is damaged");
    const compressed = view.getUint32(p + 20, true);
    const uncompressed = view.getUint32(p + 24, true);
    const nameLen = view.getUint16(p + 28, true);
    const extraLen = view.getUint16(p + 30, true);
    const commentLen = view.getUint16(p + 32, true);
    const name = names.decode(bytes.subarray(p + 46, p + 46 + nameLen));
    entries.push({ name, compressed, uncompressed });
    p += 46 + nameLen + extraLen + commentLen;
  }
  return entries;
}

export interface ZipLimits {
  /** Total uncompressed bytes allowed. */
  maxTotal: number;
  /** Largest uncompressed/compressed ratio allowed for entries over 1 MiB. */
  maxRatio: number;
}

export const DEFAULT_ZIP_LIMITS: ZipLimits = { maxTotal: 200 * 1024 * 1024, maxRatio: 200 };

/** A reason the archive is unsafe to inflate, or null. */
export function zipBombReason(entries: ZipEntry[], limits: ZipLimits = DEFAULT_ZIP_LIMITS): string | null {
  let total = 0;
  for (const e of entries) {
    total += e.uncompressed;
    if (e.uncompressed === 0xffffffff || e.compressed === 0xffffffff) return `${e.name}: ZIP64 sizes`;
    if (e.uncompressed > 1024 * 1024 && e.uncompressed / Math.max(1, e.compressed) > limits.maxRatio)
      return `${e.name} expands ${Math.round(e.uncompressed / Math.max(1, e.compressed))}×`;
  }
  return total > limits.maxTotal ? `expands to ${Math.round(total / 1024 / 1024)} MiB` : null;
}
