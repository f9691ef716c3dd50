"""ID_LETTER_NUMBER: positives (span + decoded security code), true negatives, evasions, own formats."""
from __future__ import annotations

import pytest

from dlp.models import Chunk

E = "ID_LETTER_NUMBER"

# (text, expected span, expected level); level None = no security code (review)
POSITIVES = [
    ("Nomor: B-1234/KS.01.01/III/2021", "B-1234/KS.01.01/III/2021", "B"),
    # "PP", "UU" as an archive code or unit, not a regulation: after a security code or a class code
    ("Nomor : SR-07/Dir/PP.01/2023", "SR-07/Dir/PP.01/2023", "SR"),
    ("Nomor: 800/12/PP/2024", "800/12/PP/2024", None),
    # the security code cut off by a line break or blanks (a wrapped PDF line, a spaced dash)
    ("Nomor R-\n99/IJ/KP.07.6/04/2020", "R-\n99/IJ/KP.07.6/04/2020", "R"),
    ("Nomor : R- 12/Kadis/HM.01/III/2024", "R- 12/Kadis/HM.01/III/2024", "R"),
    ("Hal 3-\n800/12/BKD/2024", "800/12/BKD/2024", None),
    ("Nomor : R-07/Dir/PP.01/2023\nNomor: B-12/Setda/PP.03/III/2024", "B-12/Setda/PP.03/III/2024", "B"),
    ("Nomor: B-2817/PS.02.03/VII/2022", "B-2817/PS.02.03/VII/2022", "B"),
    ("Nomor : R-99/IJ/KP.07.6/04/2020", "R-99/IJ/KP.07.6/04/2020", "R"),
    ("Nomor : R-57/IK/HM.02.4/09/2022", "R-57/IK/HM.02.4/09/2022", "R"),
    ("Nomor    : SR-9/Sekjen/XI/2022     Bogor, 14 November 2022", "SR-9/Sekjen/XI/2022", "SR"),
    ("- Nomor: T-62/OT.02/IX/2023", "T-62/OT.02/IX/2023", "T"),
    ("Nomor: 800/1234/BKD/2021", "800/1234/BKD/2021", None),
    ("Nomor: 821/3307/BKPSDM/2022", "821/3307/BKPSDM/2022", None),
    ("Nomor    : 045.2/123/Setda/2020                      Cimahi, 19 Agustus 2020", "045.2/123/Setda/2020", None),
    ("Nomor    : 027.1/418/Setwan/2022                      Garut, 8 Juni 2022", "027.1/418/Setwan/2022", None),
    ("No. 474/83/Kel.Cgr/2022", "474/83/Kel.Cgr/2022", None),
    ("Nomor: 703/271/Itkab/2023", "703/271/Itkab/2023", None),
    ("Nomor: 472/5128/Dispendukcapil/2022", "472/5128/Dispendukcapil/2022", None),
    ("Nomor : 000.8.3.3/15/OR", "000.8.3.3/15/OR", None),
    ("Nomor : 000.1.2.3/207/Tapem", "000.1.2.3/207/Tapem", None),
    ("Nomor: B/Speng-3/II/KKA/2023/Setum", "B/Speng-3/II/KKA/2023/Setum", "B"),
    ("Nomor: R/Sprin-14/VI/OPS/2022/Bagops", "R/Sprin-14/VI/OPS/2022/Bagops", "R"),
    ("Nomor    : S-12/MK.1/2021", "S-12/MK.1/2021", None),
    ("Nomor    : S-307/MK.6/2022", "S-307/MK.6/2022", None),
    ("Nomor\t: ND-118/BPKAD.03/2022", "ND-118/BPKAD.03/2022", None),
    ("Nomor\t: UND-23/WPJ.11/2022\t\t\t\t7 Oktober 2022", "UND-23/WPJ.11/2022", None),
    ("NOMOR: SE-8/DINKES/III/2023", "SE-8/DINKES/III/2023", None),
    ("Nomor Surat: B-563/Disparbud/KP.03.02/X/2022", "B-563/Disparbud/KP.03.02/X/2022", "B"),
    ("Nomor: KEP-123/MK.1/2021", "KEP-123/MK.1/2021", None),
    ("Nomor: PENG-3/PJ.09/2021", "PENG-3/PJ.09/2021", None),
    ("Nomor: PRIN-45/WPJ.09/2021", "PRIN-45/WPJ.09/2021", None),
    ("Nomor: 123/UN6.B/KP/2021", "123/UN6.B/KP/2021", None),
    ("Nomor: R/123/IV/HUM.3.4/2021", "R/123/IV/HUM.3.4/2021", "R"),
    ("Nomor: 005/123/III/2021", "005/123/III/2021", None),
    # a numbered unit between the class code and the serial, or after a security code
    ("Nomor: PB.01.02/3.2/1234/2024", "PB.01.02/3.2/1234/2024", None),
    ("Nomor : UM.01.01/2.1.4/0123/2024", "UM.01.01/2.1.4/0123/2024", None),
    ("Nomor: R-123/01-23/05/2024", "R-123/01-23/05/2024", "R"),
    ("Nomor : 421.3/1234-Disdik", "421.3/1234-Disdik", None),            # one slash, after a label
    ("Nomor: B-12/Setda", "B-12/Setda", "B"),
    # bare in prose: the structure alone is unmistakable
    ("sesuai nota Kepala Bidang B-2817/PS.02.03/VII/2022.", "B-2817/PS.02.03/VII/2022", "B"),
    ("menindaklanjuti 800/1234/BKD/2021 tentang mutasi", "800/1234/BKD/2021", None),
    ("menindaklanjuti 821/3307/BKPSDM/2022 tentang rotasi", "821/3307/BKPSDM/2022", None),
    ("lihat juga SR-04/Bakesbangpol/II/2023, mohon dijaga", "SR-04/Bakesbangpol/II/2023", "SR"),
    ("R-36/Disnaker/KU.02/VIII/2022", "R-36/Disnaker/KU.02/VIII/2022", "R"),
    # a regent's or mayor's decree: its serial written into the "Kep." part
    ("Nomor 188.45/Kep.512-Huk/2023", "188.45/Kep.512-Huk/2023", None),
    ("Nomor: 188.3/Kep.45/Disdik/2024", "188.3/Kep.45/Disdik/2024", None),
    # an office code of two words, between slashes: the whole number, not "R-045/Satpol"
    ("Nomor : R-045/Satpol PP/HK.02.01/V/2024", "R-045/Satpol PP/HK.02.01/V/2024", "R"),
    ("Nomor: B-12/Dinas PUPR/PR.01/V/2024", "B-12/Dinas PUPR/PR.01/V/2024", "B"),
    ("Nomor: T-3/Satpol PP/2024 perihal", "T-3/Satpol PP/2024", "T"),
    # a land office's: serial, regency code, month, year (with its label)
    ("No. Surat : 1234/32.04/V/2024", "1234/32.04/V/2024", None),
    # the KPU's announcements: PP.04.1 is its archive code (Penyelenggara Pemilu), no Peraturan Pemerintah
    ("Nomor: 45/PP.04.1-Pu/3510/2023", "45/PP.04.1-Pu/3510/2023", None),
    ("Nomor: 45/PP.04.1/KPU-Kab/2023", "45/PP.04.1/KPU-Kab/2023", None),
    # a procurement working group's (Pokja of the UKPBJ): serial and group in one part
    ("Nomor: 027/14.PK-Pokja.III/UKPBJ/2023", "027/14.PK-Pokja.III/UKPBJ/2023", None),
    # a serial that looks like a year: the 2019th letter, the 2034th
    ("Nomor: 900.1.3.1/2019/BPKAD/2024", "900.1.3.1/2019/BPKAD/2024", None),
    ("Nomor : 100.3.4/2034/Setda", "100.3.4/2034/Setda", None),
    ("Nomor: 2034/UN6.RKT/Kep/HK/2024", "2034/UN6.RKT/Kep/HK/2024", None),
    # a number wrapped after a slash by a narrow heading column: whole, with its security code
    ("Nomor : R-1093/Kk.10.06/1/\nKP.07.6/08/2024", "R-1093/Kk.10.06/1/\nKP.07.6/08/2024", "R"),
    # a land office's: archive code, serial and regency code, month, year
    ("Nomor : HP.01.03/1842-32.04/VIII/2024", "HP.01.03/1842-32.04/VIII/2024", None),
    # an SK's own heading (the title in capitals, its number on the next line): no citation of it
    ("KEPUTUSAN BUPATI SLEMAN\nNOMOR 800.1.3.2/344/BKPSDM/2026\nTENTANG KENAIKAN PANGKAT",
     "800.1.3.2/344/BKPSDM/2026", None),
    ("LAMPIRAN KEPUTUSAN BUPATI SLEMAN\nNOMOR : 813.3/1011/Kep.KDH/A/2026", "813.3/1011/Kep.KDH/A/2026", None),
]

