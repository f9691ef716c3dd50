"""Safe copies (dlp.redact): operators per entity type, text drafts, DOCX runs, `dlp redact`."""
from __future__ import annotations

import io

import pytest

from dlp.models import Finding
from dlp.redact import (RedactError, keep_digits, redact_bytes, redact_docx, redact_draft, redact_text,
                        should_redact)


def finding(entity: str, text: str, value: str, severity: str = "review", **kw) -> Finding:
    start = text.index(value)
    return Finding(entity_type=entity, text=value, start=start, end=start + len(value), part="body", score=0.9,
                   recognizer="test", severity=severity, **kw)


# -- one operator per entity type ------------------------------------------------------

@pytest.mark.parametrize("entity, value, severity, expected_id, expected_en", [
    ("ID_NIK", "3171012304850001", "block", "3171************", "3171************"),
    ("ID_NIK", "3171 0123 0485 0001", "block", "3171 **** **** ****", "3171 **** **** ****"),
    ("ID_KK", "3273011203150007", "block", "3273************", "3273************"),
    ("PHONE_NUMBER", "+62 812-3456-7890", "review", "[nomor telepon]", "[phone number]"),
    ("EMAIL_ADDRESS", "humas@cimahikota.go.id", "review", "[alamat e-mail]", "[e-mail address]"),
    ("ID_LETTER_NUMBER", "800/123/R/Diskominfo/2024", "block", "[nomor surat]", "[letter number]"),
    ("SECRET", "ghp_aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789", "block", "[rahasia dihapus]", "[secret removed]"),
    ("CLASSIFICATION_MARKING", "RAHASIA", "block", "[klasifikasi]", "[classification]"),
    ("ID_NIP", "198504232010011001", "review", "[NIP]", "[NIP]"),
    ("ID_NPWP", "01.762.043.6-093.000", "block", "[NPWP]", "[NPWP]"),
    ("CREDIT_CARD", "4539552160483717", "block", "[nomor kartu]", "[card number]"),
    ("IP_ADDRESS", "10.2.3.4", "review", "[alamat IP]", "[IP address]"),
    ("SOMETHING_NEW", "XYZ-123-456", "review", "[disamarkan]", "[redacted]"),
])
def test_each_entity_has_a_postable_replacement(entity, value, severity, expected_id, expected_en):
    text = f"Isi: {value}. Selesai."
    f = finding(entity, text, value, severity)
    for lang, expected in (("id", expected_id), ("en", expected_en)):
        copy = redact_text(text, [f], lang=lang)
        assert copy.text == f"Isi: {expected}. Selesai."
        (change,) = copy.changes
        assert (change.source_start, change.source_end) == (f.start, f.end)
        assert copy.text[change.start:change.end] == expected


@pytest.mark.parametrize("value, keep, expected", [
    ("3171012304850001", 4, "3171************"),
    ("3171-0123-0485-0001", 4, "3171-****-****-****"),
    ("NIK: 3171012304850001", 4, "NIK: 3171************"),
    ("12", 4, "12"),
    ("", 4, ""),
])
def test_keep_digits(value, keep, expected):
    assert keep_digits(value, keep) == expected


@pytest.mark.parametrize("entity, severity, allowed, mask_persons, expected", [
    ("ID_NIK", "block", False, False, True),
    ("PHONE_NUMBER", "review", False, False, True),
    ("PHONE_NUMBER", "review", True, False, False),     # allowlisted: a published hotline
    ("IP_ADDRESS", "info", False, False, False),        # public address
    ("CLASSIFICATION_MARKING", "info", False, True, False),  # "Biasa"
    ("PERSON", "info", False, False, False),            # officials' names are often public
    ("PERSON", "info", False, True, True),
    ("PERSON", "review", False, False, True),           # a policy that counts names
])
def test_what_is_replaced(entity, severity, allowed, mask_persons, expected):
    f = Finding(entity, "x", 0, 1, "body", 0.9, "test", severity=severity, allowed=allowed)
    assert should_redact(f, mask_persons) is expected


def test_a_value_found_once_is_replaced_everywhere():
    text = "NIK 3171012304850001 terdaftar. Ulangi: 3171012304850001."
    f = finding("ID_NIK", text, "3171012304850001", "block")
    copy = redact_text(text, [f])
    assert "3171012304850001" not in copy.text
    assert copy.text.count("3171************") == 2


def test_short_values_are_not_replaced_elsewhere():
    text = "Kode 42 di sini, 42 orang hadir."
    f = finding("SECRET", text, "42", "block")
    assert redact_text(text, [f]).text == "Kode [rahasia dihapus] di sini, 42 orang hadir."


def test_finding_with_stale_offsets_is_found_by_value():
    text = "Hubungi 0812-3456-7890 segera."
    f = Finding("PHONE_NUMBER", "0812-3456-7890", 0, 14, "body", 0.9, "test", severity="review")
    assert redact_text(text, [f]).text == "Hubungi [nomor telepon] segera."


