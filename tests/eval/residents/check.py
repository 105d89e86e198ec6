#!/usr/bin/env python3
"""Checks questions.jsonl and holdout.jsonl of the residents eval set.

Run from anywhere:  python3 tests/eval/residents/check.py
Standard library only. It extracts the text of every file in corpus/ (txt, GBK txt,
docx, pdf, html), writes the text of the non-UTF-8-text files to corpus-text/NAME.txt
(NAME = the corpus file's full name), and verifies each question.
Exit code 0 when clean, 1 when any error was found.
"""
import html as htmlmod
import json
import re
import sys
import unicodedata
import zipfile
import zlib
from collections import Counter, defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
CORPUS = HERE / "corpus"
DUMPS = HERE / "corpus-text"
FILES = ["questions.jsonl", "holdout.jsonl"]
KINDS = ["cadre", "list", "two-part", "near-miss", "everyday", "dialect"]
TARGET = {"cadre": .12, "list": .10, "two-part": .18, "near-miss": .18, "everyday": .22, "dialect": .20}
MIN_PER_DOC = {"questions.jsonl": 6, "holdout.jsonl": 2}
MIN_TOTAL = {"questions.jsonl": 110, "holdout.jsonl": 45}
RELATIVE = ["今年", "去年", "明年", "前年", "最新", "现在", "本年", "当年", "近期", "目前"]

# ---------------------------------------------------------------- extraction

def read_txt(p: Path) -> str:
    raw = p.read_bytes()
    if p.name.endswith(".gbk.txt"):
        return raw.decode("gb18030")
    return raw.decode("utf-8")


def read_docx(p: Path) -> str:
    xml = zipfile.ZipFile(p).read("word/document.xml").decode("utf-8")
    body = re.search(r"<w:body>(.*)</w:body>", xml, re.S).group(1)
    lines = []
    # walk paragraphs and tables in order; a table row becomes one line, cells joined by a tab
    for m in re.finditer(r"<w:tbl>.*?</w:tbl>|<w:p[ >].*?</w:p>", body, re.S):
        blk = m.group(0)
        if blk.startswith("<w:tbl>"):
            for row in re.findall(r"<w:tr[ >].*?</w:tr>", blk, re.S):
                cells = []
                for cell in re.findall(r"<w:tc>.*?</w:tc>", row, re.S):
                    cells.append("".join(re.findall(r"<w:t[^>]*>([^<]*)</w:t>", cell)))
                lines.append("\t".join(htmlmod.unescape(c) for c in cells))
        else:
            lines.append(htmlmod.unescape("".join(re.findall(r"<w:t[^>]*>([^<]*)</w:t>", blk))))
    return "\n".join(lines)


def read_pdf(p: Path) -> str:
    """Minimal extractor for the fixture PDF: FlateDecode content streams, one-byte codes
    mapped through each font's ToUnicode CMap, text runs grouped into lines by y."""
    d = p.read_bytes()
    objs = {int(m.group(1)): m.group(2) for m in re.finditer(rb"(\d+) 0 obj(.*?)endobj", d, re.S)}

    def stream(n):
        b = objs[n]
        s = b.index(b"stream") + 6
        if b[s:s + 2] == b"\r\n":
            s += 2
        elif b[s:s + 1] == b"\n":
            s += 1
        return zlib.decompress(b[s:b.rindex(b"endstream")])

    def cmap(n):
        t = stream(n).decode("latin1")
        mp = {}
        for blk in re.findall(r"beginbfchar(.*?)endbfchar", t, re.S):
            for a, b in re.findall(r"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", blk):
                mp[int(a, 16)] = "".join(chr(int(b[i:i + 4], 16)) for i in range(0, len(b), 4))
        for blk in re.findall(r"beginbfrange(.*?)endbfrange", t, re.S):
            for a, b, c in re.findall(r"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", blk):
                for i, k in enumerate(range(int(a, 16), int(b, 16) + 1)):
                    mp[k] = chr(int(c, 16) + i)
        return mp

    fonts = {}
    for b in objs.values():
        m = re.search(rb"/Font\s+(\d+) 0 R", b)
        if m:
            for name, ref in re.findall(rb"/(\w+)\s+(\d+) 0 R", objs[int(m.group(1))]):
                tu = re.search(rb"/ToUnicode\s+(\d+) 0 R", objs[int(ref)])
                if tu:
                    fonts[name.decode()] = cmap(int(tu.group(1)))
    out = []
    for b in objs.values():
        if not re.search(rb"/Type\s*/Page[^s]", b):
            continue
        t = stream(int(re.search(rb"/Contents\s+(\d+) 0 R", b).group(1))).decode("latin1")
        lines = {}
        for bt in re.findall(r"BT(.*?)ET", t, re.S):
            m = re.search(r"([\d.]+)\s+([\d.]+)\s+Td", bt)
            x, y = float(m.group(1)), float(m.group(2))
            mp = fonts[re.search(r"/(\w+)\s+[\d.]+\s+Tf", bt).group(1)]
            s = ""
            for h in re.findall(r"<([0-9A-Fa-f]+)>", bt.split("Tf", 1)[1]):
                s += "".join(mp.get(int(h[i:i + 2], 16), "") for i in range(0, len(h), 2))
            lines.setdefault(round(y, 1), []).append((x, s))
        prev = None
        for y in sorted(lines, reverse=True):
            if prev is not None and prev - y > 20:
                out.append("")
            out.append("".join(s for _, s in sorted(lines[y])))
            prev = y
    return "\n".join(out)


