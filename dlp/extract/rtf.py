"""RTF (Rich Text Format: WordPad, "Save as RTF" in Word): the text a reader sees, and the metadata.

Read raw, an RTF file hides its text among control words: Word splits a run of
text into groups wherever an edit happened (``3273{\\rsid12 0149}05850003``),
writes ``\\par`` after every paragraph and non-ASCII letters as ``\\'e9`` or
``\\u8212?``.  So a NIK split by a group, or a ``RAHASIA`` stamp line ending in
``\\par``, would go unseen.  This reads the text the way a reader's word
processor lays it out:

* paragraphs (``\\par``, ``\\line``, ``\\page``, ``\\sect``, a table's
  ``\\row``) end a line, a table's ``\\cell`` and ``\\tab`` are tabs;
* ``\\'xx`` is a byte of the document's code page (``\\ansicpg``, Windows-1252
  by default), ``\\uN`` a Unicode character (its ``\\ucN`` fallback skipped);
* what is not text is skipped: font, colour, style and list tables, pictures,
  embedded objects' data, fields' instructions, and every ``{\\*\\...}``
  destination a reader does not show - except comments (``\\annotation``),
  which recipients can open, and a field's shown result;
* the document information (``{\\info{\\author ...}{\\title ...}}``) becomes
  ``metadata:author``, ``metadata:title`` ... chunks, as for DOCX and PDF.

Headers, footers and footnotes are part of the text (they print).  Source: Microsoft, Rich Text
Format (RTF) Specification, version 1.9.1 (2008).
"""
from __future__ import annotations

import re

from dlp.models import Chunk, Extraction

TOKEN = re.compile(rb"\\([a-zA-Z]{1,32})(-?\d{1,10})? ?|\\'([0-9a-fA-F]{2})|\\(.)|([{}])|[\r\n]+|([^\\{}\r\n]+)",
                   re.DOTALL)
# Destinations whose content is no text a reader sees.
SKIP = {b"fonttbl", b"colortbl", b"stylesheet", b"listtable", b"listoverridetable", b"revtbl", b"rsidtbl",
        b"generator", b"pict", b"objdata", b"objclass", b"themedata", b"colorschememapping", b"latentstyles",
        b"datastore", b"xmlnstbl", b"filetbl", b"pgdsctbl", b"wgrffmtfilter", b"mmathPr", b"bkmkstart",
        b"bkmkend", b"atnid", b"atndate", b"atnref", b"listtext", b"pntext", b"pntxta", b"pntxtb",
        b"xe", b"tc", b"nonshppict", b"shpinst", b"passwordhash", b"protusertbl"}
# Starred destinations that hold text a recipient can open: a comment and its author, a hyperlink's
# target in a field's instruction (HYPERLINK "mailto:..."), a shape's text.
KEEP_STARRED = {b"annotation", b"atnauthor", b"shptxt", b"fldrslt", b"footnote", b"fldinst"}
# Groups read as parts of their own (the parts DOCX and ODF files report): their text is no body text.
PARTS = {b"header": "header", b"headerl": "header", b"headerr": "header", b"headerf": "header",
         b"footer": "footer", b"footerl": "footer", b"footerr": "footer", b"footerf": "footer",
         b"footnote": "footnote", b"annotation": "comment", b"atnauthor": "comment:author"}
INFO = {b"title": "title", b"subject": "subject", b"author": "author", b"operator": "last_modified_by",
        b"keywords": "keywords", b"doccomm": "comments", b"company": "company", b"manager": "manager",
        b"category": "category"}
NEWLINE = {b"par", b"line", b"page", b"sect", b"row"}
TAB = {b"tab", b"cell"}
SYMBOL = {b"emdash": "\u2014", b"endash": "\u2013", b"lquote": "\u2018", b"rquote": "\u2019",
          b"ldblquote": "\u201c", b"rdblquote": "\u201d", b"bullet": "\u2022", b"emspace": " ", b"enspace": " ",
          b"qmspace": " "}
ESCAPED = {b"~": "\u00a0", b"_": "-", b"\\": "\\", b"{": "{", b"}": "}", b"\n": "\n", b"\r": "\n"}


