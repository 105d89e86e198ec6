#!/usr/bin/env python3
"""Checker for the relative-time eval set (questions.jsonl + holdout.jsonl).

Reads only the corpus (corpus/*.txt, corpus/metadata.json) and the two jsonl files.
Usage:  python3 check.py [--corpus DIR]
Exit code 0 when clean, 1 when any error was found.
"""
import argparse
import datetime as dt
import json
import os
import re
import sys
import unicodedata
from collections import Counter

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_CORPUS = os.path.normpath(os.path.join(HERE, "..", "..", "..", "corpus"))
FILES = ["questions.jsonl", "holdout.jsonl"]
KINDS = {"exact", "fallback", "latest", "none", "followup"}
REQUIRED = {
    "id": str, "today": str, "question": str, "answerable": bool,
    "evidence": list, "answer_contains": list, "kind": str,
}
ALLOWED = set(REQUIRED) | {"year_meant", "year_answered", "history"}

# relative word -> offset from today's year (None = no fixed year)
REL_YEAR = [("本年度", 0), ("今年", 0), ("去年", -1), ("前年", -2), ("明年", 1)]
REL_NULL = ["最新", "最近", "现在", "目前", "今后", "近两年"]
# for kind none: key terms of the topic that must not occur in any corpus file
NONE_TERMS = {
    "t035": ["充电桩", "充电"], "t036": ["公交"], "t037": ["光伏"], "t038": ["体育馆"],
    "h014": ["5G", "基站"], "h015": ["图书馆"],
}


def norm(s):
    """NFKC, then drop whitespace and punctuation (Unicode categories Z*, P*, Cc)."""
    s = unicodedata.normalize("NFKC", s)
    return "".join(ch for ch in s
                   if not ch.isspace()
                   and unicodedata.category(ch)[0] not in ("P", "Z")
                   and unicodedata.category(ch) != "Cc")


