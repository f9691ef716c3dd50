"""CLASSIFICATION_MARKING: markings (fields, stamps, banners, headers) vs. the same words in prose."""
from __future__ import annotations

import io

import pytest

from dlp.models import Chunk

E = "CLASSIFICATION_MARKING"

# (text, expected span, expected level)
POSITIVES = [
    # a draft's banner, and a distribution warning after a single blank
    ("DRAF - TERBATAS UNTUK INTERNAL\nSiaran pers peluncuran aplikasi", "TERBATAS", "terbatas"),
    ("DRAFT: RAHASIA\nRencana mutasi pejabat", "RAHASIA", "rahasia"),
    ("Notulen rapat\nRAHASIA HANYA UNTUK PIMPINAN\nHadir: 12 orang", "RAHASIA", "rahasia"),
    ("Nomor : SR-9/Sekjen/XI/2022\nSifat : Sangat Rahasia\nHal   : Rencana", "Sangat Rahasia", "sangat_rahasia"),
    # a document declaring its level in capitals
    ("Dokumen ini bersifat RAHASIA dan hanya untuk kalangan internal.", "RAHASIA", "rahasia"),
    ("Laporan ini berklasifikasi SANGAT RAHASIA.", "SANGAT RAHASIA", "sangat_rahasia"),
    ("Dokumen ini RAHASIA dan tidak untuk disebarluaskan.", "RAHASIA", "rahasia"),
    ("Informasi ini TERBATAS bagi pegawai Diskominfo.", "TERBATAS", "terbatas"),
    ("Sifat\t: Rahasia\nLampiran\t: 1 berkas", "Rahasia", "rahasia"),
    ("Sifat    : Biasa\nLampiran : -", "Biasa", "biasa"),
    ("- Klasifikasi: Terbatas\n- Tujuan: Sekretaris Dinas", "Terbatas", "terbatas"),
    ("**KLASIFIKASI: TERBATAS**\n\n# Memo Internal", "TERBATAS", "terbatas"),
    ("**SIFAT: RAHASIA**\n\n# Notula Koordinasi", "RAHASIA", "rahasia"),
    ("**Sifat:** Rahasia", "Rahasia", "rahasia"),
    ("Klasifikasi Keamanan : RAHASIA", "RAHASIA", "rahasia"),
    ("Nomor: 12/X/2021      Sifat: Rahasia      Jakarta, 3 Mei 2021", "Rahasia", "rahasia"),
    ("Sifat : Segera, Rahasia", "Rahasia", "rahasia"),
    ("Sifat: R (Rahasia)", "Rahasia", "rahasia"),                           # the level's code before it
    ("Sifat : SR (Sangat Rahasia)\nLampiran : -", "Sangat Rahasia", "sangat_rahasia"),
    ("Klasifikasi: T - Terbatas", "Terbatas", "terbatas"),
    ("Sifat: (Rahasia)", "Rahasia", "rahasia"),
    ("Classification: Confidential", "Confidential", "rahasia"),
    ("Sensitivity: Internal", "Internal", "terbatas"),
    ("Klasifikasi: Terbuka", "Terbuka", "terbuka"),
    ("RAHASIA\nLAPORAN PEMERIKSAAN KHUSUS", "RAHASIA", "rahasia"),
    ("Laporan kegiatan.\n\nSANGAT RAHASIA\n\nIsi laporan", "SANGAT RAHASIA", "sangat_rahasia"),
    ("// RAHASIA //\nrute kunjungan", "RAHASIA", "rahasia"),
    ("*** TERBATAS ***", "TERBATAS", "terbatas"),
    ("- RAHASIA -", "RAHASIA", "rahasia"),
    ("DOKUMEN RAHASIA\nJangan disebarluaskan.", "RAHASIA", "rahasia"),
    ("SURAT INI BERSIFAT RAHASIA", "RAHASIA", "rahasia"),
    ("CONFIDENTIAL - DO NOT DISTRIBUTE", "CONFIDENTIAL", "rahasia"),
    ("TERBATAS \u2014 dilarang menyebarkan tanpa persetujuan", "TERBATAS", "terbatas"),
    ("INTERNAL USE ONLY", "INTERNAL USE ONLY", "terbatas"),
    ("FOR OFFICIAL USE ONLY", "FOR OFFICIAL USE ONLY", "terbatas"),
    ("TOP SECRET", "TOP SECRET", "sangat_rahasia"),
    ("STRICTLY CONFIDENTIAL", "STRICTLY CONFIDENTIAL", "rahasia"),
    ("RESTRICTED | Halaman 2 dari 5", "RESTRICTED", "terbatas"),
    ("Halaman 1 dari 2 | RAHASIA", "RAHASIA", "rahasia"),
    ("Page 3 of 9 - CONFIDENTIAL", "CONFIDENTIAL", "rahasia"),
    ("TOP SECRET//NOFORN", "TOP SECRET", "sangat_rahasia"),
    ("CONFIDENTIAL - INTERNAL USE ONLY", "CONFIDENTIAL", "rahasia"),
    ("| Sifat | Rahasia |", "Rahasia", "rahasia"),                       # a table row
    ("Klasifikasi\tTerbatas", "Terbatas", "terbatas"),
    ("Tingkat Keamanan: Terbatas", "Terbatas", "terbatas"),
    ("Derajat Keamanan : RAHASIA", "RAHASIA", "rahasia"),
    ("Klasifikasi: Terbatas (untuk internal)", "Terbatas", "terbatas"),
    ("Subject: RAHASIA - Rencana pengamanan kunjungan", "RAHASIA", "rahasia"),
    ("Subject: Fwd: TERBATAS: hasil rapat", "TERBATAS", "terbatas"),
    ("Subject: [RAHASIA] Rencana pengamanan", "RAHASIA", "rahasia"),
    ("Fwd: (TERBATAS) hasil rapat", "TERBATAS", "terbatas"),
    # the label ending its line, the value alone on the next (a PDF's columns; a table cell after its label)
    ("Nomor : 700.1.2/412/Itkab\nSifat :\nRahasia\nLampiran : -", "Rahasia", "rahasia"),
    ("Bupati Karawang Sifat\nRahasia", "Rahasia", "rahasia"),
    ("SIFAT\nSANGAT RAHASIA", "SANGAT RAHASIA", "sangat_rahasia"),
    ("Klasifikasi     Terbatas", "Terbatas", "terbatas"),          # a column's gap, the colon lost by OCR
    ("Surat ini bersifat RAHASIA, hanya untuk yang dituju.", "RAHASIA", "rahasia"),  # the letter of itself
    ("Terlampir laporan yang bersifat RAHASIA.", "RAHASIA", "rahasia"),
    # a press draft's banner: not yet for publication
    ("**TERBATAS — belum untuk dipublikasikan**\nSiaran pers", "TERBATAS", "terbatas"),
    ("TERBATAS (belum untuk dirilis)\nSiaran pers", "TERBATAS", "terbatas"),
    ("EMBARGO - TERBATAS\nSiaran pers", "TERBATAS", "terbatas"),
    ("RAHASIA (tidak untuk disebarluaskan)", "RAHASIA", "rahasia"),
]

