"""HTML: visible text plus what the source hands to anyone who looks; never script or style code."""
from dlp.extract import extract_bytes, sniff


def test_visible_text_and_hidden_content(f, parts):
    ex = extract_bytes(f.html_page())
    assert ex.media_type == "text/html" and ex.errors == []
    p = parts(ex)
    body = p["body"][0]
    # block elements on their own lines: words of different elements never glue
    assert "Paragraf satu\nParagraf dua" in body
    assert "Telepon: 0812-3456-7890" in body
    assert "Siti\t0813-1111-2222" in body  # a table row reads as a row, its cells tab-separated
    assert "baris  satu\nbaris   dua" in body  # <pre> kept as is
    assert body.startswith("Layanan Pengaduan")  # the title
    assert p["comment"] == ["catatan internal: hubungi rina.k@contoh.go.id"]
    assert p["field:nik_pelapor"] == ["3171012304850001"]
    assert p["field:email"] == [f.EMAIL]
    assert p["attribute:alt"] == ["Foto KTP Budi Santoso"]
    assert p["link"] == ["humas@contoh.go.id"]
    assert p["metadata:author"] == ["Rina Kartika"]
    assert "+62 21 555 0101" in p["data"][0]


def test_script_and_style_code_is_not_extracted(f):
    everything = "\n".join(c.text for c in extract_bytes(f.html_page()).chunks)
    for code in ("script-secret-4242", "script-text", "style-secret-9911", "color: red", "<p>", "<div"):
        assert code not in everything


def test_field_name_is_context(f):
    chunk = next(c for c in extract_bytes(f.html_page()).chunks if c.part == "field:nik_pelapor")
    assert "nik" in chunk.context


def test_option_values_are_named_by_their_text_and_list(scanner):
    """A list's option value is read with the option's text and the list's name as context, so a
    KK number offered as "KK pemohon" is a KK, not a NIK by its structure alone."""
    data = (b'<html><body><form><select name="dokumen">'
            b'<option value="">-- pilih --</option>'
            b'<option value="3273011203150007">KK pemohon</option>'
            b'<option value="3273014905850003">NIK <b>pemohon</b></option>'
            b'</select><input type="hidden" name="kk_lama" value="3273011203150008"></form></body></html>')
    chunks = [(c.part, c.text, c.context) for c in extract_bytes(data).chunks if c.part.startswith("field")]
    assert chunks == [("field:dokumen", "3273011203150007", "KK pemohon dokumen"),
                      ("field:dokumen", "3273014905850003", "NIK pemohon dokumen"),
                      ("field:kk_lama", "3273011203150008", "kk_lama")]
    found = [(f.entity_type, f.text) for f in scanner.scan_bytes(data, "form.html").findings]
    assert found == [("ID_KK", "3273011203150007"), ("ID_NIK", "3273014905850003"), ("ID_KK", "3273011203150008")]


def test_submit_buttons_and_viewport_are_not_content(f):
    p = {c.part: c.text for c in extract_bytes(f.html_page()).chunks}
    assert "Kirim" not in p.values()
    assert "metadata:viewport" not in p


def test_fragment_without_html_tag_is_html():
    data = b"<div><p>Nama: Budi</p><p>NIK: 3171012304850001</p></div>"
    assert sniff(data) == "text/html"
    assert extract_bytes(data).chunks[0].text == "Nama: Budi\nNIK: 3171012304850001"


def test_entities_and_declared_charset():
    data = ('<html><head><meta charset="windows-1252"></head><body><p>caf\u00e9 &amp; teh &#8211; '
            '\u201ckutipan\u201d</p></body></html>').encode("cp1252")
    assert extract_bytes(data).chunks[0].text == "caf\u00e9 & teh \u2013 \u201ckutipan\u201d"


def test_inline_elements_do_not_split_a_number():
    data = b"<html><body><p>NIK <b>3171</b><span>0123</span>04850001</p></body></html>"
    assert extract_bytes(data).chunks[0].text == "NIK 3171012304850001"


def test_whatsapp_chat_links_give_their_number(parts):
    from dlp.extract import extract_bytes

    page = (b'<html><body><a href="https://wa.me/6281234567890?text=halo">WA</a>'
            b'<a href="https://api.whatsapp.com/send?phone=6285711112222&amp;text=x">chat</a>'
            b'<a href="whatsapp://send?text=hai&amp;phone=%2B6289612345678">app</a>'
            b'<a href="https://contoh.go.id/wa">bukan</a></body></html>')
    assert parts(extract_bytes(page))["link"] == ["6281234567890", "6285711112222", "+6289612345678"]


def test_a_credential_in_a_links_query_is_read(parts, scanner):
    """A streaming link's access token is in every copy of the page; an ordinary query is not read."""
    token = "02c3b1bab7fb2658c2d97c7589e70cb74cadf9c3"
    page = (f'<html><body><a href="https://stream.contoh.go.id/live?channel=dprd&amp;access_token={token}">live</a>'
            '<a href="https://contoh.go.id/berita?id=123&amp;page=2">berita</a></body></html>').encode()
    assert parts(extract_bytes(page))["link"] == [f"access_token={token}"]
    result = scanner.scan_bytes(page, "live.html")
    assert [(f.entity_type, f.text) for f in result.findings] == [("SECRET", token)]
    assert result.verdict == "block"