def read_html(p: Path) -> str:
    t = p.read_bytes().decode("utf-8")
    t = re.sub(r"(?is)<head.*?</head>|<script.*?</script>|<style.*?</style>", "", t)
    t = re.sub(r"(?i)</t[dh]>", "\t", t)
    t = re.sub(r"(?i)<br\s*/?>|</(p|div|tr|li|h\d|table|ul)>", "\n", t)
    t = htmlmod.unescape(re.sub(r"<[^>]+>", "", t))
    lines = [re.sub(r"[ \t]+$", "", ln).strip(" ") for ln in t.split("\n")]
    return "\n".join(ln for ln in lines if ln.strip())


def extract(p: Path) -> str:
    n = p.name.lower()
    if n.endswith(".docx"):
        return read_docx(p)
    if n.endswith(".pdf"):
        return read_pdf(p)
    if n.endswith(".html") or n.endswith(".htm"):
        return read_html(p)
    return read_txt(p)

# ---------------------------------------------------------------- normalisation


def norm(s: str) -> str:
    s = unicodedata.normalize("NFKC", s)
    return "".join(ch for ch in s if not (ch.isspace() or unicodedata.category(ch)[0] in "PZ"))


SENT_END = "。！？；!?;"


def sentences(line: str):
    out, cur = [], ""
    for ch in line:
        cur += ch
        if ch in SENT_END:
            out.append(cur)
            cur = ""
    if cur:
        out.append(cur)
    return out


class Doc:
    def __init__(self, path: Path):
        self.name = path.name
        self.text = extract(path)
        self.norm = norm(self.text)
        # segments: lines, and table cells inside a line (tab separated)
        self.lines = self.text.split("\n")

    def segments(self):
        for ln in self.lines:
            for cell in ln.split("\t"):
                yield cell

    def context(self, ev_n: str):
        """sentences (or whole table row) around the evidence, normalised"""
        ctx = []
        for ln in self.lines:
            if "\t" in ln:
                if ev_n in norm(ln):
                    ctx.append(norm(ln))
                continue
            sents = sentences(ln)
            ns = [norm(s) for s in sents]
            joined = "".join(ns)
            start = joined.find(ev_n)
            while start != -1:
                end = start + len(ev_n)
                pos, picked = 0, []
                for s in ns:
                    if pos < end and pos + len(s) > start:
                        picked.append(s)
                    pos += len(s)
                ctx.append("".join(picked))
                start = joined.find(ev_n, start + 1)
        return ctx

# ---------------------------------------------------------------- near-miss absence checks
# id -> list of (document or "*" for the whole corpus, word that must NOT occur there)
ABSENT = {}
ABSENT_FILE = HERE / "absent.json"
if ABSENT_FILE.exists():
    ABSENT = json.loads(ABSENT_FILE.read_text(encoding="utf-8"))