EVASIONS = [
    ("R A H A S I A\nisi laporan", "R A H A S I A", "rahasia"),                     # letter-spaced stamp
    ("S A N G A T   R A H A S I A", "S A N G A T   R A H A S I A", "sangat_rahasia"),
    # letters joined by a dash, dot or underscore
    ("R-A-H-A-S-I-A\nisi laporan", "R-A-H-A-S-I-A", "rahasia"),
    ("// T.E.R.B.A.T.A.S //", "T.E.R.B.A.T.A.S", "terbatas"),
    ("S-A-N-G-A-T R-A-H-A-S-I-A", "S-A-N-G-A-T R-A-H-A-S-I-A", "sangat_rahasia"),
    ("== R_A_H_A_S_I_A ==", "R_A_H_A_S_I_A", "rahasia"),
    ("Sifat : sangat  rahasia", "sangat  rahasia", "sangat_rahasia"),              # any case in a field
    ("Sifat\u00a0: R\u200bahasia", "R\u200bahasia", "rahasia"),                     # NBSP, zero-width space
    ("\uff32\uff21\uff28\uff21\uff33\uff29\uff21",                                      # full-width
     "\uff32\uff21\uff28\uff21\uff33\uff29\uff21", "rahasia"),
    ("Sifat : Rahasia\r\nLampiran : -\r\n", "Rahasia", "rahasia"),                  # CRLF
]