EVASIONS = [
    ("Nomor : 800 / 1234 / BKD / 2021", "800 / 1234 / BKD / 2021", None),       # spaces round the slashes
    ("Nomor : 821 / 3307 / BKPSDM / 2022", "821 / 3307 / BKPSDM / 2022", None),
    ("Nomor: R-99/IJ/KP.07.6/04/2020.", "R-99/IJ/KP.07.6/04/2020", "R"),         # sentence full stop
    ("Nomor: R-57/IK/HM.02.4/09/2022.", "R-57/IK/HM.02.4/09/2022", "R"),
    ("Nomor:T-62/OT.02/IX/2023", "T-62/OT.02/IX/2023", "T"),                     # no space after the colon
    # NBSP and a non-breaking hyphen
    ("Nomor\u00a0: B\u2011563/Disparbud/KP.03.02/X/2022", "B\u2011563/Disparbud/KP.03.02/X/2022", "B"),
    ("Nomor: R-99/IJ/KP.07.6/\u200b04/2020", "R-99/IJ/KP.07.6/\u200b04/2020", "R"),  # zero-width space inside
    ("Nomor: R-57/IK/HM.02.4/\u200b09/2022", "R-57/IK/HM.02.4/\u200b09/2022", "R"),
]

NEGATIVES = [
    "UU Nomor 14 Tahun 2008 tentang Keterbukaan Informasi Publik",
    "UU Nomor 27 Tahun 2022 tentang Pelindungan Data Pribadi",
    "sesuai PP No. 71/2019 tentang PSTE",
    "mengacu PP No. 80/2019 tentang PMSE",
    "Perpres 95/2018 tentang SPBE",
    "Perpres 82/2023 tentang percepatan transformasi digital",
    "berdasarkan PMK 112/PMK.03/2022",
    "merujuk PMK 58/PMK.02/2023",
    "Peraturan Menteri Keuangan Nomor 112/PMK.03/2022 tentang NPWP",
    "Peraturan Menteri Keuangan Nomor 58/PMK.02/2023 tentang tarif layanan",
    "Permendagri Nomor 73 Tahun 2022",
    "Peraturan Bupati Garut Nomor 19 Tahun 2022",
    "Instruksi Menteri Dalam Negeri Nomor 53 Tahun 2022",
    "PermenPANRB Nomor 6 Tahun 2022",
    "sesuai POJK Nomor 6/POJK.07/2022",
    "sesuai SEOJK 15/SEOJK.03/2022",
    "Putusan Nomor 123/Pdt.G/2021/PN.Bdg",
    "berkas diunggah 2022/10/03 selesai 2022/10/11",
    "lahir 17/07/2003",
    "tanggal 12/IV/2021",
    "Nota pembelian: INV/2022/11/00839 (lunas)",
    "INV/20210923/MPL/1234567890",
    "unduh di https://jdih.cimahikota.go.id/produk/B-12/KS/2022",
    "simpan di /home/arsip/B-12/KS/2021",
    "D:/Arsip/SURAT/2021/B-123.pdf",
    "takaran 1/2/3 sendok",
    "RT 002/RW 005/Kel 003",
    "versi 1.2.3/4.5/6",
    "skor 1.5/2.5/3.5/2024",
    "tanggal 12-05/2024/01",
    "pendidikan S1/S2/S3",
    "layanan 24/7/365",
    "COVID-19/PSBB/2020",
    "Keputusan Bupati Garut Nomor 188.45/Kep.512-Huk/2023 tentang Tim Percepatan",  # a cited decree
    "berdasarkan Keputusan Bupati Garut\nNomor 188.45/Kep.512-Huk/2023 tentang Tim",  # wrapped in prose
    "pada halaman 3/Bab II/2020 disebutkan",          # two words between slashes, no letter number's start
    "UU 23/Satpol PP/2014",
    "tanggal 12/3.5/V/2024",                          # the land office's shape, without its label
    "Kode Satker 123456 / DIPA-025.01.2.123456/2024",  # a work unit's code and its budget's DIPA number
    "tahun anggaran 2023/2024/2025",                  # years, the first two no serial
    "periode 2019/\n2020",                            # a slash ending a line, no letter number
]


