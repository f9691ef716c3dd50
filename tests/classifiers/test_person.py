"""PERSON: names found from Indonesian conventions (honorifics, fields, signatures, tables, metadata)."""
from __future__ import annotations

import io

import pytest

from dlp.models import Chunk

E = "PERSON"

# (text, expected name)
POSITIVES = [
    ("kepada Bapak Bambang Nugraha, warga RT 03", "Bambang Nugraha"),
    ("terhadap Sdr. Hendra Kusmayadi, NIP 19861126 201303 1 015", "Hendra Kusmayadi"),
    ("Yth. Ibu Sulastri Wijayanti", "Sulastri Wijayanti"),
    ("Salah satu peserta, Ceu Euis, mengaku", "Euis"),
    ("terima kasih Pak Wawan", "Wawan"),
    ("Saudari Rina Marpaung hadir", "Rina Marpaung"),
    ("kata Kepala Dinas Kesehatan, dr. Hendra Permana, M.Kes.", "Hendra Permana"),
    ("Disusun oleh Tatang Suprapto, S.Kom., M.T.", "Tatang Suprapto"),
    ("Drs. H. Ahmad Syarifudin", "Ahmad Syarifudin"),
    ("Nama Lengkap       : DIAN SETIAWAN", "DIAN SETIAWAN"),
    ("Nama    : Sulastri Kusumawati\nUnit    : Bagian Organisasi", "Sulastri Kusumawati"),
    ("Nama lengkap     : Euis Kusumawati", "Euis Kusumawati"),
    ("Pelapor : Wawan Ramdani\nIsi     : keluhan", "Wawan Ramdani"),
    ("Nama Pemohon: Yohanes Sitorus", "Yohanes Sitorus"),
    ("Penulis   : Nining Sumarni", "Nining Sumarni"),
    ("Dari   : Nining Lestari", "Nining Lestari"),
    ("Dipesan oleh: Euis Sutisna (euis.sutisna@depok.go.id)", "Euis Sutisna"),
    ("Narahubung: Fitri Setiawan (Humas Dinkes)", "Fitri Setiawan"),
    ("Contact person: Gregorius Manurung - 0812", "Gregorius Manurung"),
    ("Pembayaran: kartu kredit a.n. EUIS SUTISNA, total Rp 38.760.000", "EUIS SUTISNA"),
    ("Transfer berhasil ke rekening a.n. CECEP FIRMANSYAH", "CECEP FIRMANSYAH"),
    ("Kepala Dinas,\n\nSiti Marlina\nNIP. 19710101 199511 2 028", "Siti Marlina"),
    ("a.n. Sekretaris Jenderal\nKepala Biro Perencanaan,\n\nttd.\n\nNurul Gunawan\n", "Nurul Gunawan"),
    ("Hormat kami,\n\nTaufik Hidayatullah\n", "Taufik Hidayatullah"),
    ("SEKRETARIS DAERAH,\n\nHendra Gunawan\nNIP 19640111 198903 1 025", "Hendra Gunawan"),
    ("Plt. Kepala Badan,\n(Margaretha Simatupang)\nNIP 19700101 199503 2 001", "Margaretha Simatupang"),
    ("[09.12, 23/4/2021] Fitri Nugraha: Selamat pagi Pak, mau tanya.", "Fitri Nugraha"),
    ("[14.05, 3/8/2021] Wawan: siap mas", "Wawan"),
    ("23/04/21 09.12 - Joko Susilo: sudah sampai", "Joko Susilo"),
    ("Hendra Sopandi: Pak, ini isi .env untuk server produksi", "Hendra Sopandi"),
    ("From: Budi Kusmayadi <sekretariat@depok.go.id>", "Budi Kusmayadi"),
    ('"Rahmat Hidayat" <rahmat@example.com>', "Rahmat Hidayat"),
    ("hubungi Teguh Hermawan (Kasi Pelayanan) di 0812-5929-3035", "Teguh Hermawan"),
    ("Konfirmasi kehadiran kepada Dian Lestari (0812 1146 7493).", "Dian Lestari"),
    ("| No | Nama | NIK |\n|---|---|---|\n| 1 | Wulan Marlina | 3273********2181 |", "Wulan Marlina"),
    ("No\tNama Pegawai\tGol\n1\tIgnatius Karsono\tIII/b", "Ignatius Karsono"),
    ("no;nama;nik\n1;Benediktus Wahyudi;3273********0001", "Benediktus Wahyudi"),
    ("Demikian kami sampaikan, mohon arahan lebih lanjut.\nSiti Permana", "Siti Permana"),
    ("Wali Kota Bandung Yusuf Maulana berharap festival berjalan lancar.", "Yusuf Maulana"),
    ("1. Tuti Mulyadi    NIK 3273014905032115", "Tuti Mulyadi"),
]

EVASIONS = [
    ("Nama\u00a0: Dian\u00a0Setiawan", "Dian\u00a0Setiawan"),           # NBSP (NFKC makes it a space)
    ("Nama : Dian Setia\u200bwan", "Dian Setia\u200bwan"),               # zero-width space inside the name
    ("Nama\uff1a Rina Marpaung", "Rina Marpaung"),                       # full-width colon
    ("Nama : Dian Setiawan\r\nNIK : -\r\n", "Dian Setiawan"),
]