def test_person_names_masked_only_when_asked():
    text = "Sambutan oleh Budi Santoso."
    f = finding("PERSON", text, "Budi Santoso", "info")
    assert redact_text(text, [f]).text == text
    assert redact_text(text, [f], mask_persons=True).text == "Sambutan oleh [nama]."


def test_draft_with_the_real_engine(scanner, w):
    copy = redact_draft(w.BLOCK_DRAFT, scanner)
    for secret in (w.NIK, w.PHONE, w.EMAIL, w.LETTER):
        assert secret not in copy.text
    assert "📣" in copy.text and "Siti Rahma" in copy.text
    assert f"NIK {w.NIK[:4]}{'*' * 12}." in copy.text


def test_draft_with_a_private_key(scanner, w):
    text = "Konfigurasi server:\n" + w.PEM + "\nTerima kasih."
    copy = redact_draft(text, scanner)
    assert "MIIEowIBAAKCAQEAu1SU1LfVLPHCozMxH2Mo4lgOEePzNm0tRgeLezV6ffAt0gun" not in copy.text
    assert "[rahasia dihapus]" in copy.text and copy.text.endswith("Terima kasih.")


# -- DOCX -----------------------------------------------------------------------------------

def _open(data: bytes):
    import docx

    return docx.Document(io.BytesIO(data))


def test_docx_runs_tables_headers_links_and_properties(scanner, w):
    copy = redact_docx(w.make_docx(), scanner)
    everything = w.docx_all_text(copy.data)
    for secret in (w.NIK, w.PHONE, w.EMAIL, w.LETTER, "Budi Santoso"):
        assert secret not in everything
    d = _open(copy.data)
    body = d.paragraphs[0]
    # the NIK was split over three runs: the replacement sits in the first, the others are emptied
    assert body.text == f"Data peserta: NIK {w.NIK[:4]}{'*' * 12}, terima kasih."
    assert [r.text for r in body.runs] == ["Data peserta: NIK ", w.NIK[:4] + "*" * 12, "", "", ", terima kasih."]
    assert body.runs[2].bold is True  # formatting of the runs is kept
    assert d.tables[0].cell(0, 1).text == "[nomor telepon]"
    assert d.tables[0].cell(1, 1).text == "[nomor surat]"
    assert d.tables[0].cell(0, 0).text == "Telepon"
    assert "[nomor surat]" in d.sections[0].header.paragraphs[0].text
    assert d.sections[0].footer.paragraphs[0].text == "Narahubung [nomor telepon]"
    assert "[alamat e-mail]" in d.paragraphs[1].text
    links = [r for r in d.part.rels.values() if r.reltype.endswith("/hyperlink")]
    assert links and all(r.target_ref == "#" for r in links)
    cp = d.core_properties
    assert cp.author == "" and cp.last_modified_by == "" and cp.comments == ""
    assert copy.replaced >= 6
    assert scanner.scan_bytes(copy.data, "x.docx").verdict == "safe"


def test_docx_tracked_deletions_and_field_codes(scanner, w):
    import docx
    from docx.oxml import parse_xml

    d = docx.Document()
    ns = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    d.element.body.insert(0, parse_xml(
        f'<w:p {ns}><w:r><w:t xml:space="preserve">Kontak lama: </w:t></w:r>'
        f'<w:del w:id="1" w:author="Budi Santoso"><w:r><w:delText>{w.PHONE}</w:delText></w:r></w:del></w:p>'))
    d.element.body.insert(1, parse_xml(
        f'<w:p {ns}><w:r><w:fldChar w:fldCharType="begin"/></w:r>'
        f'<w:r><w:instrText xml:space="preserve"> HYPERLINK "mailto:{w.EMAIL}" </w:instrText></w:r>'
        f'<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>Surel humas</w:t></w:r>'
        f'<w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>'))
    out = io.BytesIO()
    d.save(out)
    copy = redact_docx(out.getvalue(), scanner)
    everything = w.docx_all_text(copy.data)
    for secret in (w.PHONE, w.EMAIL, "Budi Santoso"):
        assert secret not in everything
    assert "Surel humas" in everything and "Kontak lama" in everything


def test_docx_value_split_around_a_tab_keeps_the_tab(scanner, w):
    import docx

    d = docx.Document()
    p = d.add_paragraph()
    p.add_run("Telepon:")
    p.add_run().add_tab()
    w.add_split_runs(p, [w.PHONE[:6], w.PHONE[6:]])
    out = io.BytesIO()
    d.save(out)
    copy = _open(redact_docx(out.getvalue(), scanner).data)
    assert copy.paragraphs[0].text == "Telepon:\t[nomor telepon]"