@pytest.fixture(scope="module")
def rec():
    from dlp.classifiers.id_letter_number_recognizer import IdLetterNumberRecognizer

    return IdLetterNumberRecognizer(supported_language="id")


def _found(analyzer, text):
    return [(f.text, f.level) for f in analyzer.analyze_text(text) if f.entity_type == E]


@pytest.mark.parametrize("text,span,level", POSITIVES + EVASIONS)
def test_engine_reports_letter_number(analyzer, text, span, level):
    assert (span, level) in _found(analyzer, text)


@pytest.mark.parametrize("text,span,level", [p for p in POSITIVES if p[0].isascii()])
def test_recognizer_span_and_level(rec, text, span, level):
    got = {(text[r.start:r.end], r.recognition_metadata.get("dlp_level")) for r in rec.analyze(text, [E])}
    assert (span, level) in got


@pytest.mark.parametrize("text", NEGATIVES)
def test_not_a_letter_number(analyzer, text):
    assert _found(analyzer, text) == []


@pytest.mark.parametrize("number,code,severity", [
    ("SR-9/Sekjen/XI/2022", "SR", "block"),
    ("R-99/IJ/KP.07.6/04/2020", "R", "block"),
    ("R-57/IK/HM.02.4/09/2022", "R", "block"),
    ("T-62/OT.02/IX/2023", "T", "block"),
    ("B-1234/KS.01.01/III/2021", "B", "review"),
    ("B-2817/PS.02.03/VII/2022", "B", "review"),
    ("ND-118/BPKAD.03/2022", None, "review"),  # Kemenkeu document type, not a security code
    ("S-12/MK.1/2021", None, "review"),
    ("S-307/MK.6/2022", None, "review"),
    ("800/1234/BKD/2021", None, "review"),
    ("821/3307/BKPSDM/2022", None, "review"),
])
def test_security_code_decides_severity(analyzer, number, code, severity):
    from dlp.policy import Policy

    (f,) = [f for f in analyzer.analyze_text(f"Nomor: {number}") if f.entity_type == E]
    assert f.level == code
    assert Policy.default().severity(f) == severity
    assert f.reason["en"] and f.reason["id"]