def check_absent(entry, docs):
    """entry = [scope, word] or [scope, marker, "redacted"].
    scope: "*" (every document), "DOC" (whole document), "DOC@MARKER" (the part of DOC after
    MARKER), "DOC#MARKER" (the sentence(s) of DOC that contain MARKER).
    [DOC, MARKER, "redacted"]: the sentence containing MARKER holds a redaction mark (*)."""
    msgs = []
    if len(entry) == 3 and entry[2] == "redacted":
        dn, marker = entry[0], entry[1]
        d = docs.get(dn)
        if d is None:
            return [f"absent.json names unknown document {dn}"]
        sents = [s for ln in d.lines for s in sentences(ln) if norm(marker) in norm(s)]
        if not sents:
            msgs.append(f"redaction marker {marker!r} not found in {dn}")
        elif not all("*" in s for s in sents):
            msgs.append(f"sentence with {marker!r} in {dn} is not redacted")
        return msgs
    scope, word = entry
    wn = norm(word)
    if scope == "*":
        targets = [(n, d.norm) for n, d in docs.items()]
    else:
        sep = "@" if "@" in scope else "#" if "#" in scope else None
        dn, marker = (scope.split(sep, 1) if sep else (scope, None))
        d = docs.get(dn)
        if d is None:
            return [f"absent.json names unknown document {dn}"]
        if sep == "@":
            i = d.norm.find(norm(marker))
            if i < 0:
                return [f"marker {marker!r} not found in {dn}"]
            targets = [(scope, d.norm[i:])]
        elif sep == "#":
            # a table row counts as one sentence
            sents = [norm(s) for ln in d.lines for s in ([ln] if "\t" in ln else sentences(ln))
                     if norm(marker) in norm(s)]
            if not sents:
                return [f"marker {marker!r} not found in {dn}"]
            targets = [(scope, "".join(sents))]
        else:
            targets = [(dn, d.norm)]
    for dn, text in targets:
        if wn in text:
            msgs.append(f"word {word!r} that should be absent occurs in {dn}")
    return msgs


