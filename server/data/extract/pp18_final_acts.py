#!/usr/bin/env python3
"""Extract facts from the PP-18 Final Acts (Akoma Ntoso XML) into JSONL files.

Input
    Repository: https://github.com/techpolicycomms/akn4itu
    File:       pp18_final_acts_akn.xml
    Commit:     52410f5a9be37ec038a384c28dc1cc2b6bef218e
    (an Akoma Ntoso rendering of the Final Acts of the Plenipotentiary
    Conference, Dubai, 2018, produced from the ITU PDF by the akn4itu
    converter).  The XML is read from the path given as argv[1]; it is
    never copied into this project.

Output (next to this script, in ../sources/pp18-final-acts/)
    documents.jsonl    one line per decision/resolution/recommendation
    citations.jsonl    one line per distinct citation inside a component
    abrogations.jsonl  one line per decision/resolution listed as abrogated

Only facts are written: numbers, headings, titles, places, years and short
citation strings (at most ~120 characters).  No paragraphs of prose.

Usage
    python3 server/data/extract/pp18_final_acts.py /path/to/pp18_final_acts_akn.xml [OUTDIR]

Standard library only; output is sorted and deterministic (UTF-8, "\\n").
"""

import json
import os
import re
import sys
import xml.etree.ElementTree as ET

NS = "{http://docs.oasis-open.org/legaldocml/ns/akn/3.0}"

KIND_ORDER = {"Decision": 0, "Resolution": 1, "Recommendation": 2}

# Titles that the converter cut off (it took them from the PDF bookmarks, some
# of which are shortened).  The XML does not contain the rest of these titles
# anywhere, so they are written as found and flagged "title_truncated": true.
# Judged by eye: trailing "...", a word cut in the middle, a dangling phrase.
TRUNCATED_TITLES = {
    "cmp_res_30",   # "... small island developing states, landlocked"
    "cmp_res_34",   # "... rebuilding their telecommunication sect"
    "cmp_res_64",   # "... information and communication technology" (dangling)
    "cmp_res_70",   # "... gender equality and the empowerment"
    "cmp_res_77",   # "... Council sessions of the Union (2"
    "cmp_res_102",  # "... pertaining to the Internet and th"
    "cmp_res_135",  # ends with "..."
    "cmp_res_136",  # ends with "..."
    "cmp_res_139",  # ends with "..."
    "cmp_res_140",  # ends with "..."
    "cmp_res_207",  # "ITU Journal:"
    "cmp_rec_7",    # "... technologies to combat tra"
}

# Conference that met at a place and year -- used only when the citation
# itself does not name the body, and only for unambiguous pairs.
PLACE_YEAR_BODY = {
    ("Dubai", 2018): "PP",
    ("Busan", 2014): "PP",
    ("Guadalajara", 2010): "PP",
    ("Antalya", 2006): "PP",
    ("Marrakesh", 2002): "PP",
    ("Minneapolis", 1998): "PP",
    ("Kyoto", 1994): "PP",
    ("Dubai", 2014): "WTDC",
    ("Buenos Aires", 2017): "WTDC",
    ("Hyderabad", 2010): "WTDC",
    ("Doha", 2006): "WTDC",
    ("Istanbul", 2002): "WTDC",
    ("Valletta", 1998): "WTDC",
    ("Hammamet", 2016): "WTSA",
    ("Johannesburg", 2008): "WTSA",
    ("Florianópolis", 2004): "WTSA",
    # ("Dubai", 2012) is handled in body_from_place(): WTSA-12 and WCIT-12.
}