NEGATIVES = [
    "Materi tentang sifat\nRahasia",                # a label in prose ending a line: no field
    # a rule about a class of documents (an SOP, a training module), no document's own level
    "Dokumen berklasifikasi SANGAT RAHASIA hanya boleh dibaca oleh pejabat yang berwenang.",
    "Naskah dinas bersifat RAHASIA wajib disimpan dalam lemari terkunci.",
    "Klasifikasi Rahasia",                           # a heading of a training module, no column gap
    "TERBATAS (50 kursi)\nDaftar segera",           # a poster's seats, no warning
    "Sifat\nrahasia negara wajib dijaga",           # the value in prose
    "TERBATAS UNTUK UMUM",                                  # no distribution warning after the blank
    "Dokumen ini rahasia, katanya.",                        # declared in lower case: prose
    "Acara ini TERBATAS untuk 50 peserta",                  # an event, not a document
    "Buku ini RAHASIA SUKSES para juara",
    "\"Data ini RAHASIA negara,\" kata Menteri.",          # a quote about data, not the document's level
    "PENDAFTARAN TERBATAS UNTUK 50 PESERTA",
    "DRAF SIARAN PERS\nKegiatan vaksinasi",
    "7 Rahasia Sukses Mengurus Paspor Tanpa Calo",
    "Informasi ini bersifat rahasia bagi pihak luar.",      # the level in lower case: prose
    "Kuota peserta bersifat terbatas.",
    "Tips dan Rahasia Awet Muda ala Nenek",
    "Bakso ini terkenal karena resep rahasia keluarga sejak 1985.",
    "Bumbu rahasia warung ini tak pernah dibocorkan.",
    "Sudah bukan rahasia lagi bahwa jalan itu rusak parah.",
    "Bukan rahasia lagi, parkir di alun-alun selalu penuh.",
    "Hal itu bukan lagi rahasia di kalangan pedagang.",
    "pegawai wajib menyimpan rahasia jabatan",
    "_Kuota terbatas: 80 peserta per sesi_",
    "*Tempat terbatas, daftar sekarang*",
    "Promo berlaku dalam waktu terbatas",
    "Penawaran berlaku selama persediaan terbatas",
    "dicetak dengan oplah terbatas setiap bulan",
    "Mengingat anggaran yang terbatas di tiap kelurahan",
    "Kursinya terbatas, jadi datang lebih awal",
    "akses yang bersifat selektif dan terbatas",
    "UJI COBA SEKOLAH TATAP MUKA TERBATAS",
    "PENYELENGGARAAN IBADAH TERBATAS",
    "SURAT EDARAN TENTANG PEMBUKAAN OBJEK WISATA SECARA TERBATAS",
    "Judul     : Rahasia Lembah Cikapundung",
    "RAHASIA KULINER NUSANTARA",
    "RAHASIA PERUSAHAAN",
    "dataset di portal Satu Data bersifat terbuka untuk umum",
    "RAPAT PARIPURNA TERBUKA UNTUK UMUM",
    "PEMERINTAHAN TERBUKA",
    "Sifat    : Segera",
    "Sifat    : Penting",
    "Sifat: Sangat Segera",
    "KUOTA\nTERBATAS\nDAFTAR SEKARANG",
    "PESERTA\nTERBATAS\nSEGERA DAFTAR",
    "STOK\nSANGAT TERBATAS",
    "DISKON\nTERBATAS",
    "TERBATAS!\nDaftar segera di aplikasi",
    "PROMO TERBATAS!\nBeli sekarang",
    "5 RAHASIA\nSUKSES BERJUALAN",
    "4 RAHASIA\nLANGSING ALAMI",
    "Ini rahasia ya, jangan bilang siapa-siapa",
    "Sifat pekerjaan: terbatas pada hari kerja",
    "Halaman 2 - Rahasia Sukses Berjualan",
    # a legend or a definition names several levels: it marks nothing
    "Tingkat klasifikasi: Sangat Rahasia, Rahasia, Terbatas, dan Biasa",
    "Klasifikasi: Rahasia/Terbatas",
    "| Klasifikasi | Terbatas | Rahasia |",
    "RAHASIA / TERBATAS / BIASA",
    "Subject: Rahasia sukses UMKM naik kelas",
    "secret recipe, restricted parking, internal memo",
]