NEGATIVES = [
    "Kepada: Tim Layanan Perpustakaan",
    "Yth. Kepala Badan Kepegawaian Daerah",
    "Nama Wajib Retribusi   : Toko Sumber Rejeki",
    "Nama Kegiatan: Festival Kuliner Nusantara",
    "Jalan Dewi Sartika No. 5, Bandung",
    "Jl. Ahmad Yani Km 3",
    "RSUD dr. Soekardjo Tasikmalaya",
    "PT Solusi Data Nusantara",
    "Ibu Kota Negara",
    "Bapak/Ibu warga Kecamatan Sukajadi",
    "[09.15, 23/4/2021] Admin Dukcapil Sukajadi: Selamat pagi Bu.",
    "Status  : Diteruskan ke Kecamatan Coblong",
    "Kepala Dinas Kependudukan dan Pencatatan Sipil",
    "DINAS KEPENDUDUKAN DAN PENCATATAN SIPIL",
    "a.n. Sekretaris Jenderal",
    "Service Desk <servicedesk@depok.go.id>",
    "Rendang Kering Bu Haji",
    "Selamat Hari Jadi ke-211 Kota Bandung!",
    "#BandungPeduli #JumatBerkah",
    "Follow @Budi_Santoso",
]


@pytest.fixture(scope="module")
def analyzer():
    from dlp.analyze import Analyzer

    return Analyzer()


@pytest.fixture(scope="module")
def rec():
    from dlp.classifiers.person_recognizer import PersonRecognizer

    return PersonRecognizer(supported_language="id")


def _names(analyzer, text):
    return [f.text for f in analyzer.analyze_text(text) if f.entity_type == E]


@pytest.mark.parametrize("text,name", POSITIVES + EVASIONS)
def test_engine_finds_name(analyzer, text, name):
    assert name in _names(analyzer, text)


@pytest.mark.parametrize("text,name", POSITIVES)
def test_recognizer_alone(rec, text, name):
    assert name in [text[r.start:r.end] for r in rec.analyze(text, [E])]


@pytest.mark.parametrize("text", NEGATIVES)
def test_no_junk_name(analyzer, text):
    assert _names(analyzer, text) == []


def test_person_is_info(analyzer):
    from dlp.policy import Policy

    (f,) = [f for f in analyzer.analyze_text("Nama : Dian Setiawan") if f.entity_type == E]
    assert Policy.default().severity(f) == "info"
    assert f.reason["en"] and f.reason["id"]


@pytest.mark.parametrize("part,value,expected", [
    ("metadata:author", "Yuliani Santoso", ["Yuliani Santoso"]),
    ("metadata:last_modified_by", "Kornelius Sitanggang", ["Kornelius Sitanggang"]),
    ("metadata:author", "Tim Teknis", []),
    ("metadata:author", "Bidang Disiplin", []),
    ("metadata:last_modified_by", "Operator SIAK", []),
    ("metadata:title", "Notulen Rapat Persiapan Pameran", []),
])
def test_metadata_author(analyzer, part, value, expected):
    findings = analyzer.analyze([Chunk("Isi dokumen.", "body"), Chunk(value, part, part.split(":")[1])])
    assert [f.text for f in findings if f.entity_type == E and f.part == part] == expected


def test_cell_under_a_name_column(analyzer):
    chunks = [Chunk("Petugas", "sheet Jadwal!D1", "Tanggal"),
              Chunk("Kornelius Sitanggang", "sheet Jadwal!D2", "Petugas 11 Oktober 2021"),
              Chunk("Perekaman KTP-el", "sheet Jadwal!C2", "Layanan 11 Oktober 2021")]
    findings = analyzer.analyze(chunks)
    assert [(f.text, f.part) for f in findings if f.entity_type == E] == [("Kornelius Sitanggang", "sheet Jadwal!D2")]


def test_docx_table_through_the_scanner():
    """A real DOCX with names only in a table whose header is Nama."""
    docx = pytest.importorskip("docx")
    from dlp.pipeline import Scanner

    doc = docx.Document()
    doc.add_paragraph("Daftar peserta yang belum terjadwal.")
    table = doc.add_table(rows=3, cols=2)
    for row, (a, b) in zip(table.rows, [("Nama", "RW"), ("Kornelius Sitanggang", "01"), ("Rina Marpaung", "04")]):
        row.cells[0].text, row.cells[1].text = a, b
    buf = io.BytesIO()
    doc.save(buf)
    result = Scanner().scan_bytes(buf.getvalue(), "peserta.docx")
    names = {f.text for f in result.findings if f.entity_type == E}
    assert {"Kornelius Sitanggang", "Rina Marpaung"} <= names


def test_names_from_yaml_lists():
    from dlp.classifiers.person_recognizer import PersonRecognizer

    rec = PersonRecognizer(names={"given": ["zulaikha"], "family": [], "stop": ["dinas"], "place_prefix": []})
    text = "rapat bersama Zulaikha Amran di Dinas"
    assert [text[r.start:r.end] for r in rec.analyze(text, [E])] == ["Zulaikha Amran"]