def main() -> int:
    docs = {p.name: Doc(p) for p in sorted(CORPUS.iterdir()) if p.is_file()}
    DUMPS.mkdir(exist_ok=True)
    for d in docs.values():
        # plain UTF-8 .txt files are their own text; dump the others (docx, pdf, html, GBK)
        if not d.name.endswith(".txt") or d.name.endswith(".gbk.txt"):
            (DUMPS / (d.name + ".txt")).write_text(d.text + "\n", encoding="utf-8")
    allnorm = {n: d.norm for n, d in docs.items()}
    errors, warnings = [], []
    seen_ids = set()
    summary = {}
    facts = {}
    for fname in FILES:
        path = HERE / fname
        kinds = Counter()
        per_doc = Counter()
        partial = 0
        n = 0
        qtexts = set()
        facts[fname] = set()
        for lineno, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip():
                continue
            where = f"{fname}:{lineno}"
            try:
                q = json.loads(line)
            except json.JSONDecodeError as e:
                errors.append(f"{where}: bad JSON: {e}")
                continue
            n += 1
            for k in ["id", "question", "answerable", "evidence", "answer_contains", "kind", "partial"]:
                if k not in q:
                    errors.append(f"{where}: missing field {k}")
            if any(k not in q for k in ["id", "question", "kind"]):
                continue
            qid = q["id"]
            where = f"{fname}:{qid}"
            if qid in seen_ids:
                errors.append(f"{where}: duplicate id")
            seen_ids.add(qid)
            if q["question"] in qtexts:
                errors.append(f"{where}: duplicate question text")
            qtexts.add(q["question"])
            kind = q["kind"]
            if kind not in KINDS:
                errors.append(f"{where}: unknown kind {kind}")
            kinds[kind] += 1
            for w in RELATIVE:
                if w in q["question"]:
                    errors.append(f"{where}: relative time word {w} in question")
            ev, ac = q.get("evidence", []), q.get("answer_contains", [])
            if not isinstance(ev, list) or not isinstance(ac, list):
                errors.append(f"{where}: evidence/answer_contains must be lists")
                continue
            if kind == "near-miss":
                if q["answerable"] is not False or ev or ac:
                    errors.append(f"{where}: near-miss must be answerable false with empty evidence/answer_contains")
                if qid not in ABSENT:
                    errors.append(f"{where}: near-miss without absence words in absent.json")
                for t in q.get("tempting", []):
                    if not any(norm(t) in dn for dn in allnorm.values()):
                        errors.append(f"{where}: tempting {t!r} not in corpus")
            else:
                if q["answerable"] is not True:
                    errors.append(f"{where}: only near-miss questions may be unanswerable")
                if not 1 <= len(ev) <= 2:
                    errors.append(f"{where}: needs 1-2 evidence strings")
                if not 1 <= len(ac) <= 2:
                    errors.append(f"{where}: needs 1-2 answer_contains strings")
            if kind == "two-part":
                if q["partial"]:
                    partial += 1
                    if not q.get("missing_hint"):
                        errors.append(f"{where}: partial two-part needs missing_hint")
                    if qid not in ABSENT:
                        errors.append(f"{where}: partial two-part without absence words in absent.json")
                elif len(ac) != 2:
                    errors.append(f"{where}: two-part needs one answer string per part")
            elif q["partial"]:
                errors.append(f"{where}: partial is only for two-part questions")
            # evidence: 8-40 chars, one line, found in exactly one document, inside one line/cell
            evdocs = set()
            for e in ev:
                if not 8 <= len(e) <= 40:
                    errors.append(f"{where}: evidence length {len(e)}: {e!r}")
                if "\n" in e or "\t" in e:
                    errors.append(f"{where}: evidence has a line break: {e!r}")
                if "*" in e:
                    errors.append(f"{where}: evidence touches a redaction: {e!r}")
                en = norm(e)
                hits = [dn for dn, t in allnorm.items() if en in t]
                if len(hits) != 1:
                    errors.append(f"{where}: evidence {e!r} found in {len(hits)} documents {hits}")
                    continue
                d = docs[hits[0]]
                if not any(en in norm(s) for s in d.segments()):
                    errors.append(f"{where}: evidence {e!r} crosses a line break or table cell")
                if e not in d.text:
                    # byte-exact copy expected (only whitespace may differ for PDF runs)
                    if e.replace(" ", "") not in d.text.replace(" ", ""):
                        errors.append(f"{where}: evidence {e!r} is not a verbatim substring of {d.name}")
                evdocs.add(d.name)
            if len(evdocs) > 1:
                errors.append(f"{where}: evidence from several documents {evdocs}")
            if evdocs:
                dname = next(iter(evdocs))
                per_doc[dname] += 1
                d = docs[dname]
                ctx = []
                for e in ev:
                    ctx += d.context(norm(e))
                for a in ac:
                    an = norm(a)
                    if not an or "*" in a:
                        errors.append(f"{where}: bad answer_contains {a!r}")
                    elif not any(an in c for c in ctx):
                        errors.append(f"{where}: answer {a!r} not in the evidence's sentence(s) in {dname}")
                    facts[fname].add((dname, an, tuple(sorted(norm(e) for e in ev))))
            # absence checks (near-miss and partial two-part); see absent.json for the format
            for entry in ABSENT.get(qid, []):
                for msg in check_absent(entry, docs):
                    errors.append(f"{where}: {msg}")
        for dname in docs:
            if per_doc[dname] < MIN_PER_DOC[fname]:
                errors.append(f"{fname}: only {per_doc[dname]} questions with evidence in {dname}")
        if n < MIN_TOTAL[fname]:
            errors.append(f"{fname}: only {n} questions")
        summary[fname] = (n, kinds, partial, per_doc)
    for qid in ABSENT:
        if qid not in seen_ids:
            errors.append(f"absent.json: unknown id {qid}")
    # a fact = (document, answer string, evidence); the holdout should reuse as few as possible
    dev_ev = {(d, e) for d, _, evs in facts["questions.jsonl"] for e in evs}
    shared = sorted({(d, a) for d, a, evs in facts["holdout.jsonl"] if any((d, e) in dev_ev for e in evs)})

    print(f"documents: {len(docs)} (text of the docx/pdf/html/GBK files written to corpus-text/)")
    for fname, (n, kinds, partial, per_doc) in summary.items():
        print(f"\n{fname}: {n} questions")
        for k in KINDS:
            print(f"  {k:10s} {kinds[k]:4d}  {kinds[k] / max(n, 1):5.1%}  (target ~{TARGET[k]:.0%})")
        print(f"  two-part with partial=true: {partial}")
        print("  answerable questions per document:")
        for dname in docs:
            print(f"    {per_doc[dname]:3d}  {dname}")
    print(f"\nholdout answers whose evidence span also serves a dev question: {len(shared)}")
    for s in shared:
        print(f"    {s[0]}: {s[1]}")
    for w in warnings:
        print("WARNING", w)
    if errors:
        print(f"\n{len(errors)} ERRORS")
        for e in errors:
            print("ERROR", e)
        return 1
    print("\nOK: no errors")
    return 0


if __name__ == "__main__":
    sys.exit(main())
