"""Words of the web page and the API, in Bahasa Indonesia and English.

Verdict words, entity names and file-error messages come from
:mod:`dlp.i18n` (one source for the CLI and the page); this module adds only
what the page and the API say on their own, and the plain-words label of a
finding's location (``page 3`` -> ``Halaman 3``).
"""
from __future__ import annotations

import re

from dlp.i18n import ENTITY_NAMES, ERRORS, UI, VERDICT_WORDS

LANGS = ("id", "en")
DEFAULT_LANG = "id"

# key -> (Bahasa Indonesia, English)
WEB: dict[str, tuple[str, str]] = {
    "title": ("Periksa sebelum dibagikan", "Check before you share"),
    "intro": ("Tempel caption atau siaran pers, lampirkan foto dan file, lalu tekan Periksa.",
              "Paste the caption or press release, attach the photos and files, then press Check."),
    "privacy": ("Yang Anda kirim hanya diperiksa di memori server ini: tidak disimpan dan tidak dicatat.",
                "What you send is checked in this server's memory only: it is neither stored nor logged."),
    "language": ("Bahasa", "Language"),
    "draft_label": ("Teks draf (caption atau siaran pers)", "Draft text (caption or press release)"),
    "draft_placeholder": ("Tempel teks yang akan dibagikan di sini…", "Paste the text you are about to post here…"),
    "files_label": ("Lampiran (foto, PDF, dokumen)", "Attachments (photos, PDFs, documents)"),
    "files_hint": ("Paling banyak {max_files} file, masing-masing sampai {max_file_mb} MB.",
                   "Up to {max_files} files, {max_file_mb} MB each."),
    "add_files": ("Tambah file", "Add files"),
    "remove": ("Hapus", "Remove"),
    "mask_persons": ("Samarkan juga nama orang di salinan aman", "Also mask people's names in the safe copy"),
    "check": ("Periksa", "Check"),
    "checking": ("Memeriksa…", "Checking…"),
    "verdict_note_safe": ("Tidak ditemukan data yang tidak boleh dibagikan.",
                          "Nothing was found that must not be shared."),
    "verdict_note_review": ("Ada hal yang perlu dicek dulu sebelum dibagikan.",
                            "Something needs checking before this is shared."),
    "verdict_note_block": ("Ada data yang tidak boleh dibagikan. Pakai salinan aman atau perbaiki dulu.",
                           "There is data that must not be shared. Use the safe copy or fix it first."),
    "draft_heading": ("Draf", "Draft"),
    "attachments_heading": ("Lampiran", "Attachments"),
    "safe_copy_heading": ("Salinan aman", "Safe copy"),
    "safe_copy_note": ("Nomor, alamat dan kode rahasia sudah disamarkan. Baca lagi sebelum dibagikan.",
                       "Numbers, addresses and secrets are masked. Read it again before you post it."),
    "safe_copy_verdict": ("Salinan aman diperiksa ulang: {verdict}", "Safe copy checked again: {verdict}"),
    "copy": ("Salin", "Copy"),
    "copied": ("Tersalin", "Copied"),
    "copy_failed": ("Tidak bisa menyalin otomatis: pilih teksnya lalu salin", "Could not copy: select the text and copy it"),
    "download_safe": ("Unduh salinan aman", "Download safe copy"),
    "downloading": ("Menyiapkan…", "Preparing…"),
    "sev_block": ("jangan dibagikan", "do not share"),
    "sev_review": ("perlu ditinjau", "needs review"),
    "sev_info": ("info", "info"),
    "no_findings": UI["no_findings"],
    "findings": UI["findings"],
    "errors": UI["errors"],
    "summary": UI["summary"],
    # errors of a request (HTTP 400/413/415/422/500)
    "nothing": ("Tempel teks atau lampirkan file terlebih dahulu.", "Paste some text or attach a file first."),
    "too_many_files": ("Terlalu banyak file: paling banyak {max_files} file sekali periksa.",
                       "Too many files: at most {max_files} files per check."),
    "file_too_big": ("File “{name}” terlalu besar: paling besar {max_file_mb} MB per file.",
                     "File “{name}” is too large: at most {max_file_mb} MB per file."),
    "request_too_big": ("Kiriman terlalu besar: paling besar {max_total_mb} MB sekaligus.",
                        "Upload too large: at most {max_total_mb} MB in one check."),
    "text_too_long": ("Teks terlalu panjang: paling banyak {max_text_chars} karakter.",
                      "Text too long: at most {max_text_chars} characters."),
    "bad_request": ("Permintaan tidak bisa dibaca: {detail}", "The request could not be read: {detail}"),
    "bad_option": ("Pilihan tidak dikenal: {detail}", "Unknown option: {detail}"),
    "no_file": ("Lampirkan satu file (field “file”).", "Attach one file (field “file”)."),
    "server_error": ("Terjadi kesalahan di server. Coba lagi.", "Something went wrong on the server. Please try again."),
    "network_error": ("Server tidak bisa dihubungi. Coba lagi.", "The server could not be reached. Please try again."),
    "busy": ("Server sedang sibuk. Coba lagi sebentar.", "The server is busy. Please try again shortly."),
}


def web(key: str, lang: str, **kw) -> str:
    pair = WEB[key]
    text = pair[0] if lang == "id" else pair[1]
    return text.format(**kw) if kw else text


