"""E-mail: headers as their own parts, every body in any transfer encoding, attachments recursively."""
from dlp.extract import extract_bytes


def test_headers_each_in_their_part(f, parts):
    ex = extract_bytes(f.eml_message())
    assert ex.media_type == "message/rfc822" and ex.errors == []
    p = parts(ex)
    assert p["header:from"] == ["Budi Santoso <budi.santoso@contoh.go.id>"]
    assert "rina.k@contoh.go.id" in p["header:to"][0] and "data@contoh.go.id" in p["header:to"][0]
    assert p["header:cc"] == ["arsip@contoh.go.id"]
    assert p["header:subject"] == ["Data pemohon \u2014 mohon diperiksa"]  # RFC 2047 decoded
    assert "header:date" in p


def test_technical_headers_and_message_ids_are_left_out(f, parts):
    p = parts(extract_bytes(f.eml_message()))
    assert not any(k in p for k in ("header:received", "header:message-id", "header:content-type",
                                    "header:mime-version", "header:content-transfer-encoding"))


def test_quoted_printable_soft_breaks_are_undone(f, parts):
    raw = f.eml_message()
    assert b"=\r\n" in raw or b"=\n" in raw  # the long line really is soft-broken on the wire
    body = parts(extract_bytes(raw))["body"][0]
    assert "Nomor yang bisa dihubungi: 0812-3456-7890. Terima kasih." in body
    assert "=\n" not in body


def test_base64_html_part_goes_through_the_html_extractor(f, parts):
    p = parts(extract_bytes(f.eml_message()))
    assert p["html"] == ["Dengan hormat,\nKontak: 0813-9999-8888"]
    assert p["html:comment"] == ["draft: jangan kirim ke luar"]


def test_pdf_attachment_is_extracted_as_a_member(f, parts):
    pdf = f.pdf_document(["Lampiran: NIK 3171012304850001"], author="Penulis Lampiran")
    p = parts(extract_bytes(f.eml_message(pdf, "data pemohon.pdf")))
    assert p["member:data pemohon.pdf:page 1"] == ["Lampiran: NIK 3171012304850001"]
    assert p["member:data pemohon.pdf:metadata:author"] == ["Penulis Lampiran"]


def test_attachment_errors_are_nested(f, codes):
    broken = f.pdf_truncated(f.pdf_document())
    ex = extract_bytes(f.eml_message(broken, "rusak.pdf"))
    assert ("corrupt", "member:rusak.pdf") in codes(ex)


def test_forwarded_message_is_read_with_its_headers(f, parts):
    p = parts(extract_bytes(f.eml_forward(f.eml_message())))
    assert p["header:subject"] == ["Fwd: data pemohon"]
    inner = [k for k in p if k.startswith("member:") and k.endswith(":header:from")]
    assert inner and p[inner[0]] == ["Budi Santoso <budi.santoso@contoh.go.id>"]
    assert any("0812-3456-7890" in t for k, v in p.items() if k.startswith("member:") for t in v)


def test_message_starting_with_subject_is_sniffed_as_mail(parts):
    data = (b"Subject: Data\r\nFrom: a@contoh.go.id\r\nTo: b@contoh.go.id\r\nMIME-Version: 1.0\r\n"
            b"Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: base64\r\n\r\n"
            b"TklLIDMxNzEwMTIzMDQ4NTAwMDE=\r\n")
    p = parts(extract_bytes(data))
    assert p["body"] == ["NIK 3171012304850001"]
    assert p["header:from"] == ["a@contoh.go.id"]


def test_message_cut_off_before_its_closing_boundary_is_corrupt(f):
    raw = f.eml_message(f.pdf_document())
    ex = extract_bytes(raw[: len(raw) - 60])
    assert "corrupt" in [e.code for e in ex.errors]
    assert any(c.part == "header:from" for c in ex.chunks)  # what could be read still is


def test_complete_message_has_no_error(f):
    assert extract_bytes(f.eml_message(f.pdf_document())).errors == []


def test_quoted_reply_is_read_without_its_quote_marks(f, parts, scanner):
    """A reply quotes the message before it line by line ("> "): a NIK that message wrapped stays one number."""
    from email.message import EmailMessage

    nik = f.make_nik()
    msg = EmailMessage()
    msg["From"], msg["To"], msg["Subject"] = "petugas@contoh.go.id", "warga@contoh.go.id", "Re: aktivasi"
    msg.set_content(f"Baik, kami proses.\n\nPada 3 Mei, Warga menulis:\n> Mohon aktivasi, NIK {nik[:4]}\n"
                    f"> {nik[4:]}\n>> pesan lama: 5 > 3\n")
    data = bytes(msg)
    body = parts(extract_bytes(data))["body"][0]
    assert f"NIK {nik[:4]}\n{nik[4:]}" in body and "pesan lama: 5 > 3" in body   # only the leading marks go
    found = {(x.entity_type, x.text) for x in scanner.scan_bytes(data, "balasan.eml").findings}
    assert ("ID_NIK", f"{nik[:4]}\n{nik[4:]}") in found