@pytest.fixture(scope="module")
def rec():
    from dlp.classifiers.classification_marking_recognizer import ClassificationMarkingRecognizer

    return ClassificationMarkingRecognizer(supported_language="id")


def _found(analyzer, text):
    return [(f.text, f.level) for f in analyzer.analyze_text(text) if f.entity_type == E]


@pytest.mark.parametrize("text,span,level", POSITIVES + EVASIONS)
def test_engine_reports_marking(analyzer, text, span, level):
    assert (span, level) in _found(analyzer, text)


@pytest.mark.parametrize("text,span,level", [p for p in POSITIVES if p[0].isascii()])
def test_recognizer_span_and_level(rec, text, span, level):
    got = {(text[r.start:r.end], r.recognition_metadata.get("dlp_level")) for r in rec.analyze(text, [E])}
    assert (span, level) in got


@pytest.mark.parametrize("text", NEGATIVES)
def test_prose_is_no_marking(analyzer, text):
    assert _found(analyzer, text) == []


@pytest.mark.parametrize("text,severity", [
    ("Sifat: Sangat Rahasia", "block"), ("Sifat: Rahasia", "block"), ("Sifat: Terbatas", "block"),
    ("INTERNAL USE ONLY", "block"), ("CONFIDENTIAL", "block"), ("Sifat: Biasa", "info"),
    ("Klasifikasi: Terbuka", "info"),
])
def test_level_decides_severity(analyzer, text, severity):
    from dlp.policy import Policy

    (f,) = [f for f in analyzer.analyze_text(text) if f.entity_type == E]
    assert f.level is not None
    assert Policy.default().severity(f) == severity
    assert f.reason["en"] and f.reason["id"]


@pytest.mark.parametrize("part", ["header", "footer"])
def test_title_case_marking_alone_in_header_or_footer(analyzer, part):
    findings = analyzer.analyze([Chunk("Rahasia", part), Chunk("Isi kajian kebutuhan jaringan.", "body")])
    assert [(f.text, f.part, f.level) for f in findings if f.entity_type == E] == [("Rahasia", part, "rahasia")]


def test_title_case_in_body_is_no_marking(analyzer):
    findings = analyzer.analyze([Chunk("Ringkasan\nRahasia\nLembah Cikapundung adalah novel remaja.", "body")])
    assert [f for f in findings if f.entity_type == E] == []


def test_footer_with_distribution_warning(analyzer):
    findings = analyzer.analyze([Chunk("Terbatas - tidak untuk disebarluaskan", "footer")])
    assert [(f.text, f.level) for f in findings if f.entity_type == E] == [("Terbatas", "terbatas")]