# A body named right before the kind word: "UNGA Resolution", "Council Decision".
PREFIX_BODIES = [
    (re.compile(r"(?:Human Rights|Security|Economic and Social) Council\)?\s*$"), "-"),
    (re.compile(r"\b(?:ECOSOC|JIU|IMAC|CEDAW)\)?\s*$"), "-"),
    (re.compile(r"\bGeneral\s*$"), "-"),  # "General Recommendation No." (CEDAW)
    (re.compile(r"(?:United Nations General Assembly|UN General Assembly|\bUNGA)\)?\s*$"), "UNGA"),
    (re.compile(r"\bGeneral Assembly\s*$"), "UNGA"),
    (re.compile(r"\bCouncil\s*$"), "Council"),
    (re.compile(r"\bthe Council adopted(?: at its \d{4} session)?\s*$"), "Council"),
    (re.compile(r"\bWTDC(?:-\d\d)?\s*$"), "WTDC"),
    (re.compile(r"\bWTSA(?:-\d\d)?\s*$"), "WTSA"),
    (re.compile(r"\bWTPF(?:-\d\d)?\s*$"), "WTPF"),
    (re.compile(r"\bWRC(?:-\d\d)?\s*$"), "WRC"),
    (re.compile(r"\bITU-D\s*$"), "ITU-D"),
    (re.compile(r"\bITU-T\s*$"), "ITU-T"),
    (re.compile(r"\bITU-R\s*$"), "ITU-R"),
    (re.compile(r"\bPP(?:-\d\d)?\s*$"), "PP"),
]

# A body named right after the citation: "of this conference", "of WTDC".
SUFFIX_BODY_RE = re.compile(
    r"""\s*,?\s*(?:of|adopted\s+by|by)\s+(?:the\s+)?(?:\d{4}\s+)?
        (?:(?:first|second|third|fourth|fifth|sixth|seventh)\s+)?
        (?P<name>
            this\s+conference | the\s+present\s+conference | present\s+conference
          | plenipotentiary\s+conference | PP(?:-\d\d)?
          | world\s+telecommunication\s+development\s+conference | WTDC(?:-\d\d)?
          | world\s+telecommunication\s+standardization\s+assembly | WTSA(?:-\d\d)?
          | world\s+telecommunication/(?:ict|information\s+and\s+communication\s+technology(?:\s+\(ict\))?)\s+policy\s+forum
          | WTPF(?:-\d\d)?
          | world\s+radiocommunication\s+conference | WRC(?:-\d\d)?
          | radiocommunication\s+assembly | RA(?:-\d\d)?\b
          | world\s+conference\s+on\s+international\s+telecommunications | WCIT(?:-\d\d)?
          | united\s+nations\s+general\s+assembly | UN\s+general\s+assembly | UNGA | general\s+assembly
          | ITU\s+council | council
          | ITU\s+telecommunication\s+standardization\s+sector | ITU-T\b
          | ITU\s+telecommunication\s+development\s+sector | telecommunication\s+development\s+sector | ITU-D\b
          | ITU\s+radiocommunication\s+sector | ITU-R\b
        )""",
    re.IGNORECASE | re.VERBOSE,
)


def suffix_body(name):
    n = " ".join(name.lower().split())
    if n in ("this conference", "present conference", "the present conference",
             "plenipotentiary conference") or n.startswith("pp"):
        return "PP"
    if n.startswith("world telecommunication development") or n.startswith("wtdc"):
        return "WTDC"
    if n.startswith("world telecommunication standardization") or n.startswith("wtsa"):
        return "WTSA"
    if n.startswith("world telecommunication/") or n.startswith("wtpf"):
        return "WTPF"
    if n.startswith("world radiocommunication") or n.startswith("wrc"):
        return "WRC"
    if n.startswith("radiocommunication assembly") or n.startswith("ra"):
        return "ITU-R"
    if n.startswith("world conference on international") or n.startswith("wcit"):
        return "WCIT"
    if "general assembly" in n or n == "unga":
        return "UNGA"
    if n.endswith("council"):
        return "Council"
    if "standardization sector" in n or n == "itu-t":
        return "ITU-T"
    if "development sector" in n or n == "itu-d":
        return "ITU-D"
    if "radiocommunication sector" in n or n == "itu-r":
        return "ITU-R"
    return None


def body_from_place(place, year, revised):
    if place is None or year is None:
        return None
    if (place, year) == ("Dubai", 2012):
        # WTSA-12 revised resolutions; WCIT-12 only adopted new ones.
        return "WTSA" if revised else None
    return PLACE_YEAR_BODY.get((place, year))


