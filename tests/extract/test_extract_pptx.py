"""PPTX: every shape on every slide (tables, groups, hidden slides), notes, footers, properties."""
import pytest

from dlp.extract import Context, Limits, extract_bytes


@pytest.fixture(scope="module")
def deck(f):
    return f.pptx_deck(slides=[("Rencana Migrasi", f"Kontak: {f.PHONE}"), ("Anggaran", "Rp 48,5 miliar")],
                       notes=f"Catatan pembicara: {f.EMAIL}", footer="INTERNAL USE ONLY",
                       table=[["Nama", "Telepon"], ["Siti", "0813-2222-3333"]], group_text="Teks dalam grup",
                       hidden=True, author="Rina Kartika")


def test_slide_text_tables_and_groups(deck, parts, f):
    ex = extract_bytes(deck)
    assert ex.errors == []
    slide1 = parts(ex)["slide 1"][0]
    assert f"Rencana Migrasi\nKontak: {f.PHONE}" in slide1
    assert "Nama\tTelepon\nSiti\t0813-2222-3333" in slide1
    assert "Teks dalam grup" in slide1
    assert "INTERNAL USE ONLY" in slide1


def test_hidden_slide_is_read(deck, parts):
    assert "Rp 48,5 miliar" in parts(extract_bytes(deck))["slide 2"][0]


def test_notes(deck, parts, f):
    assert parts(extract_bytes(deck))["slide 1:notes"] == [f"Catatan pembicara: {f.EMAIL}"]


def test_properties(deck, parts):
    assert parts(extract_bytes(deck))["metadata:author"] == ["Rina Kartika"]


def test_master_prompts_are_not_content(deck):
    text = "\n".join(c.text for c in extract_bytes(deck).chunks)
    assert "Click to edit" not in text


def test_master_footer_text_is_read(f, parts):
    import io

    from pptx import Presentation
    from pptx.enum.shapes import PP_PLACEHOLDER

    prs = Presentation()
    master = prs.slide_masters[0]
    footer = next(s for s in master.placeholders if s.placeholder_format.type == PP_PLACEHOLDER.FOOTER)
    footer.text_frame.text = "SANGAT RAHASIA"
    prs.slides.add_slide(prs.slide_layouts[6])
    buf = io.BytesIO()
    prs.save(buf)
    assert parts(extract_bytes(buf.getvalue()))["master"] == ["SANGAT RAHASIA"]


def test_slide_limit(deck, codes):
    ex = extract_bytes(deck, Context(Limits(max_pages=1)))
    assert ("limit", "slide 2") in codes(ex)
    assert not any(c.part.startswith("slide 2") for c in ex.chunks)