def test_first_line_of_a_page(analyzer):
    findings = analyzer.analyze([Chunk("Confidential\nVendor evaluation, smart city", "page 1")])
    assert [(f.text, f.level) for f in findings if f.entity_type == E] == [("Confidential", "rahasia")]


def test_title_inside_page_is_no_marking(analyzer):
    findings = analyzer.analyze([Chunk("Pendahuluan\nKuota Terbatas\nPeserta wajib daftar.", "page 2")])
    assert [f for f in findings if f.entity_type == E] == []


def test_docx_header_and_footer_through_the_scanner():
    """A real DOCX whose only marking is in its header and footer."""
    docx = pytest.importorskip("docx")
    from dlp.pipeline import Scanner

    doc = docx.Document()
    section = doc.sections[0]
    section.header.paragraphs[0].text = "TERBATAS"
    section.footer.paragraphs[0].text = "Terbatas \u2014 hanya untuk kalangan internal"
    doc.add_paragraph("Kajian kebutuhan perangkat jaringan kantor kecamatan.")
    buf = io.BytesIO()
    doc.save(buf)
    result = Scanner().scan_bytes(buf.getvalue(), "kajian.docx")
    marks = [(f.text, f.level, f.severity) for f in result.findings if f.entity_type == E]
    assert ("TERBATAS", "terbatas", "block") in marks
    assert result.verdict == "block"


def test_form_table_in_docx_through_the_scanner():
    """A nota dinas whose heading block is a table: Sifat | : | Rahasia, one cell each."""
    docx = pytest.importorskip("docx")
    from dlp.pipeline import Scanner

    doc = docx.Document()
    rows = [("Yth.", ":", "Bupati Karawang"), ("Nomor", ":", "700.1.2/412/Itkab"), ("Sifat", ":", "Rahasia"),
            ("Hal", ":", "Hasil reviu pengaduan")]
    table = doc.add_table(rows=len(rows), cols=3)
    for r, cells in enumerate(rows):
        for c, text in enumerate(cells):
            table.cell(r, c).text = text
    buf = io.BytesIO()
    doc.save(buf)
    result = Scanner().scan_bytes(buf.getvalue(), "nota-dinas.docx")
    assert [(f.text, f.level) for f in result.findings if f.entity_type == E] == [("Rahasia", "rahasia")]
    assert result.verdict == "block"


def test_html_table_row_through_the_scanner():
    """An HTML mail's heading table: the cells of a row are read tab-separated, so label and value meet."""
    from dlp.pipeline import Scanner

    html = (b"<html><body><table><tr><td>Nomor</td><td>T-12/KPU-Prov/PP.01/2024</td></tr>"
            b"<tr><td>Klasifikasi</td><td><b>Terbatas</b></td></tr></table><p>Isi surat.</p></body></html>")
    result = Scanner().scan_bytes(html, "surel.html")
    assert ("Terbatas", "terbatas") in [(f.text, f.level) for f in result.findings if f.entity_type == E]


def test_email_subject_part(analyzer):
    findings = analyzer.analyze([Chunk("RAHASIA - Rencana Pengamanan", "header:subject", "Subject")])
    assert [(f.text, f.level) for f in findings if f.entity_type == E] == [("RAHASIA", "rahasia")]


def test_pdf_page_stamp_through_the_scanner():
    """A real PDF whose pages carry a title-case stamp on their first line."""
    fpdf = pytest.importorskip("fpdf")
    from dlp.pipeline import Scanner

    pdf = fpdf.FPDF()
    for n in (1, 2):
        pdf.add_page()
        pdf.set_font("Helvetica", size=11)
        pdf.cell(0, 8, "Rahasia", new_x="LMARGIN", new_y="NEXT")
        pdf.cell(0, 8, f"Laporan pemeriksaan khusus, bagian {n}.", new_x="LMARGIN", new_y="NEXT")
    result = Scanner().scan_bytes(bytes(pdf.output()), "pemeriksaan.pdf")
    marks = {(f.text, f.level, f.part) for f in result.findings if f.entity_type == E}
    assert {("Rahasia", "rahasia", "page 1"), ("Rahasia", "rahasia", "page 2")} <= marks
    assert result.verdict == "block"