def test_reason_names_the_code(analyzer):
    (f,) = [f for f in analyzer.analyze_text("Nomor: SR-9/Sekjen/XI/2022") if f.entity_type == E]
    assert "SR" in f.reason["en"] and "sangat rahasia" in f.reason["id"]
    (g,) = [f for f in analyzer.analyze_text("Nomor: ND-118/BPKAD.03/2022") if f.entity_type == E]
    assert "ND" in g.reason["en"] and "nota dinas" in g.reason["id"]


def test_context_raises_a_weak_shape(analyzer):
    weak = "005/123/III/2021"
    assert _found(analyzer, f"anggaran {weak} dan") == []
    assert (weak, None) in _found(analyzer, f"Nomor : {weak}")


def test_citation_then_letter_number_on_one_line(analyzer):
    text = ("sesuai Peraturan Wali Kota Nomor 12 Tahun 2022 tentang Pedoman, dan surat Kepala Badan "
            "nomor 821/3307/BKPSDM/2022")
    assert _found(analyzer, text) == [("821/3307/BKPSDM/2022", None)]


def test_found_in_any_chunk(analyzer):
    findings = analyzer.analyze([Chunk("Laporan", "page 1"), Chunk("Nomor: R-1/Inspektorat/IV/2021", "page 2")])
    (f,) = [f for f in findings if f.entity_type == E]
    assert (f.text, f.part, f.level) == ("R-1/Inspektorat/IV/2021", "page 2", "R")


def _documented_example(key: str) -> dict:
    """The example under ``#      {key}:`` in the comments of patterns/letter_numbers.yaml, parsed."""
    import yaml
    from importlib import resources

    lines = resources.files("dlp.patterns").joinpath("letter_numbers.yaml").read_text(encoding="utf-8").splitlines()
    start = lines.index(f"#      {key}:")
    block = []
    for line in lines[start:]:
        if not line.startswith("#      "):
            break
        block.append(line[len("#      "):])
    return yaml.safe_load("\n".join(block))


def test_documented_format_example_works():
    from dlp.classifiers.id_letter_number_recognizer import IdLetterNumberRecognizer

    rec = IdLetterNumberRecognizer(formats=_documented_example("formats")["formats"])
    assert len(rec.formats) == 1
    text = "surat R/1234/UN6.WR3/KM/2021 dan 77/UN6.WR3/KM/2021"
    got = {(text[r.start:r.end], r.recognition_metadata.get("dlp_level")) for r in rec.analyze(text, [E])}
    assert ("R/1234/UN6.WR3/KM/2021", "R") in got
    assert ("77/UN6.WR3/KM/2021", None) in got


