"""RTF (WordPad, Word's "Save as RTF"): the text a reader sees, by part, and the document information."""
import pytest

from dlp.extract import extract_bytes, sniff
from dlp.extract.rtf import to_parts


def test_word_style_file_by_part(f, parts):
    nik = f.make_nik()
    data = f.rtf_document(f"Nota Dinas\nNIK {nik} \u2014 Caf\u00e9 \u2713\nSelesai.", header="RAHASIA",
                          footer=f"Telepon {f.PHONE}", comment="cek dulu", comment_author="Rina Kartika",
                          author="Budi Santoso", title="Nota", split_at=5)
    assert sniff(data) == "text/rtf"
    ex = extract_bytes(data)
    assert ex.errors == []
    p = parts(ex)
    # revision groups rejoined, paragraphs as lines, escapes decoded; no font, style or picture data
    assert p["body"] == [f"Nota Dinas\nNIK {nik} \u2014 Caf\u00e9 \u2713\nSelesai.\n\n"]
    assert p["header"] == ["RAHASIA\n"] and p["footer"] == [f"Telepon {f.PHONE}\n"]
    assert p["comment"] == ["cek dulu"] and p["comment:author"] == ["Rina Kartika"]
    assert p["metadata:author"] == ["Budi Santoso"] and p["metadata:title"] == ["Nota"]
    assert p["metadata:company"] == ["Pemda"]
    assert "Times New Roman" not in repr(p) and "89504e47" not in repr(p)


@pytest.mark.parametrize("rtf, body", [
    (rb"{\rtf1\ansi a\tab b\cell c\row d\line e}", "a\tb\tc\nd\ne"),
    (rb"{\rtf1\ansi\uc2 x\u8212\'97\'97y}", "x\u2014y"),                    # two fallback bytes dropped
    (rb"{\rtf1\ansi\uc1 x\u-3913?y}", "x\uf0b7y"),                             # negative: code point - 65536
    (rb"{\rtf1\ansi\ansicpg1251 \'c8\'e2\'e0\'ed}", "\u0418\u0432\u0430\u043d"),  # Cyrillic code page
    (rb"{\rtf1\ansi a{\*\unknowndest hidden}b{\*\bkmkstart x}c}", "abc"),        # starred destinations skipped
    (rb"{\rtf1\ansi a\bin4 {}\\b}", "ab"),                                      # binary data skipped by length
    (rb"{\rtf1\ansi \{literal\}\~x\_y}", "{literal}\u00a0x-y"),
    (rb'{\rtf1\ansi {\field{\*\fldinst HYPERLINK "mailto:a@b.go.id"}{\fldrslt klik}}}', 'HYPERLINK "mailto:a@b.go.id" klik'),
])
def test_control_words(rtf, body):
    assert to_parts(rtf)[0] == ("body", body)


@pytest.mark.parametrize("rtf", [
    b"{\\rtf1\\ansi unclosed {\\b group",          # truncated
    b"{\\rtf1}}}}} extra closing braces",
    b"{\\rtf1 " + b"{" * 20000 + b"deep" + b"}" * 20000 + b"}",
    b"{\\rtf1 trailing backslash \\",
    b"{\\rtf1\\ansi\\ansicpg99999 \\'e9}",          # unknown code page: Windows-1252 kept
])
def test_malformed_files_never_crash(rtf):
    ex = extract_bytes(rtf)
    assert ex.errors == []
    assert all(isinstance(c.text, str) for c in ex.chunks)


def test_findings_through_the_scanner(f, scanner):
    nik = f.make_nik()
    data = f.rtf_document(f"Daftar penerima\nNIK {nik}\n", header="RAHASIA", comment="password: Bdg#2024aman",
                          comment_author="Rina", split_at=3)
    result = scanner.scan_bytes(data, "nota.rtf")
    found = {(x.entity_type, x.text, x.part) for x in result.findings}
    assert ("ID_NIK", nik, "body") in found
    assert ("CLASSIFICATION_MARKING", "RAHASIA", "header") in found
    assert ("SECRET", "Bdg#2024aman", "comment") in found
    assert result.verdict == "block"
