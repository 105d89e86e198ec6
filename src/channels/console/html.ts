/** HTML for the staff console: every piece of document or user text goes through `esc`. */

const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

/** Text as HTML text or attribute value. */
export const esc = (v: unknown): string => String(v ?? "").replace(/[&<>"']/g, (c) => ESCAPES[c]!);

/** A pre-escaped fragment, so templates can tell built HTML from text. */
export class Html {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

/** Tagged template: interpolated values are escaped unless they are `Html` (or arrays of it). */
export function html(strings: TemplateStringsArray, ...values: unknown[]): Html {
  let out = strings[0]!;
  values.forEach((v, i) => {
    out += render(v) + strings[i + 1]!;
  });
  return new Html(out);
}

function render(v: unknown): string {
  if (v instanceof Html) return v.value;
  if (Array.isArray(v)) return v.map(render).join("");
  if (v === null || v === undefined || v === false) return "";
  return esc(v);
}

export const NAV: Array<[string, string]> = [
  ["/files", "文件"],
  ["/ask", "问答测试"],
  ["/eval", "评测"],
  ["/feedback", "反馈"],
  ["/commitments", "量化目标"],
];

const STYLE = `
body{font-family:system-ui,"Noto Sans CJK SC","Microsoft YaHei",sans-serif;margin:0;color:#1d2329;background:#f6f7f9}
header{background:#234;color:#fff;padding:.6rem 1.2rem;display:flex;gap:1.4rem;align-items:center}
header a{color:#dde;text-decoration:none}header a[aria-current=page]{color:#fff;font-weight:600;border-bottom:2px solid #fc6}
main{padding:1rem 1.4rem;max-width:1200px}
table{border-collapse:collapse;width:100%;background:#fff;font-size:.92rem}
th,td{border:1px solid #d5d9de;padding:.3rem .45rem;text-align:left;vertical-align:top}
th{background:#eef1f4}
form.inline{display:inline}
.box{background:#fff;border:1px solid #d5d9de;padding:.8rem 1rem;margin:.8rem 0}
.ok{color:#176b2c}.bad{color:#a11}.muted{color:#667}
pre{white-space:pre-wrap;margin:0}
label{margin-right:.4rem}input[type=text],input[type=search],select{padding:.25rem;margin-right:.6rem}
button{padding:.3rem .8rem}
`;

/** The page frame: navigation (the current page marked), a title and the body. */
export function page(title: string, active: string, body: Html, opts: { refresh?: number } = {}): string {
  const nav = NAV.map(
    ([href, name]) => html`<a href="${href}"${new Html(href === active ? ' aria-current="page"' : "")}>${name}</a>`,
  );
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><link rel="icon" href="data:,">${
    opts.refresh ? `<meta http-equiv="refresh" content="${opts.refresh}">` : ""
  }<title>${esc(title)} · 规划问答 控制台</title><style>${STYLE}</style></head><body><header><strong>规划问答 控制台</strong><nav>${nav
    .map(String)
    .join(" ")}</nav></header><main><h1>${esc(title)}</h1>${body.value}</main></body></html>`;
}