def test_vocabulary_from_yaml_is_used():
    from dlp.classifiers.classification_marking_recognizer import ClassificationMarkingRecognizer

    rec = ClassificationMarkingRecognizer(stamps={"terbatas": ["KHUSUS INTERNAL"]}, fields={"terbatas": ["khusus"]})
    text = "KHUSUS INTERNAL\nSifat: Khusus"
    got = {(text[r.start:r.end], r.recognition_metadata["dlp_level"]) for r in rec.analyze(text, [E])}
    assert got == {("KHUSUS INTERNAL", "terbatas"), ("Khusus", "terbatas")}


@pytest.mark.parametrize("stamps, text, expected", [
    # the default vocabulary is all capitals: looked for among the text's capitals first
    (None, "R A H A S I A\nIsi surat.", "R A H A S I A"),
    (None, "Lampiran II\n*** TERBATAS ***\nIsi.", "TERBATAS"),
    (None, "AB RAHASIA CD\n[RAHASIA] Rencana kerja", "RAHASIA"),
    # a keyword that is not plain capitals turns that filter off and is still found
    ({"rahasia": ["RAHASİA"]}, "RAHASİA\nIsi surat.", "RAHASİA"),
    ({"terbatas": ["TOP-LEVEL"]}, "TOP-LEVEL\nIsi surat.", "TOP-LEVEL"),
])
def test_stamp_keywords_any_vocabulary(stamps, text, expected):
    from dlp.classifiers.classification_marking_recognizer import ClassificationMarkingRecognizer

    rec = ClassificationMarkingRecognizer(stamps=stamps) if stamps else ClassificationMarkingRecognizer()
    assert expected in {text[r.start:r.end] for r in rec.analyze(text, [E])}


@pytest.mark.parametrize("text", [
    "Rahasia dapur ini sudah lama dikenal.",
    "RAHASIAKU",                  # the capitals hold the keyword, the line is no stamp
    "Jadwal: S E N I N - J U M A T",
])
def test_capitals_without_a_marking(text):
    from dlp.classifiers.classification_marking_recognizer import ClassificationMarkingRecognizer

    assert ClassificationMarkingRecognizer().analyze(text, [E]) == []


# A field's value is only looked for where one of the value words (each value's longest word) stands
# near its label; on a line with other than ASCII the regex decides alone.  (text, fields, expected values)
FIELD_GATE = [
    ("Sifat   : Segera", None, set()),                              # urgency: no value word, nothing
    ("Sifat : Segera / Rahasia", None, {"Rahasia"}),
    ("Klasifikasi: Sangat   Rahasia", None, {"Sangat   Rahasia"}),  # a value of two words, blanks between
    ("Classification: For Official Use Only", None, {"For Official Use Only"}),
    ("Sifat : Rahasia — Bandung, 3 Mei", None, {"Rahasia"}),         # other than ASCII on the line
    ("Sİfat : Terbatas", None, set()),                              # "İ" is no "i": no label
    ("Sifat: Khusus", {"terbatas": ["khusus"]}, {"Khusus"}),        # an institution's own value
    ("Sifat: Khusus", None, set()),
    ("Perihal: Undangan\tSifat: Biasa", None, {"Biasa"}),
]


@pytest.mark.parametrize("text,fields,expected", FIELD_GATE)
def test_field_value_gate(text, fields, expected):
    from dlp.classifiers.classification_marking_recognizer import ClassificationMarkingRecognizer

    rec = ClassificationMarkingRecognizer(fields=fields) if fields else ClassificationMarkingRecognizer()
    assert {text[r.start:r.end] for r in rec.analyze(text, [E])} == expected


