"""Outlook messages (.msg): sender, recipients, subject, bodies, attachments, attached messages."""
import struct

import pytest
from compressed_rtf import compress

from dlp.extract import extract_bytes, sniff
from dlp.extract.msg import decompress_rtf


def _message(f, **extra):
    nik = f.make_nik()
    kw = dict(subject="Data penerima BST", sender=("Budi Santoso", f.EMAIL), to="Rina Kartika",
              body=f"Terlampir data. HP {f.PHONE}",
              html=b"<html><body><p>Terlampir</p><!-- cek nik -->\r\n</body></html>",
              recipients=[("Rina Kartika", "rina.k@contoh.go.id")],
              attachments={"daftar.csv": f"nama,nik\nAsep,{nik}\n".encode()},
              attached=dict(subject="Fwd rencana", sender=("Sekretariat", "setda@contoh.go.id"), to="Budi",
                            body="Sifat: RAHASIA"))
    kw.update(extra)
    return f.msg_message(**kw), nik


def test_message_parts(f, parts):
    data, nik = _message(f)
    assert sniff(data) == "application/vnd.ms-outlook"
    ex = extract_bytes(data)
    assert ex.errors == []
    p = parts(ex)
    assert p["header:from"] == [f"Budi Santoso <{f.EMAIL}>"]
    assert p["header:subject"] == ["Data penerima BST"] and p["header:to"] == ["Rina Kartika"]
    assert p["header:recipient"] == ["Rina Kartika rina.k@contoh.go.id"]
    assert p["body"] == [f"Terlampir data. HP {f.PHONE}"]
    assert p["html"] == ["Terlampir"] and p["html:comment"] == ["cek nik"]
    assert p["member:daftar.csv"] == [f"nama,nik\nAsep,{nik}\n"]
    assert p["member:Fwd rencana.msg"] == ["Sifat: RAHASIA"]                    # the attached message's body
    assert p["member:Fwd rencana.msg:header:from"] == ["Sekretariat <setda@contoh.go.id>"]


def test_message_through_the_scanner(f, scanner):
    data, nik = _message(f)
    result = scanner.scan_bytes(data, "teruskan.msg")
    found = {(x.entity_type, x.text, x.part) for x in result.findings}
    assert ("ID_NIK", nik, "member:daftar.csv") in found
    assert ("CLASSIFICATION_MARKING", "RAHASIA", "member:Fwd rencana.msg") in found
    assert ("EMAIL_ADDRESS", f.EMAIL, "header:from") in found
    assert result.verdict == "block"


def test_truncated_message_fails_closed(f, scanner):
    data, _ = _message(f)
    result = scanner.scan_bytes(data[:1500], "potong.msg")
    assert [e.code for e in result.errors] in (["corrupt"], ["unsupported"])
    assert result.verdict in ("review", "block")


# A message written as rich text: its only body is PR_RTF_COMPRESSED (a Word-edited draft, with
# the NIK split by a revision group and a stamp line ending in \par).
RICH = (b"{\\rtf1\\ansi\\ansicpg1252\\deff0{\\fonttbl{\\f0 Calibri;}}\\pard\\b RAHASIA\\b0\\par\r\n"
        b"Data penerima: NIK %s{\\rsid1234 %s}\\par\r\n{\\*\\htmltag84 <td>}Salam\\par}")


def test_rich_text_body_is_read_when_it_is_the_only_body(f, parts, scanner):
    nik = f.make_nik()
    data, _ = _message(f, body="", html=b"", rtf=RICH % (nik[:8].encode(), nik[8:].encode()))
    ex = extract_bytes(data)
    assert ex.errors == []
    assert parts(ex)["rtf"] == [f"RAHASIA\nData penerima: NIK {nik}\nSalam\n"]
    found = {(x.entity_type, x.text, x.part) for x in scanner.scan_bytes(data, "kaya.msg").findings}
    assert ("ID_NIK", nik, "rtf") in found and ("CLASSIFICATION_MARKING", "RAHASIA", "rtf") in found


def test_rich_text_body_is_skipped_beside_a_plain_one(f, parts):
    # Outlook's plain body says what the RTF one says: reading both would report each finding twice
    nik = f.make_nik()
    data, _ = _message(f, rtf=RICH % (nik[:8].encode(), nik[8:].encode()))
    assert "rtf" not in parts(extract_bytes(data))


def test_damaged_rich_text_body_fails_closed(f, scanner):
    good = compress(b"{\\rtf1\\ansi Rapat internal\\par}")
    bad = good[:20] + bytes([good[20] ^ 0xFF]) + good[21:]          # one byte changed: the CRC fails
    data, _ = _message(f, body="", html=b"", attachments={}, attached=None, rtf_stream=bad)
    result = scanner.scan_bytes(data, "rusak.msg")
    assert [(e.code, e.part) for e in result.errors] == [("corrupt", "rtf")]
    assert result.verdict in ("review", "block")


@pytest.mark.parametrize("damage, message", [
    (lambda c: c[:10], "shorter than its header"),
    (lambda c: c[:-3], "truncated"),
    (lambda c: c[:8] + b"ZZZZ" + c[12:], "unknown compression"),
    (lambda c: c[:4] + struct.pack("<I", struct.unpack_from("<I", c, 4)[0] + 5) + c[8:], "header says"),
])
def test_damaged_streams_are_refused(damage, message):
    with pytest.raises(ValueError, match=message):
        decompress_rtf(damage(compress(b"{\\rtf1\\ansi Rapat internal tanggal 5 Mei\\par}" * 20)))


def test_decompression_matches_an_independent_writer():
    import random

    rng = random.Random(7)
    for size in (0, 1, 50, 5000, 40000):  # the 4096-byte ring wraps round in the larger ones
        raw = bytes(rng.choice(b"{}\\ abcdefrtf0123456789\r\n") for _ in range(size))
        assert decompress_rtf(compress(raw)) == raw
        assert decompress_rtf(compress(raw, compressed=False)) == raw


def test_embedded_ole_object_fails_closed(f, scanner):
    # a document pasted into the message (attach method ATTACH_OLE): an OLE storage, no message
    obj = {"\x01Ole": b"\x01\x00\x00\x02" + b"\0" * 16, "WordDocument": b"\xec\xa5" + b"\0" * 600}
    data, _ = _message(f, ole_objects={"Dokumen Microsoft Word": obj})
    ex = extract_bytes(data)
    assert [(e.code, e.part) for e in ex.errors] == [("unsupported", "member:Dokumen Microsoft Word")]
    assert "member:Fwd rencana.msg" in {c.part for c in ex.chunks}     # the attached message is still read
    result = scanner.scan_bytes(data, "tempel.msg")
    assert result.verdict in ("review", "block") and result.errors