def to_parts(data: bytes) -> list[tuple[str, str]]:
    """(part, text) of the body, each header, footer, footnote and comment, and each information field."""
    codepage = "cp1252"
    sinks: list[tuple[str, list[str]]] = [("body", [])]
    # The state of the group at hand, saved on entering a group and restored on leaving it: whether its
    # text is skipped, the sink its text goes to, the number of fallback characters after a \uN,
    # whether it is (inside) the {\info} group, what ends its text (a field's instruction: a blank).
    skip, sink, uc, in_info, after = False, sinks[0][1], 1, False, ""
    stack: list[tuple] = []
    pending = 0  # fallback characters still to drop after a \uN
    starred = first = False  # the group's first control was \*; the next control word is its first
    pos, size = 0, len(data)

    def new_sink(part: str) -> list[str]:
        sinks.append((part, []))
        return sinks[-1][1]

    while pos < size:
        m = TOKEN.match(data, pos)
        if m is None:  # (cannot happen: some alternative takes any byte but a final "\\")
            break
        pos = m.end()
        word, arg, hexa, sym, brace, plain = m.groups()
        if brace is not None:
            if brace == b"{":
                if len(stack) < 10_000:  # (deeper nesting is no document: its groups stay flat)
                    stack.append((skip, sink, uc, in_info, after))
                after = ""
                first, starred = True, False
            else:
                if after and not skip:
                    sink.append(after)
                if stack:
                    skip, sink, uc, in_info, after = stack.pop()
                first = starred = False
            pending = 0
            continue
        text = None
        if sym is not None:
            if sym == b"*":
                starred = True
                continue
            text = ESCAPED.get(sym, "")
        elif hexa is not None:
            text = bytes([int(hexa, 16)]).decode(codepage, errors="replace")
        elif plain is not None:
            text = plain.decode("latin-1")
        if text is not None:
            first = False
            if pending:  # a \uN's fallback: one character, escaped or not, for each
                cut = 1 if hexa is not None or sym is not None else min(pending, len(text))
                text, pending = text[cut:], pending - cut
            if text and not skip:
                sink.append(text)
            continue
        if word is None:  # a line break of the file itself: no text
            continue
        was_first, first = first, False
        if word == b"bin" and arg:  # binary data, skipped by its length
            pos += max(0, int(arg))
            continue
        if was_first:
            if in_info:  # a field of the document information, or nothing a reader sees
                key = INFO.get(word)
                skip = key is None
                if not skip:
                    sink = new_sink(f"metadata:{key}")
                continue
            if word == b"info":
                skip = in_info = True
                continue
            if word in SKIP or (starred and word not in KEEP_STARRED):
                skip = True
                continue
            if word in PARTS and not skip:
                sink = new_sink(PARTS[word])
            elif word == b"fldinst":
                after = " "  # (between the instruction and the field's shown result)
        if skip:
            continue
        if word == b"ansicpg" and arg:
            codepage = _codepage(int(arg), codepage)
        elif word == b"uc" and arg:
            uc = max(0, int(arg))
        elif word == b"u" and arg:
            n = int(arg)
            sink.append(chr(n + 65536 if n < 0 else n))
            pending = uc
        elif word in NEWLINE:
            sink.append("\n")
        elif word in TAB:
            sink.append("\t")
        elif word in SYMBOL:
            sink.append(SYMBOL[word])
    return [(part, "".join(pieces)) for part, pieces in sinks]


def _codepage(n: int, current: str) -> str:
    name = f"cp{n}"
    try:
        "".encode(name)
    except LookupError:
        return current
    return name


def extract(data: bytes, ctx) -> Extraction:
    """The body, headers, footers, footnotes and comments, and the document information, each a chunk."""
    chunks = []
    for part, text in to_parts(data):
        if part.startswith("metadata:"):  # (the field's name as context, as for DOCX and ODF)
            if text.strip():
                chunks.append(Chunk(text.strip(), part, part[9:].replace("_", " ")))
        elif text.strip():
            chunks.append(Chunk(text, part))
    return Extraction("text/rtf", chunks)