# A form's tick boxes: the ticked option is the document's level; a blank form marks nothing.
TICK_BOXES = [
    ("LEMBAR DISPOSISI\nSifat: [ ] Sangat Rahasia  [X] Rahasia  [ ] Biasa\nPerihal: Pengamanan", [("Rahasia", "rahasia")]),
    ("Klasifikasi: \u2610 Rahasia  \u2611 Terbatas  \u2610 Biasa", [("Terbatas", "terbatas")]),
    ("Klasifikasi: (v) Rahasia ( ) Terbatas ( ) Biasa", [("Rahasia", "rahasia")]),
    ("Klasifikasi: [ ] Rahasia [\u2713] Terbatas", [("Terbatas", "terbatas")]),
    ("Klasifikasi:\n\u2610 Sangat Rahasia\n\u2612 Rahasia\n\u2610 Biasa", [("Rahasia", "rahasia")]),
    ("Klasifikasi: \u25a1 Rahasia \u25a1 Terbatas \u25a0 Biasa", [("Biasa", "biasa")]),  # filled beside empty
    ("Sifat: \u2610 Sangat Segera \u2611 Segera\nKlasifikasi: \u2610 Rahasia \u2611 Terbatas", [("Terbatas", "terbatas")]),
    # nothing ticked: a blank form
    ("Sifat: [ ] Rahasia [ ] Terbatas [ ] Biasa", []),
    ("Klasifikasi:\n\u2610 Rahasia\n\u2610 Terbatas\n\u2610 Biasa", []),
    # filled squares alone are a list's bullets, not ticks
    ("Klasifikasi: \u25a0 Rahasia \u25a0 Terbatas", []),
    # a bracket that is no box keeps the field's reading
    ("Sifat: (Terbatas)", [("Terbatas", "terbatas")]),
]


@pytest.mark.parametrize("text,expected", TICK_BOXES)
def test_tick_boxes(analyzer, text, expected):
    assert _found(analyzer, text) == expected


def test_word_check_box_through_the_scanner():
    """Word's check box content controls write their state as U+2612 / U+2610 in the text."""
    docx = pytest.importorskip("docx")
    from docx.oxml import parse_xml
    from dlp.pipeline import Scanner

    w14 = "http://schemas.microsoft.com/office/word/2010/wordml"
    wns = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

    def box(checked: bool) -> str:
        glyph = "\u2612" if checked else "\u2610"
        return (f'<w:sdt xmlns:w="{wns}" xmlns:w14="{w14}"><w:sdtPr><w14:checkbox>'
                f'<w14:checked w14:val="{int(checked)}"/></w14:checkbox></w:sdtPr>'
                f'<w:sdtContent><w:r><w:t>{glyph}</w:t></w:r></w:sdtContent></w:sdt>')

    doc = docx.Document()
    doc.add_paragraph("LEMBAR DISPOSISI")
    p = doc.add_paragraph("Klasifikasi: ")
    for checked, level in ((False, "Rahasia"), (True, "Terbatas"), (False, "Biasa")):
        p._p.append(parse_xml(box(checked)))
        p.add_run(f" {level}  ")
    doc.add_paragraph("Diteruskan kepada: Sekretaris")
    buf = io.BytesIO()
    doc.save(buf)
    result = Scanner().scan_bytes(buf.getvalue(), "disposisi.docx")
    assert [(f.text, f.level) for f in result.findings if f.entity_type == E] == [("Terbatas", "terbatas")]
    assert result.verdict == "block"


