import { XMLParser } from "fast-xml-parser";
import { z } from "zod";
import { RequestError } from "../../errors.js";

/**
 * WeChat XML in and out. Parsing never expands entities or reads a DTD (no XXE, no billion
 * laughs), keeps every value a string (MsgId stays exact), and is validated with zod.
 */
const parser = new XMLParser({
  ignoreAttributes: true,
  parseTagValue: false,
  parseAttributeValue: false,
  processEntities: false,
  htmlEntities: false,
  trimValues: true,
  ignoreDeclaration: true,
  ignorePiTags: true,
  cdataPropName: false,
});

/** A WeChat message body that is not the XML it should be (the method and the detail in the message). */
export class XmlError extends RequestError {
  constructor(message: string) {
    super("wechat-xml", message);
    this.name = "XmlError";
  }
}

const str = z.string();
export const InboundSchema = z
  .object({
    ToUserName: str,
    FromUserName: str,
    CreateTime: str,
    MsgType: str,
    Content: str.optional(),
    /** A voice message's text, when speech recognition is switched on for the account. */
    Recognition: str.optional(),
    MsgId: str.optional(),
    Event: str.optional(),
    Encrypt: str.optional(),
  })
  .passthrough();
export type Inbound = z.infer<typeof InboundSchema>;

export const EnvelopeSchema = z.object({ ToUserName: str.optional(), Encrypt: str }).passthrough();

/** Parse `<xml>…</xml>`; throws XmlError on anything else (DTDs included). */
export function parseXml(body: string): Record<string, unknown> {
  if (/<!DOCTYPE|<!ENTITY/i.test(body)) throw new XmlError("DTD and entity declarations are not accepted");
  let doc: unknown;
  try {
    doc = parser.parse(body, true);
  } catch (err) {
    throw new XmlError(`malformed XML: ${(err as Error).message.split("\n")[0]}`);
  }
  const xml = (doc as { xml?: unknown }).xml;
  if (!xml || typeof xml !== "object") throw new XmlError("not a WeChat <xml> message");
  return xml as Record<string, unknown>;
}

export function parseInbound(body: string): Inbound {
  const parsed = InboundSchema.safeParse(parseXml(body));
  if (!parsed.success)
    throw new XmlError(
      `unexpected message: ${parsed.error.issues[0]?.path.join(".")} ${parsed.error.issues[0]?.message}`,
    );
  return parsed.data;
}

const cdata = (s: string) => `<![CDATA[${s.replace(/]]>/g, "]]]]><![CDATA[>")}]]>`;

/** A passive text reply. */
export function textReplyXml(to: string, from: string, content: string, now = Math.floor(Date.now() / 1000)): string {
  return `<xml><ToUserName>${cdata(to)}</ToUserName><FromUserName>${cdata(from)}</FromUserName><CreateTime>${now}</CreateTime><MsgType><![CDATA[text]]></MsgType><Content>${cdata(content)}</Content></xml>`;
}

/** The envelope of an encrypted (safe mode) reply. */
export function encryptedReplyXml(encrypt: string, signature: string, timestamp: string, nonce: string): string {
  return `<xml><Encrypt>${cdata(encrypt)}</Encrypt><MsgSignature>${cdata(signature)}</MsgSignature><TimeStamp>${timestamp}</TimeStamp><Nonce>${cdata(nonce)}</Nonce></xml>`;
}