def test_docx_digit_boxes_are_masked_box_by_box(scanner, w):
    """A Dukcapil form typed into a Word table, one digit a cell: the NIK the boxes make is masked
    in its boxes (region code kept), the same NIK typed whole elsewhere too; a date's boxes stay."""
    import docx

    d = docx.Document()
    t = d.add_table(rows=3, cols=18)
    t.rows[0].cells[0].merge(t.rows[0].cells[1]).text = "NIK"
    for i, ch in enumerate(w.NIK):
        t.rows[0].cells[2 + i].text = ch
    t.rows[1].cells[0].text = "No. HP"
    for i, ch in enumerate("081234567890"):
        t.rows[1].cells[2 + i].text = ch
    t.rows[2].cells[0].text = "Tanggal lahir"
    for i, ch in enumerate("12071988"):
        t.rows[2].cells[2 + i].text = ch
    d.add_paragraph(f"NIK pemohon {w.NIK}")
    out = io.BytesIO()
    d.save(out)
    copy = redact_docx(out.getvalue(), scanner)
    got = _open(copy.data)
    rows = [[c.text for c in row.cells[2:]] for row in got.tables[0].rows]
    assert "".join(rows[0]) == w.NIK[:4] + "*" * 12
    assert "".join(rows[1]).strip() == "*" * 12
    assert "".join(rows[2]).strip() == "12071988"
    assert got.paragraphs[-1].text == f"NIK pemohon {w.NIK[:4]}{'*' * 12}"
    assert copy.replaced >= 3
    assert scanner.scan_bytes(copy.data, "x.docx").verdict == "safe"


def test_corrupt_docx_and_other_types_are_refused(scanner, w):
    data = w.make_docx()
    with pytest.raises(RedactError) as err:
        redact_docx(data[: len(data) // 2], scanner)
    assert err.value.code == "corrupt"
    with pytest.raises(RedactError) as err:
        redact_bytes(w.make_pdf(["halo"]), scanner)
    assert err.value.code == "unsupported"
    assert "teks dan DOCX" in err.value.message("id") and "text and DOCX" in err.value.message("en")
    assert "application/pdf" in err.value.message("en")
    # RTF is text, but its words are split by control groups: no safe copy as plain text
    rtf = b"{\\rtf1\\ansi NIK 3273{\\insrsid2 0149}05850003\\par}"
    with pytest.raises(RedactError) as err:
        redact_bytes(rtf, scanner)
    assert err.value.code == "unsupported"


# -- dlp redact ---------------------------------------------------------------------------------

class Run:
    def __init__(self, result):
        self.returncode = result.exit_code
        self.stdout = result.stdout_bytes
        self.stderr = result.stderr_bytes


def run_dlp(*args, stdin: bytes | None = None) -> Run:
    """`dlp ARGS` in this process (the engine is built once per process, not per call)."""
    from typer.testing import CliRunner

    from dlp.cli import app

    return Run(CliRunner().invoke(app, list(args), input=stdin))


def test_cli_redacts_text_and_docx(tmp_path, w):
    src = tmp_path / "draf.txt"
    src.write_text(w.BLOCK_DRAFT, encoding="utf-8")
    out = tmp_path / "aman.txt"
    r = run_dlp("redact", str(src), "-o", str(out), "--lang", "en")
    assert r.returncode == 0, r.stderr
    safe = out.read_text(encoding="utf-8")
    assert w.NIK not in safe and "[nomor telepon]" in safe
    assert b"Safe copy written" in r.stderr

    doc = tmp_path / "undangan.docx"
    doc.write_bytes(w.make_docx())
    out_doc = tmp_path / "undangan-aman.docx"
    r = run_dlp("redact", str(doc), "-o", str(out_doc))
    assert r.returncode == 0, r.stderr
    assert w.NIK not in w.docx_all_text(out_doc.read_bytes())

    r = run_dlp("redact", "-", stdin=f"Hubungi {w.PHONE}".encode())
    assert r.returncode == 0 and r.stdout == b"Hubungi [nomor telepon]"


@pytest.mark.parametrize("make, extra, message", [
    (lambda w: ("a.pdf", w.make_pdf(["halo"])), ["-o", "{tmp}/out"], b"text and DOCX"),
    (lambda w: ("b.docx", w.make_docx()), [], b"needs --output"),
    (lambda w: ("missing.txt", None), [], b"not found"),
])
def test_cli_refuses_plainly_with_exit_2(tmp_path, w, make, extra, message):
    name, data = make(w)
    path = tmp_path / name
    if data is not None:
        path.write_bytes(data)
    r = run_dlp("redact", str(path), *[e.format(tmp=tmp_path) for e in extra], "--lang", "en")
    assert r.returncode == 2
    assert message in r.stderr
    assert not (tmp_path / "out").exists()
