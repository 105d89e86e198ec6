import { createCipheriv, createDecipheriv, createHash, randomBytes, timingSafeEqual } from "node:crypto";
import { RequestError } from "../../errors.js";

/**
 * WeChat Official Account message signatures and "safe mode" encryption, as WeChat documents
 * them: sha1 over the sorted parameters; AES-256-CBC with key = base64(EncodingAESKey + "="),
 * IV = the key's first 16 bytes, PKCS#7 padding to 32 bytes, plaintext = 16 random bytes +
 * 4-byte big-endian length + message + AppID.
 */
export function sha1Signature(...parts: string[]): string {
  return createHash("sha1")
    .update([...parts].sort().join(""))
    .digest("hex");
}

/** Constant-time comparison of two hex signatures. */
export function sameSignature(a: string | undefined | null, b: string): boolean {
  if (!a || a.length !== b.length) return false;
  return timingSafeEqual(Buffer.from(a.toLowerCase()), Buffer.from(b));
}

/** A WeChat safe-mode message or key that does not decrypt or verify. */
export class WeChatCryptoError extends RequestError {
  constructor(message: string) {
    super("wechat-crypto", message);
    this.name = "WeChatCryptoError";
  }
}

export class WeChatCrypto {
  private readonly key: Buffer;
  private readonly iv: Buffer;

  constructor(
    encodingAesKey: string,
    private readonly appId: string,
  ) {
    if (!/^[A-Za-z0-9+/]{43}$/.test(encodingAesKey))
      throw new WeChatCryptoError("EncodingAESKey must be 43 characters of base64");
    this.key = Buffer.from(`${encodingAesKey}=`, "base64");
    if (this.key.length !== 32) throw new WeChatCryptoError("EncodingAESKey does not decode to 32 bytes");
    this.iv = this.key.subarray(0, 16);
  }

  /** Encrypt a reply; `random` is for fixed test vectors only. */
  encrypt(message: string, random: Buffer = randomBytes(16)): string {
    const msg = Buffer.from(message, "utf8");
    const len = Buffer.alloc(4);
    len.writeUInt32BE(msg.length, 0);
    const plain = Buffer.concat([random, len, msg, Buffer.from(this.appId, "utf8")]);
    const pad = 32 - (plain.length % 32);
    const padded = Buffer.concat([plain, Buffer.alloc(pad, pad)]);
    const cipher = createCipheriv("aes-256-cbc", this.key, this.iv);
    cipher.setAutoPadding(false);
    return Buffer.concat([cipher.update(padded), cipher.final()]).toString("base64");
  }

  /** Decrypt an `Encrypt` field; throws on bad padding, length or AppID. */
  decrypt(encrypted: string): string {
    let plain: Buffer;
    try {
      const decipher = createDecipheriv("aes-256-cbc", this.key, this.iv);
      decipher.setAutoPadding(false);
      plain = Buffer.concat([decipher.update(Buffer.from(encrypted, "base64")), decipher.final()]);
    } catch (err) {
      throw new WeChatCryptoError(`cannot decrypt: ${(err as Error).message}`);
    }
    const pad = plain[plain.length - 1]!;
    if (pad < 1 || pad > 32 || plain.length < 20 + pad) throw new WeChatCryptoError("bad padding");
    const body = plain.subarray(16, plain.length - pad);
    const len = body.readUInt32BE(0);
    if (len > body.length - 4) throw new WeChatCryptoError("bad message length");
    const message = body.subarray(4, 4 + len).toString("utf8");
    const appId = body.subarray(4 + len).toString("utf8");
    if (appId !== this.appId) throw new WeChatCryptoError("AppID does not match");
    return message;
  }
}