def test_bad_yaml_format_is_skipped():
    from dlp.classifiers.id_letter_number_recognizer import IdLetterNumberRecognizer

    rec = IdLetterNumberRecognizer(formats=[{"regex": "("}, {"name": "no regex"}])
    assert rec.formats == []
    assert rec.analyze("Nomor: T-62/OT.02/IX/2023", [E])


def test_shipped_pack_loads():
    from dlp.classifiers._text import load_yaml

    data = load_yaml("dlp.patterns", "letter_numbers.yaml")
    assert data.get("formats") == [] and data.get("recognizers") == []


def test_documented_custom_entry_loads_in_the_engine(tmp_path, monkeypatch):
    """The `recognizers:` route: a stock Presidio `type: custom` entry in a patterns/ file."""
    import yaml

    import dlp.analyze as analyze

    pack = tmp_path / "rsud.yaml"
    pack.write_text(yaml.safe_dump(_documented_example("recognizers")), encoding="utf-8")
    monkeypatch.setattr(analyze, "pattern_files", lambda: [pack])
    engine = analyze.build_engine()
    findings = analyze.Analyzer(engine).analyze_text("Nomor RSUD/123/KEU/2021 tentang biaya")
    assert [(f.entity_type, f.text) for f in findings if f.entity_type == E] == [(E, "RSUD/123/KEU/2021")]


@pytest.mark.parametrize("text, numbers", [
    # every label form, several in one text, in any order
    ("No. 12/Setda\nNomor: B-13/Dinkes\nNMR 14/BKD", {"12/Setda", "B-13/Dinkes", "14/BKD"}),
    ("nomer : 15/Disdik, no: 16/Bappeda dan NO : 17/Inspektorat", {"15/Disdik", "16/Bappeda", "17/Inspektorat"}),
    ("Ekonomi: 18/ABC", set()),     # "no" inside a word is no label
])
def test_labelled_short_numbers(analyzer, text, numbers):
    assert {f.text for f in analyzer.analyze_text(text) if f.entity_type == E} == numbers


# A draft's number with its serial left blank for the registry, after its label.
BLANK_SERIALS = [
    ("Nomor    : R/        /V/2024/Ditintelkam\nSifat    : Rahasia", "R/        /V/2024/Ditintelkam", "R"),
    ("Nomor    : B-       /M.2.10/Fd.1/05/2024", "B-       /M.2.10/Fd.1/05/2024", "B"),
    ("Nomor : R-       /M.2/Dek.3/05/2024", "R-       /M.2/Dek.3/05/2024", "R"),
    ("Nomor: 800/......./BKD/2024", "800/......./BKD/2024", None),
    ("Nomor : ________/Disdik/2024", "________/Disdik/2024", None),
]


@pytest.mark.parametrize("text,span,level", BLANK_SERIALS)
def test_blank_serial_of_a_draft(analyzer, text, span, level):
    assert _found(analyzer, text) == [(span, level)]


@pytest.mark.parametrize("text", [
    "Nomor : 12   /  hal 3",                                              # no letter number's parts
    "Putusan Pengadilan Tinggi TUN Jakarta Nomor 118/B/2024/PT.TUN.JKT.",  # an appeal court's case number
    "123/B/2024/PT.TUN.SBY",
])
def test_not_a_draft_number(analyzer, text):
    assert _found(analyzer, text) == []


def test_a_decrees_own_heading_on_one_line(analyzer):
    """An attachment's heading names its decree in capitals on one line: the decree's own number, no citation."""
    text = "LAMPIRAN KEPUTUSAN WALI KOTA BANDUNG NOMOR 800.1.3.3/1412-BKPSDM/2024"
    assert _found(analyzer, text) == [("800.1.3.3/1412-BKPSDM/2024", None)]
    assert _found(analyzer, "Berdasarkan Keputusan Wali Kota Bandung Nomor 800.1.3.3/1412-BKPSDM/2024 tentang mutasi") == []


@pytest.mark.parametrize("text", ["SHM No. 00412/Sukamaju", "Sertifikat Hak Milik Nomor 1205/Desa Sukamaju",
                                  "Surat Ukur No. 00234/Sidokarto/2019", "Letter C Nomor 112/Persil 45/1998"])
def test_land_title_numbers_are_no_letter_numbers(analyzer, text):
    assert _found(analyzer, text) == []