def expected_year(text, today_year):
    """Year the relative word in `text` means, None for 最新/目前/..., 'missing' if none."""
    fixed = [(w, off) for w, off in REL_YEAR if w in text]
    floating = [w for w in REL_NULL if w in text]
    if fixed and floating:
        return "ambiguous", fixed, floating
    if len({off for _, off in fixed}) > 1:
        return "ambiguous", fixed, floating
    if fixed:
        return today_year + fixed[0][1], fixed, floating
    if floating:
        return None, fixed, floating
    return "missing", fixed, floating


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--corpus", default=DEFAULT_CORPUS)
    args = ap.parse_args()

    meta = json.load(open(os.path.join(args.corpus, "metadata.json"), encoding="utf-8"))["documents"]
    raw = {}
    for name in sorted(os.listdir(args.corpus)):
        if name.endswith(".txt"):
            raw[name] = open(os.path.join(args.corpus, name), encoding="utf-8").read()
    normed = {k: norm(v) for k, v in raw.items()}
    missing_meta = set(raw) - set(meta)

    errors, warnings = [], []
    seen_ids, seen_q = {}, {}
    per_file = {}
    all_dates = Counter()
    if missing_meta:
        errors.append(f"corpus files without metadata: {sorted(missing_meta)}")

    for fname in FILES:
        path = os.path.join(HERE, fname)
        kinds = Counter()
        dates = Counter()
        n = 0
        for lineno, line in enumerate(open(path, encoding="utf-8"), 1):
            where = f"{fname}:{lineno}"
            if not line.strip():
                errors.append(f"{where}: blank line")
                continue
            try:
                q = json.loads(line)
            except json.JSONDecodeError as e:
                errors.append(f"{where}: bad JSON: {e}")
                continue
            n += 1
            qid = q.get("id", "?")
            where = f"{fname}:{lineno} [{qid}]"
            for key, typ in REQUIRED.items():
                if key not in q:
                    errors.append(f"{where}: missing field {key}")
                elif not isinstance(q[key], typ):
                    errors.append(f"{where}: field {key} should be {typ.__name__}")
            for key in ("year_meant", "year_answered"):
                if key not in q:
                    errors.append(f"{where}: missing field {key}")
                elif q[key] is not None and (not isinstance(q[key], int) or isinstance(q[key], bool)):
                    errors.append(f"{where}: {key} must be int or null")
            extra = set(q) - ALLOWED
            if extra:
                errors.append(f"{where}: unknown fields {sorted(extra)}")
            if any(k not in q for k in REQUIRED) or "year_meant" not in q or "year_answered" not in q:
                continue

            # ids and duplicates
            if qid in seen_ids:
                errors.append(f"{where}: duplicate id (also {seen_ids[qid]})")
            seen_ids[qid] = where
            hist = q.get("history", [])
            qkey = (q["today"], tuple(hist), q["question"])
            if qkey in seen_q:
                errors.append(f"{where}: duplicate question (also {seen_q[qkey]})")
            seen_q[qkey] = where

            # today
            try:
                today = dt.date.fromisoformat(q["today"])
            except ValueError:
                errors.append(f"{where}: today is not YYYY-MM-DD")
                continue
            dates[q["today"]] += 1
            all_dates[q["today"]] += 1

            kind = q["kind"]
            kinds[kind] += 1
            if kind not in KINDS:
                errors.append(f"{where}: unknown kind {kind}")

            # history
            if kind == "followup":
                if not (isinstance(hist, list) and hist and all(isinstance(h, str) and h for h in hist)):
                    errors.append(f"{where}: followup needs non-empty history list of strings")
            elif "history" in q:
                errors.append(f"{where}: history only allowed for followup")

            # year_meant from the relative word of the (follow-up) question
            exp, fixed, floating = expected_year(q["question"], today.year)
            if exp == "missing":
                errors.append(f"{where}: no relative time word in question")
            elif exp == "ambiguous":
                errors.append(f"{where}: several relative time words {fixed} {floating}")
            elif exp != q["year_meant"]:
                errors.append(f"{where}: year_meant {q['year_meant']} but the relative word means {exp}")

            ev, ac = q["evidence"], q["answer_contains"]
            if not q["answerable"]:
                if kind != "none":
                    errors.append(f"{where}: answerable false only for kind none")
                if ev or ac or q["year_answered"] is not None:
                    errors.append(f"{where}: unanswerable item must have empty evidence/answer_contains and null year_answered")
                terms = NONE_TERMS.get(qid)
                if not terms:
                    errors.append(f"{where}: no NONE_TERMS entry for this none item")
                for t in terms or []:
                    hits = [f for f, tx in normed.items() if norm(t) in tx]
                    if hits:
                        errors.append(f"{where}: none-topic term {t!r} occurs in {hits}")
                continue
            if kind == "none":
                errors.append(f"{where}: kind none must be answerable false")
                continue

            # evidence
            if not (1 <= len(ev) <= 2):
                errors.append(f"{where}: evidence must hold 1-2 strings")
            ev_files = set()
            for e in ev:
                if not isinstance(e, str):
                    errors.append(f"{where}: evidence entry not a string")
                    continue
                if not (8 <= len(e) <= 40):
                    errors.append(f"{where}: evidence length {len(e)} not in 8..40: {e!r}")
                if "\n" in e or "\r" in e:
                    errors.append(f"{where}: evidence has a line break")
                raw_hits = [f for f, t in raw.items() if e in t]
                if not raw_hits:
                    errors.append(f"{where}: evidence not a byte-exact substring of any file: {e!r}")
                ne = norm(e)
                n_hits = [f for f, t in normed.items() if ne in t]
                if len(n_hits) != 1:
                    errors.append(f"{where}: evidence normalised occurs in {len(n_hits)} files {n_hits}: {e!r}")
                ev_files.update(n_hits)
                ev_files.update(raw_hits)
            if len(ev_files) != 1:
                errors.append(f"{where}: evidence spans files {sorted(ev_files)}")
                continue
            efile = ev_files.pop()
            years = meta.get(efile, {}).get("years", [])

            # answer_contains
            if not ac:
                errors.append(f"{where}: answer_contains empty")
            for a in ac:
                if not isinstance(a, str) or not a:
                    errors.append(f"{where}: bad answer_contains entry {a!r}")
                elif norm(a) not in normed[efile]:
                    errors.append(f"{where}: answer_contains {a!r} not in evidence file {efile}")
            ya = q["year_answered"]
            if ya is None:
                errors.append(f"{where}: answerable item needs year_answered")
                continue
            if str(ya) not in ac:
                errors.append(f"{where}: answer_contains must include the year_answered string {ya}")
            if ya not in years:
                errors.append(f"{where}: year_answered {ya} not among {efile} years {years}")

            # kind rules
            ym = q["year_meant"]
            if kind == "exact" and ym != ya:
                errors.append(f"{where}: exact needs year_meant == year_answered ({ym} vs {ya})")
            if kind == "fallback":
                if ym is None or ym == ya:
                    errors.append(f"{where}: fallback needs a year_meant different from year_answered")
            if kind == "latest" and ym is not None:
                errors.append(f"{where}: latest needs year_meant null")
            if kind in ("fallback", "followup") and ym is not None and ym != ya:
                other = [f for f, m in meta.items() if ym in m.get("years", [])]
                if other:
                    warnings.append(f"{where}: meant year {ym} has a document ({', '.join(other)}) "
                                    f"but not for this topic / document kind; answered from {ya}")
            if min(years) > today.year:
                warnings.append(f"{where}: evidence file {efile} is dated after today {q['today']}")
        per_file[fname] = (n, kinds, dates)

    # overlap between questions and holdout (same question text regardless of date)
    qtexts = {}
    for fname in FILES:
        for line in open(os.path.join(HERE, fname), encoding="utf-8"):
            try:
                q = json.loads(line)
            except Exception:
                continue
            key = (tuple(q.get("history", [])), q.get("question"))
            qtexts.setdefault(key, set()).add(fname)
    for key, fs in qtexts.items():
        if len(fs) > 1:
            warnings.append(f"same wording in both files: {key}")

    # summary
    print("== relative-time eval check ==")
    total = Counter()
    for fname, (n, kinds, dates) in per_file.items():
        total.update(kinds)
        parts = ", ".join(f"{k} {kinds.get(k, 0)} ({100 * kinds.get(k, 0) / max(n, 1):.0f}%)" for k in
                          ["exact", "fallback", "latest", "none", "followup"])
        print(f"{fname}: {n} items — {parts}")
        print(f"  dates: {', '.join(f'{d}×{c}' for d, c in sorted(dates.items()))}")
    if per_file.get("questions.jsonl", (0,))[0] < 36:
        errors.append("questions.jsonl needs at least 36 items")
    if per_file.get("holdout.jsonl", (0,))[0] < 14:
        errors.append("holdout.jsonl needs at least 14 items")
    if len(all_dates) < 5:
        errors.append(f"only {len(all_dates)} distinct dates (need >= 5)")
    print(f"distinct dates overall: {len(all_dates)}")
    for w in warnings:
        print("WARN  " + w)
    for e in errors:
        print("ERROR " + e)
    print(f"result: {len(errors)} errors, {len(warnings)} warnings")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