def both(key: str, **kw) -> dict[str, str]:
    """A message in both languages: ``{"id": ..., "en": ...}``."""
    return {lang: web(key, lang, **kw) for lang in LANGS}


class _Keep(dict):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def page_strings(limits: dict) -> dict[str, dict[str, str]]:
    """Everything the page may show, per language (injected into the page as JSON)."""
    out: dict[str, dict[str, str]] = {}
    for i, lang in enumerate(LANGS):
        strings = {}
        for key, pair in WEB.items():
            strings[key] = pair[i].format_map(_Keep(limits))  # other placeholders: filled in by the page
        for verdict, pair in VERDICT_WORDS.items():
            strings[f"verdict_{verdict}"] = pair[i]
        for code, pair in ERRORS.items():
            strings[f"error_{code}"] = pair[i]
        for entity, pair in ENTITY_NAMES.items():
            strings[f"entity_{entity}"] = pair[i]
        out[lang] = strings
    return out


# -- locations -------------------------------------------------------------------

_METADATA_FIELDS = {
    "author": ("penulis", "author"),
    "creator": ("pembuat", "creator"),
    "producer": ("aplikasi pembuat", "producer"),
    "title": ("judul", "title"),
    "subject": ("subjek", "subject"),
    "keywords": ("kata kunci", "keywords"),
    "comments": ("komentar", "comments"),
    "last_modified_by": ("terakhir diubah oleh", "last modified by"),
    "company": ("instansi", "company"),
    "manager": ("atasan", "manager"),
}
_SIMPLE = {
    "body": ("Isi", "Body"),
    "header": ("Kepala halaman", "Header"),
    "footer": ("Kaki halaman", "Footer"),
    "footnote": ("Catatan kaki", "Footnote"),
    "footnotes": ("Catatan kaki", "Footnotes"),
    "endnotes": ("Catatan akhir", "Endnotes"),
    "comment": ("Komentar", "Comment"),
    "comments": ("Komentar", "Comments"),
    "notes": ("Catatan pembicara", "Speaker notes"),
    "ocr": ("Teks dalam gambar (OCR)", "Text in the image (OCR)"),
    "subject": ("Subjek", "Subject"),
    "headers": ("Kepala e-mail", "E-mail headers"),
}
_NUMBERED = {
    "page": ("Halaman", "Page"),
    "slide": ("Slide", "Slide"),
    "image": ("Gambar", "Image"),
    "frame": ("Bingkai", "Frame"),
    "table": ("Tabel", "Table"),
    "paragraph": ("Paragraf", "Paragraph"),
    "line": ("Baris", "Line"),
}


def part_label(part: str, lang: str = DEFAULT_LANG) -> str:
    """A finding's ``part`` in plain words.

    >>> part_label("ocr:page 2", "id")
    'Teks dalam gambar (OCR), halaman 2'
    >>> part_label("member:laporan/lampiran.xlsx:sheet Gaji!B7", "en")
    'Inside the archive: laporan/lampiran.xlsx › Sheet Gaji!B7'
    """
    i = 0 if lang == "id" else 1
    part = (part or "").strip()
    if not part:
        return _SIMPLE["body"][i]
    if part.startswith("member:"):
        rest = part[len("member:"):]
        member, _, inner = _split_member(rest)
        head = ("Di dalam arsip: " if i == 0 else "Inside the archive: ") + member
        return head + (" › " + part_label(inner, lang) if inner else "")
    low = part.lower()
    if low in _SIMPLE:
        return _SIMPLE[low][i]
    if low.startswith("ocr:"):
        inner = part_label(part[4:], lang)
        return _SIMPLE["ocr"][i] + ", " + _lower_first(inner)
    if low.startswith("metadata:") or low.startswith("meta:"):
        name = part.split(":", 1)[1]
        field = _METADATA_FIELDS.get(name.lower().replace(" ", "_"))
        return "Metadata: " + (field[i] if field else name)
    m = re.fullmatch(r"(sheet|lembar)\s+(.+)", part, re.IGNORECASE)
    if m:
        return ("Lembar " if i == 0 else "Sheet ") + m.group(2)
    m = re.fullmatch(r"([a-z]+)[\s_-]*(\d+)(.*)", part, re.IGNORECASE)
    if m and m.group(1).lower() in _NUMBERED:
        tail = m.group(3)
        if tail.startswith(":"):
            tail = ", " + _lower_first(part_label(tail[1:], lang))
        return f"{_NUMBERED[m.group(1).lower()][i]} {m.group(2)}{tail}"
    if ":" in part:
        head, _, tail = part.partition(":")
        if head.lower() in _SIMPLE or head.lower() in _NUMBERED:
            return part_label(head, lang) + ", " + _lower_first(part_label(tail, lang))
    return part


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def _split_member(rest: str) -> tuple[str, str, str]:
    """``inner/file.pdf:page 2`` -> (``inner/file.pdf``, ``:``, ``page 2``): split at the first
    colon that follows a file extension, so member names with colons stay whole."""
    m = re.search(r"\.[A-Za-z0-9]{1,5}:", rest)
    if m:
        return rest[:m.end() - 1], ":", rest[m.end():]
    return rest, "", ""
