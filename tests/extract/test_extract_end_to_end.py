"""Through the whole pipeline: a planted address or number is found in the right part, per format;
what cannot be read gives an error and at least review."""
import pytest


def _find(result, entity, text):
    return [fd for fd in result.findings if fd.entity_type == entity and fd.text == text]


def _cases(f):
    pdf = f.pdf_document(["Pengantar", f"Hubungi {f.EMAIL}"])
    return {
        "txt": (f"Kontak: {f.EMAIL}".encode("utf-16"), "EMAIL_ADDRESS", f.EMAIL, "body"),
        "cp1252": (f"Caf\u00e9 \u2013 kontak {f.EMAIL}".encode("cp1252"), "EMAIL_ADDRESS", f.EMAIL, "body"),
        "html": (f.html_page(), "EMAIL_ADDRESS", "rina.k@contoh.go.id", "comment"),
        "eml": (f.eml_message(pdf), "EMAIL_ADDRESS", f.EMAIL, "member:lampiran.pdf:page 2"),
        "pdf": (pdf, "EMAIL_ADDRESS", f.EMAIL, "page 2"),
        "pdf-meta": (f.pdf_document(author=f.EMAIL), "EMAIL_ADDRESS", f.EMAIL, "metadata:author"),
        "docx": (f.docx_document(footer=f"Telepon {f.PHONE}"), "PHONE_NUMBER", f.PHONE, "footer"),
        "docx-props": (f.docx_document(last_modified_by=f.EMAIL), "EMAIL_ADDRESS", f.EMAIL,
                       "metadata:last_modified_by"),
        "xlsx": (f.xlsx_workbook(rows=[["Nama", "Email"], ["Budi", f.EMAIL]]), "EMAIL_ADDRESS", f.EMAIL,
                 "sheet Data!B2"),
        "pptx": (f.pptx_deck(notes=f"Hubungi {f.PHONE}"), "PHONE_NUMBER", f.PHONE, "slide 1:notes"),
        "zip": (f.zip_archive({"a/kontak.txt": f"Email {f.EMAIL}".encode()}), "EMAIL_ADDRESS", f.EMAIL,
                "member:a/kontak.txt"),
    }


CASES = ["txt", "cp1252", "html", "eml", "pdf", "pdf-meta", "docx", "docx-props", "xlsx", "pptx", "zip"]


@pytest.mark.parametrize("case", CASES)
def test_planted_contact_is_found_in_its_part(case, f, scanner):
    data, entity, text, part = _cases(f)[case]
    result = scanner.scan_bytes(data, "x")
    hits = _find(result, entity, text)
    assert part in [h.part for h in hits], [(fd.entity_type, fd.text, fd.part) for fd in result.findings]
    assert result.verdict in ("review", "block")
    assert result.errors == []


@pytest.mark.parametrize("case", ["corrupt-pdf", "encrypted-pdf", "encrypted-docx", "random", "zip-bomb"])
def test_unreadable_input_is_an_error_and_at_least_review(case, f, scanner):
    data = {
        "corrupt-pdf": lambda: f.pdf_truncated(f.pdf_document()),
        "encrypted-pdf": lambda: f.pdf_encrypted(f.pdf_document()),
        "encrypted-docx": lambda: f.ooxml_encrypted(f.docx_document(), "sandi"),
        "random": f.random_bytes,
        "zip-bomb": lambda: f.zip_bomb_member(8 * 1024 * 1024),
    }[case]()
    result = scanner.scan_bytes(data, "x")
    assert result.errors
    assert result.verdict in ("review", "block")


def test_harmless_files_are_safe(f, scanner):
    for data in (b"", f.pdf_document(["Rapat koordinasi hari Senin."], author="Bagian Umum", title="Undangan",
                                      subject="Rapat", keywords="rapat")):
        result = scanner.scan_bytes(data, "x")
        assert result.errors == [] and result.verdict == "safe", result.findings