KIND_WORD = r"(?P<kind>Resolutions?|Decisions?|Opinions?|Questions?|Recommendations?)"
# one item: optional sector prefix + designation
ITEM = (r"(?P<pfx>ITU[- ][RT]\s+)?"
        r"(?P<num>[A-Z]{1,2}\.\d+(?:\.\d+)?|\d+(?:/\d+)?[A-Z]?(?:-\d+)?)")
ITEM_RE = re.compile(ITEM)
DATE_RE = re.compile(
    r"""\s*\(\s*(?P<rev>Rev\.\s*\(?)?
        (?:WRC-(?:20)?(?P<wrc>\d\d)
          | (?P<place>[A-Z][A-Za-zÀ-ÿ.' ]*[a-zà-ÿ]),?\s*(?P<year>\d{4})
          | (?P<y1>\d{4})(?:,\s*last\s+modified\s+(?P<y2>\d{4}))?
        )\s*\)""",
    re.VERBOSE,
)
START_RE = re.compile(r"\b" + KIND_WORD + r"\s+(?=(?:ITU[- ][RT]\s+)?(?:[A-Z]{1,2}\.)?\d)")
# after a list item (not the first): what may legitimately follow
CONT_OK_RE = re.compile(r"\s*(?:\(|,|;|\.|:|\)|$|and\b|of\b|adopted\b|respectively\b|on\b|as\b|which\b|that\b|in\b)")
SEP_RE = re.compile(r"\s*(?:,\s*(?:and\s+)?|\s+and\s+|\s*,?\s*as\s+well\s+as\s+)")

FOOTNOTE_IN_TITLE_RE = re.compile(r"(?<=[a-z]{3})1(?=\s|$|,)")
PART_RE = re.compile(r"\bPART (?:I|II|III|IV|V|VI|VII) - [A-Z]")
CTX_PREFIX_RE = re.compile(
    r"(?:(?:United Nations |UN )?(?:Human Rights Council|Security Council|Economic and Social Council"
    r"|General Assembly(?: \(UNGA\))?)|(?:\(?)ECOSOC|\bUNGA|ITU Council|\bCouncil|\bWTDC(?:-\d\d)?"
    r"|\bWTSA(?:-\d\d)?|\bWTPF(?:-\d\d)?|\bWRC(?:-\d\d)?|\bITU-[DTR]|\bPP(?:-\d\d)?)\s*$")
QUESTION_D_RE = re.compile(r"ITU-D|Development Sector|development conference|WTDC", re.IGNORECASE)


def norm(s):
    return " ".join(s.split())


def kind_singular(k):
    k = k.rstrip("s")
    return k[0].upper() + k[1:]


def natural_key(num):
    return [int(t) if t.isdigit() else t for t in re.split(r"(\d+)", num)]


def component_text(statement):
    """Text of preamble and body, paragraph by paragraph, cut at a PART heading."""
    parts = []
    for sec in statement:
        if sec.tag in (NS + "meta", NS + "preface"):
            continue
        for p in sec.iter(NS + "p"):
            parts.append(norm("".join(p.itertext())))
    text = " ".join(t for t in parts if t)
    m = PART_RE.search(text)
    return (text[: m.start()] if m else text), text


def short_context(text, start, end, limit=120):
    s = text[start:end].strip()
    if len(s) <= limit:
        return s
    cut = s[:limit]
    sp = cut.rfind(" ")
    return (cut[:sp] if sp > 60 else cut) + " …"


