"""Words of the page: locations in plain words, both languages complete."""
from __future__ import annotations

import pytest

from dlp.web.messages import LANGS, WEB, page_strings, part_label


@pytest.mark.parametrize("part, id_, en", [
    ("body", "Isi", "Body"),
    ("", "Isi", "Body"),
    ("page 3", "Halaman 3", "Page 3"),
    ("sheet Gaji!B7", "Lembar Gaji!B7", "Sheet Gaji!B7"),
    ("ocr:page 1", "Teks dalam gambar (OCR), halaman 1", "Text in the image (OCR), page 1"),
    ("ocr", "Teks dalam gambar (OCR)", "Text in the image (OCR)"),
    ("metadata:author", "Metadata: penulis", "Metadata: author"),
    ("metadata:Producer", "Metadata: aplikasi pembuat", "Metadata: producer"),
    ("metadata:x-custom", "Metadata: x-custom", "Metadata: x-custom"),
    ("header", "Kepala halaman", "Header"),
    ("footer", "Kaki halaman", "Footer"),
    ("slide 2", "Slide 2", "Slide 2"),
    ("slide 2:notes", "Slide 2, catatan pembicara", "Slide 2, speaker notes"),
    ("page 2:ocr", "Halaman 2, teks dalam gambar (OCR)", "Page 2, text in the image (OCR)"),
    ("member:inner/file.pdf", "Di dalam arsip: inner/file.pdf", "Inside the archive: inner/file.pdf"),
    ("member:a/b.xlsx:sheet X!A1", "Di dalam arsip: a/b.xlsx › Lembar X!A1", "Inside the archive: a/b.xlsx › Sheet X!A1"),
    ("member:a.zip:member:c.pdf:page 1", "Di dalam arsip: a.zip › Di dalam arsip: c.pdf › Halaman 1",
     "Inside the archive: a.zip › Inside the archive: c.pdf › Page 1"),
    ("something else", "something else", "something else"),
])
def test_part_label(part, id_, en):
    assert part_label(part, "id") == id_
    assert part_label(part, "en") == en


def test_page_strings_complete_in_both_languages():
    s = page_strings({"max_files": 3, "max_file_mb": "4", "max_total_mb": "6", "max_text_chars": 100})
    assert set(s) == set(LANGS)
    assert s["id"].keys() == s["en"].keys()
    assert s["id"]["verdict_block"] == "Jangan dibagikan" and s["en"]["verdict_safe"] == "Safe to share"
    assert s["id"]["error_encrypted"].startswith("File terenkripsi")
    assert "4 MB" in s["id"]["files_hint"] and "{name}" in s["en"]["file_too_big"]
    for key, (id_, en) in WEB.items():
        assert id_ and en, key