# A draft's note after its marking; the UK's OFFICIAL-SENSITIVE.
DRAFT_NOTES = [
    ("RAHASIA - Draf v2\nKajian evaluasi", "RAHASIA", "rahasia"),
    ("FOR OFFICIAL USE ONLY - DRAFT v3", "FOR OFFICIAL USE ONLY", "terbatas"),
    ("SANGAT RAHASIA - Versi 3", "SANGAT RAHASIA", "sangat_rahasia"),
    ("RAHASIA (KONSEP)", "RAHASIA", "rahasia"),
    ("TERBATAS (Draf 3)", "TERBATAS", "terbatas"),
    ("OFFICIAL-SENSITIVE\nNote of the Governor's visit", "OFFICIAL-SENSITIVE", "terbatas"),
    ("OFFICIAL SENSITIVE", "OFFICIAL SENSITIVE", "terbatas"),
    # a banner with a document word stays one where nothing below defines it
    ("CONFIDENTIAL INFORMATION\nDo not distribute.", "CONFIDENTIAL", "rahasia"),
    ("DOKUMEN RAHASIA\nRencana pengamanan", "RAHASIA", "rahasia"),
]


@pytest.mark.parametrize("text,span,level", DRAFT_NOTES)
def test_marking_with_a_draft_note(analyzer, text, span, level):
    assert _found(analyzer, text) == [(span, level)]


@pytest.mark.parametrize("text", [
    # news of a classified document that got out; the document itself does not declare it
    "Sebuah dokumen yang disebut sebagai surat telegram berklasifikasi RAHASIA beredar di media sosial.",
    "Beredar dokumen bersifat RAHASIA yang diduga milik kementerian.",
    # a heading naming the term the text below defines
    'CONFIDENTIAL INFORMATION\n"Confidential Information" means any information disclosed by either party.',
    "INFORMASI TERBATAS\nInformasi terbatas adalah informasi yang dikecualikan dari keterbukaan.",
])
def test_reports_and_definitions_mark_nothing(analyzer, text):
    assert _found(analyzer, text) == []


# Bilingual letters (an embassy's, a cooperation bureau's): the label and the level with their translations.
BILINGUAL = [
    ("Sifat / Classification : Rahasia / Confidential", "Rahasia", "rahasia"),
    ("Sifat / Classification : Rahasia", "Rahasia", "rahasia"),
    ("Klasifikasi (Classification): Terbatas", "Terbatas", "terbatas"),
    ("Klasifikasi: Terbatas (Restricted)", "Terbatas", "terbatas"),
    ("**CONFIDENTIAL \u2013 for internal use / hanya untuk kalangan internal**", "CONFIDENTIAL", "rahasia"),
    # letter-spaced values
    ("Sifat  : T e r b a t a s", "T e r b a t a s", "terbatas"),
    ("Sifat: S A N G A T   R A H A S I A", "S A N G A T   R A H A S I A", "sangat_rahasia"),
]


@pytest.mark.parametrize("text,span,level", BILINGUAL)
def test_bilingual_and_spaced_markings(analyzer, text, span, level):
    assert _found(analyzer, text) == [(span, level)]


@pytest.mark.parametrize("text", [
    "Klasifikasi : Rahasia / Terbatas / Biasa *)", "Sifat: Rahasia, Terbatas", "CONFIDENTIAL / INTERNAL / PUBLIC",
    "Sifat : S e g e r a",
])
def test_lists_of_levels_and_urgency_mark_nothing(analyzer, text):
    assert _found(analyzer, text) == []


@pytest.mark.parametrize("text,span,level", [
    ("CATATAN: Draf ini masih dibahas tim SAKIP. Sifat: Terbatas - tidak untuk diunggah.", "Terbatas", "terbatas"),
    ("DRAF - Sifat: Terbatas", "Terbatas", "terbatas"),
    ("Draf v3 (Sifat: Terbatas)", "Terbatas", "terbatas"),
    ("Draf, Klasifikasi: Rahasia, jangan disebar", "Rahasia", "rahasia"),
])
def test_field_after_a_sentence_clause_or_bracket(analyzer, text, span, level):
    assert _found(analyzer, text) == [(span, level)]


def test_field_words_inside_prose_mark_nothing(analyzer):
    assert _found(analyzer, "Rapat membahas sifat: rahasia jabatan dan etika") == []
