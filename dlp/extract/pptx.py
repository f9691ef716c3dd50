"""PowerPoint decks (PPTX): every slide's text, notes, comments, and what masters put on slides.

The XML parts are read directly (see :mod:`dlp.extract.ooxml`).  Hidden slides
are read like the others.  Chunks and their parts:

=====================  ==========================================================
``slide N``            every shape's text on slide N, grouped shapes and table
                       cells included (a table row is one line, cells separated
                       by tabs), in the order the shapes are stacked
``slide N:notes``      the speaker notes
``slide N:comment``    review comments (legacy and modern); ``comment:author``
``slide N:alt``        pictures' and shapes' alternative text
``slide N:link``       addresses behind ``mailto:``/``tel:`` links
``master`` / ``layout``  text that masters and layouts print on every slide
                       using them (a "CONFIDENTIAL" footer, a logo caption);
                       placeholder prompts ("Click to edit ...") are left out
``metadata:NAME``      document properties
``member:ppt/...``     embedded objects and pictures
=====================  ==========================================================
"""
from __future__ import annotations

from dlp.extract.ooxml import (open_package, MC_FALLBACK, Package, diagram_text, embedded, link_text, local,
                               properties, q, relationships)
from dlp.models import Chunk, Extraction, ScanError

MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.presentationml.presentation"

A_P = q("a", "p")
A_T = q("a", "t")
A_BR = q("a", "br")
A_TBL = q("a", "tbl")
A_TR = q("a", "tr")
A_TC = q("a", "tc")
P_SP = q("p", "sp")
P_PH = q("p", "ph")
P_CNVPR = q("p", "cNvPr")

# Placeholders whose text on a master or layout is only a prompt for the author.
_PROMPT_PLACEHOLDERS = {"title", "body", "ctrTitle", "subTitle", "obj", "pic", "chart", "tbl", "clipArt", "dgm",
                        "media", "sldImg", "sldNum", "dt"}


def extract(data: bytes, ctx) -> Extraction:
    out = Extraction(MEDIA_TYPE)
    pkg, pres_name, pres = open_package(data, ctx, out, "ppt/presentation.xml", "presentation")
    if pres is None:
        return out
    rels = relationships(pkg, pres_name)
    slides = []
    lst = pres.find(q("p", "sldIdLst"))
    for sid in (lst if lst is not None else ()):
        target = rels.get(sid.get(q("r", "id")) or "")
        if target and not target[2]:
            slides.append(target[1])
    # Slides present in the package but missing from the list are still in the file.
    listed = {s.lower() for s in slides}
    slides += [n for n in pkg.names(r"ppt/slides/slide\d+\.xml") if n.lower() not in listed]

    max_pages = ctx.limits.max_pages
    for number, part in enumerate(slides, start=1):
        if number > max_pages:
            out.errors.append(ScanError("limit", f"more than {max_pages} slides", f"slide {number}"))
            break
        if ctx.expired():
            out.errors.append(ScanError("timeout", "", f"slide {number}"))
            return out
        root = pkg.xml(part, out, f"slide {number}")
        if root is None:
            continue
        _shapes(root, f"slide {number}", out)
        for rtype, target, external in relationships(pkg, part).values():
            if external:
                t = link_text(target) if rtype == "hyperlink" else None
                if t:
                    out.chunks.append(Chunk(t, f"slide {number}:link"))
            elif rtype == "notesSlide":
                notes = pkg.xml(target, out, f"slide {number}:notes")
                if notes is not None:
                    _shapes(notes, f"slide {number}:notes", out, skip={"sldNum", "sldImg"})
            elif rtype == "comments":
                root_c = pkg.xml(target, out, f"slide {number}:comment")
                if root_c is not None:
                    _comments(root_c, f"slide {number}:comment", out)

    _authors(pkg, out)
    seen: set[str] = set()
    for kind, pattern in (("master", r"ppt/slideMasters/slideMaster\d*\.xml"),
                          ("layout", r"ppt/slideLayouts/slideLayout\d*\.xml")):
        for name in pkg.names(pattern):
            root = pkg.xml(name, out, kind)
            if root is not None:
                _shapes(root, kind, out, skip=_PROMPT_PLACEHOLDERS, seen=seen, alt=False)
    diagram_text(pkg, "ppt", out)
    properties(pkg, out)
    if not ctx.expired():
        embedded(pkg, ("ppt",), ctx, out)
    return out


def _shapes(root, part: str, out: Extraction, skip: set[str] | None = None, seen: set[str] | None = None,
            alt: bool = True) -> None:
    """Text of every shape under ``root`` as one chunk; alt text aside."""
    lines: list[str] = []
    alts: list[str] = []
    stack = [iter(root)]
    while stack:
        for el in stack[-1]:
            tag = el.tag
            if tag == A_P:
                lines.append(_paragraph(el))
            elif tag == A_TBL:
                lines.extend(_table(el))
            elif tag == P_SP and skip and _placeholder(el) in skip:
                continue
            elif tag == P_CNVPR:
                if alt:
                    alts.extend(v for v in (el.get("descr"), el.get("title")) if v and v.strip())
            elif tag == MC_FALLBACK or not isinstance(tag, str):
                continue
            elif len(el):
                stack.append(iter(el))
                break
        else:
            stack.pop()
    text = "\n".join(lines).strip("\n")
    if text.strip():
        if seen is None or text not in seen:
            out.chunks.append(Chunk(text, part))
            if seen is not None:
                seen.add(text)
    if alts:
        out.chunks.append(Chunk("\n".join(dict.fromkeys(alts)), f"{part}:alt"))


def _placeholder(sp) -> str | None:
    """The placeholder type of a shape (``obj`` for an untyped placeholder), None if not one."""
    for el in sp.iter(P_PH):
        return el.get("type") or "obj"
    return None


def _paragraph(p) -> str:
    buf = []
    for el in p.iter():
        if el.tag == A_T:
            if el.text:
                buf.append(el.text)
        elif el.tag == A_BR:
            buf.append("\n")
    return "".join(buf)


def _table(tbl) -> list[str]:
    rows = []
    for tr in tbl.iter(A_TR):
        cells = []
        for tc in tr:
            if tc.tag != A_TC:
                continue
            cells.append(" ".join(_paragraph(p) for p in tc.iter(A_P)).strip())
        if any(cells):
            rows.append("\t".join(cells))
    return rows


def _comments(root, part: str, out: Extraction) -> None:
    texts = []
    for el in root.iter():
        name = local(el.tag)
        if name == "text" and el.text:          # legacy p:cm/p:text
            texts.append(el.text)
        elif el.tag == A_P:                        # modern comments: a:p in a txBody
            t = _paragraph(el)
            if t:
                texts.append(t)
    text = "\n".join(t for t in texts if t.strip())
    if text:
        out.chunks.append(Chunk(text, part))


def _authors(pkg: Package, out: Extraction) -> None:
    """Comment authors: ``ppt/commentAuthors.xml`` (legacy) and ``ppt/authors.xml`` (modern)."""
    names: dict[str, None] = {}
    for part in ("ppt/commentAuthors.xml", "ppt/authors.xml"):
        root = pkg.xml(part, out, "comment:author")
        if root is None:
            continue
        for el in root:
            for attr in ("name", "userId", "initials"):
                v = el.get(attr)
                if v and v.strip() and attr != "initials":
                    names.setdefault(v.strip())
    for n in names:
        out.chunks.append(Chunk(n, "comment:author"))
