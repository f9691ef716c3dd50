"""Outlook messages (.msg): sender, recipients, subject, bodies, attachments, attached messages."""
from dlp.extract import extract_bytes, sniff


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