def parse_citations(text):
    """Yield citation dicts (without "in") found in text."""
    pos = 0
    while True:
        m = START_RE.search(text, pos)
        if not m:
            return
        kind = kind_singular(m.group("kind"))
        plural = m.group("kind").endswith("s")
        before = text[max(0, m.start() - 60): m.start()]
        prefix_body = None
        for rx, b in PREFIX_BODIES:
            if rx.search(before):
                prefix_body = b
                break
        ctx_start = m.start()
        pb = CTX_PREFIX_RE.search(before)
        if pb and prefix_body is not None:
            ctx_start = m.start() - (len(before) - pb.start())
        i = m.end()
        groups = []  # list of (items, date) ; items = [(pfx, num)]
        cur = []
        while True:
            im = ITEM_RE.match(text, i)
            if not im:
                break
            cur.append((im.group("pfx"), im.group("num")))
            i = im.end()
            dm = DATE_RE.match(text, i)
            if dm:
                groups.append((cur, dm))
                cur = []
                i = dm.end()
            if not plural:
                break
            sm = SEP_RE.match(text, i)
            if not sm:
                break
            nxt = ITEM_RE.match(text, sm.end())
            if not nxt:
                break
            # do not swallow plain prose numbers ("..., 1 to continue")
            if not CONT_OK_RE.match(text, nxt.end()) and not DATE_RE.match(text, nxt.end()):
                break
            i = sm.end()
        if cur:
            groups.append((cur, None))
        end = i
        sfx = SUFFIX_BODY_RE.match(text, end)
        sfx_body = suffix_body(sfx.group("name")) if sfx else None
        ctx_end = sfx.end() if sfx else end
        context = short_context(text, ctx_start, ctx_end)

        for gi, (items, dm) in enumerate(groups):
            last_group = gi == len(groups) - 1
            revised = False
            place = year = None
            wrc = False
            if dm:
                revised = bool(dm.group("rev"))
                if dm.group("place"):
                    place = norm(dm.group("place"))
                    year = int(dm.group("year"))
                elif dm.group("wrc"):
                    year = 2000 + int(dm.group("wrc"))
                    wrc = True
                elif dm.group("y1"):
                    year = int(dm.group("y1"))
                    if dm.group("y2"):
                        year = int(dm.group("y2"))
                        revised = True
            for pfx, num in items:
                body = None
                if pfx:
                    body = "ITU-R" if "R" in pfx else "ITU-T"
                elif prefix_body and prefix_body != "-":
                    body = prefix_body
                elif prefix_body == "-":
                    body = None
                elif wrc:
                    body = "WRC"
                elif sfx_body and last_group:
                    body = sfx_body
                else:
                    body = body_from_place(place, year, revised)
                    if body is None and sfx_body and not dm:
                        body = sfx_body
                    if body is None and kind == "Resolution" and re.fullmatch(r"\d{1,3}/\d+", num):
                        body = "UNGA"
                    if body is None and kind == "Resolution" and re.fullmatch(r"1\d{3}", num) \
                            and not place and prefix_body != "-":
                        body = "Council"
                    if body is None and kind == "Question":
                        win = text[max(0, m.start() - 150): min(len(text), ctx_end + 80)]
                        if QUESTION_D_RE.search(win):
                            body = "ITU-D"
                yield {
                    "body": body,
                    "kind": kind,
                    "number": num,  # as written, e.g. "45", "70/125", "D.50", "7-3" (ITU-R)
                    "revised": revised,
                    "place": place,
                    "year": year,
                    "context": context,
                }
        pos = max(end, m.end())


ABROG_HEAD_RE = re.compile(r"\b(RESOLUTION|DECISION) (\d+) \(([^)]*)\)")


def parse_abrogations(full_text):
    out = []
    for hdr, stop in (
        (r"PART II - DECISIONS? ABROGATED BY THE PLENIPOTENTIARY CONFERENCE \(DUBAI, 2018\)", r"PART III - "),
        (r"PART IV - LIST OF RESOLUTIONS ABROGATED BY THE PLENIPOTENTIARY CONFERENCE \(DUBAI, 2018\)", r"PART V - "),
    ):
        h = re.search(hdr, full_text)
        if not h:
            continue
        s = re.compile(stop).search(full_text, h.end())
        seg = full_text[h.end(): s.start() if s else len(full_text)]
        heads = list(ABROG_HEAD_RE.finditer(seg))
        for j, hm in enumerate(heads):
            tail = seg[hm.end(): heads[j + 1].start() if j + 1 < len(heads) else len(seg)]
            title = re.sub(r"\s+\d{3}\s*$", "", tail.strip())  # drop page number
            heading = hm.group(0)
            out.append({
                "kind": hm.group(1).capitalize(),
                "number": hm.group(2),
                "heading": heading,
                "context": norm(heading + " " + title),
            })
    return out


def main():
    if len(sys.argv) < 2:
        sys.exit("usage: pp18_final_acts.py PP18_AKN_XML [OUTDIR]")
    src = sys.argv[1]
    here = os.path.dirname(os.path.abspath(__file__))
    outdir = sys.argv[2] if len(sys.argv) > 2 else \
        os.path.normpath(os.path.join(here, "..", "sources", "pp18-final-acts"))
    os.makedirs(outdir, exist_ok=True)

    root = ET.parse(src).getroot()
    comps = root.find(NS + "documentCollection").find(NS + "components")

    documents, citations, abrogations = [], [], []
    for comp in comps.findall(NS + "component"):
        anchor = comp.get("eId")
        st = comp[0]
        dt = st.find(f"{NS}preface/{NS}longTitle/{NS}p/{NS}docType")
        dn = st.find(f"{NS}preface/{NS}longTitle/{NS}p/{NS}docNumber")
        ti = st.find(f"{NS}preface/{NS}container[@name='title']")
        heading = norm(f"{dt.text} {dn.text}")
        hm = re.fullmatch(r"(DECISION|RESOLUTION|RECOMMENDATION) (\d+) \((REV\. )?([^,]+), (\d{4})\)", heading)
        if not hm:
            sys.exit(f"unexpected heading {heading!r} in {anchor}")
        kind = hm.group(1).capitalize()
        number = hm.group(2)
        revised = bool(hm.group(3))
        title = FOOTNOTE_IN_TITLE_RE.sub("", norm("".join(ti.itertext())))
        documents.append({
            "kind": kind,
            "number": number,
            "heading": heading,
            "revised": revised,
            "title": title,
            "title_truncated": anchor in TRUNCATED_TITLES or title.endswith("..."),
            "anchor": anchor,
        })

        text, full_text = component_text(st)
        abrogations.extend(parse_abrogations(full_text))
        me = f"{kind} {number}"
        ref = ("kind", "number", "revised", "place", "year")
        kept, seen = [], set()
        for c in parse_citations(text):
            # self-reference: own kind and number, this conference or undated
            if c["kind"] == kind and c["number"] == number and c["body"] in ("PP", None) \
                    and c["year"] in (2018, None) and c["place"] in ("Dubai", None):
                continue
            key = (c["body"],) + tuple(c[k] for k in ref)
            if key in seen:  # de-duplicate; the first occurrence's context is kept
                continue
            seen.add(key)
            kept.append({"in": me, **c})
        # drop a body-less row when the same reference (kind, number, revision,
        # place, year) is attributed to a body elsewhere in the same component
        # (e.g. "ITU-D Question 3/2" ... "activities under Question 3/2").
        with_body = {tuple(r[k] for k in ref) for r in kept if r["body"] is not None}
        citations.extend(r for r in kept
                         if r["body"] is not None or tuple(r[k] for k in ref) not in with_body)

    documents.sort(key=lambda d: (KIND_ORDER[d["kind"]], int(d["number"])))

    def cit_key(c):
        ik, inum = c["in"].split(" ")
        return (KIND_ORDER[ik], int(inum), c["kind"], natural_key(c["number"]),
                c["body"] or "", c["year"] or 0, c["place"] or "", c["revised"])
    citations.sort(key=cit_key)
    abrogations = sorted({json.dumps(a, sort_keys=True): a for a in abrogations}.values(),
                         key=lambda a: (KIND_ORDER[a["kind"]], int(a["number"])))

    def write(name, rows, fields):
        path = os.path.join(outdir, name)
        with open(path, "w", encoding="utf-8", newline="\n") as f:
            for r in rows:
                f.write(json.dumps({k: r[k] for k in fields}, ensure_ascii=False) + "\n")
        print(f"{path}: {len(rows)} lines", file=sys.stderr)

    write("documents.jsonl", documents,
          ["kind", "number", "heading", "revised", "title", "title_truncated", "anchor"])
    write("citations.jsonl", citations,
          ["in", "body", "kind", "number", "revised", "place", "year", "context"])
    write("abrogations.jsonl", abrogations, ["kind", "number", "heading", "context"])


if __name__ == "__main__":
    main()
