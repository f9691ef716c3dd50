"""PERSON: names found from Indonesian conventions (honorifics, fields, signatures, tables, metadata)."""
from __future__ import annotations

import io

import pytest

from dlp.models import Chunk

E = "PERSON"

# (text, expected name)
POSITIVES = [
    ("kepada Bapak Slamet Riyadi, warga RW 07", "Slamet Riyadi"),
    ("terhadap Sdr. Arief Budiman, NIP 19880314 201403 1 007", "Arief Budiman"),
    ("Yth. Ibu Sulastri Wijayanti", "Sulastri Wijayanti"),
    ("Seorang pedagang, Ceu Imas, bercerita", "Imas"),
    ("terima kasih Pak Jajang", "Jajang"),
    ("Saudari Rina Marpaung hadir", "Rina Marpaung"),
    ("ujar Kepala Puskesmas Cibeunying, dr. Andika Pratomo, M.Kes.", "Andika Pratomo"),
    ("Disusun oleh Tatang Suprapto, S.Kom., M.T.", "Tatang Suprapto"),
    ("Drs. H. Ahmad Syarifudin", "Ahmad Syarifudin"),
    ("Nama Lengkap       : RIZAL FAUZAN", "RIZAL FAUZAN"),
    ("Nama    : Herlina Situmorang\nUnit    : Bagian Umum", "Herlina Situmorang"),
    ("Nama lengkap     : Nenden Rahayu", "Nenden Rahayu"),
    ("Pelapor : Ujang Suparman\nIsi     : aduan", "Ujang Suparman"),
    ("Nama Pemohon: Yohanes Sitorus", "Yohanes Sitorus"),
    ("Penulis   : Rosmala Dewi", "Rosmala Dewi"),
    ("Dari   : Wahyuni Astuti", "Wahyuni Astuti"),
    ("Dipesan oleh: Ida Rosida (ida.rosida@sumedangkab.go.id)", "Ida Rosida"),
    ("Narahubung: Galih Permadi (Humas Dishub)", "Galih Permadi"),
    ("Contact person: Gregorius Manurung - 0812", "Gregorius Manurung"),
    ("Tagihan: kartu kredit a.n. YAYAN SURYANA, total Rp 12.485.000", "YAYAN SURYANA"),
    ("Transfer berhasil ke rekening a.n. DEDEN MULYANA", "DEDEN MULYANA"),
    ("Kepala Dinas,\n\nNurhayati Lubis\nNIP. 19730615 199803 2 004", "Nurhayati Lubis"),
    ("a.n. Sekretaris Daerah\nKepala Bagian Hukum,\n\nttd.\n\nIrwan Setiadi\n", "Irwan Setiadi"),
    ("Hormat kami,\n\nTaufik Hidayatullah\n", "Taufik Hidayatullah"),
    ("SEKRETARIS DAERAH,\n\nHeru Santika\nNIP 19660820 199003 1 012", "Heru Santika"),
    ("Plt. Kepala Badan,\n(Margaretha Simatupang)\nNIP 19700101 199503 2 001", "Margaretha Simatupang"),
    ("[10.47, 6/9/2022] Anisa Rahmawati: Permisi Bu, boleh bertanya?", "Anisa Rahmawati"),
    ("[16.20, 12/1/2023] Dadan: oke siap", "Dadan"),
    ("17/11/22 13.05 - Joko Susilo: sudah sampai", "Joko Susilo"),
    ("Bayu Anggara: Bu, ini konfigurasi server staging", "Bayu Anggara"),
    ("From: Agung Wicaksono <sekretariat@sumedangkab.go.id>", "Agung Wicaksono"),
    ('"Rahmat Hidayat" <rahmat@example.com>', "Rahmat Hidayat"),
    ("hubungi Yudi Kurniadi (Kasi Perizinan) di 0813-7741-2058", "Yudi Kurniadi"),
    ("Konfirmasi kehadiran kepada Ratih Kusuma (0857 3309 6124).", "Ratih Kusuma"),
    ("| No | Nama | NIK |\n|---|---|---|\n| 1 | Sekar Ayuningtyas | 3204********0417 |", "Sekar Ayuningtyas"),
    ("No\tNama Pegawai\tGol\n1\tIgnatius Karsono\tIII/b", "Ignatius Karsono"),
    ("no;nama;nik\n1;Benediktus Wahyudi;3273********0001", "Benediktus Wahyudi"),
    ("Atas perhatian Bapak, kami ucapkan terima kasih.\nRini Oktaviani", "Rini Oktaviani"),
    ("Bupati Kuningan Fahmi Nugroho meminta warga tetap waspada.", "Fahmi Nugroho"),
    ("1. Titin Hasanah    NIK 3204115408023187", "Titin Hasanah"),
]

# An office (Dinas, Badan, Kantor, Kementerian) is never named after a person: a titled name, or a
# name with a degree, after it is the holder of the post.
POSTS = [
    ("Kepala Dinas Drs. H. Ahmad Yani, M.Si.", "Ahmad Yani"),
    ("Sambutan Kepala Dinas, Drs. H. Ahmad Yani, M.Si.", "Ahmad Yani"),
    ("Kepala Dinas Budi Santoso, M.Si.", "Budi Santoso"),
    ("Kepala Badan Dr. Ir. Hendra Gunawan", "Hendra Gunawan"),
    ("Kepala Dinas Kesehatan Drs. Budi Santoso", "Budi Santoso"),
]

EVASIONS = [
    ("Nama\u00a0: Fikri\u00a0Ramadhan", "Fikri\u00a0Ramadhan"),           # NBSP (NFKC makes it a space)
    ("Nama : Fikri Rama\u200bdhan", "Fikri Rama\u200bdhan"),               # zero-width space inside the name
    ("Nama\uff1a Rina Marpaung", "Rina Marpaung"),                       # full-width colon
    ("Nama : Fikri Ramadhan\r\nNIK : -\r\n", "Fikri Ramadhan"),
    # keys of a database export, JSON or YAML: snake case, quoted keys and values
    ("nama_lengkap: Benediktus Wahyudi", "Benediktus Wahyudi"),
    ('{"id": 7, "full_name": "Ignatius Karsono", "nik": "-"}', "Ignatius Karsono"),
    ("  nama: 'Maruli Tua Simanjuntak'", "Maruli Tua Simanjuntak"),
]

NEGATIVES = [
    "Sandi WiFi lt.3: RapatSetda2024!",          # a network's password, not a chat participant named Sandi
    "Sandi Wifi: Rapat2024",
    "Kepada: Tim Pengelola Arsip Dinamis",
    "Yth. Kepala Badan Pendapatan Daerah",
    "Nama Wajib Pajak    : Kios Maju Bersama",
    "Nama Kegiatan: Pameran Batik Priangan",
    "Jalan Dewi Sartika No. 5, Bandung",
    "Jl. Ahmad Yani Km 3",
    "Jalan H. Ahmad Yani No. 5",                # a street named after a titled person stays a street
    "Kantor Dinas Kesehatan, Jl. KH. Ahmad Dahlan",
    "Yayasan KH. Ahmad Dahlan",
    "RSUD dr. Soekardjo Tasikmalaya",
    "PT Mitra Teknologi Persada",
    "Ibu Kota Negara",
    "Bapak/Ibu warga Kelurahan Sukamaju",
    "[08.40, 6/9/2022] Admin Samsat Cibinong: Selamat siang Pak.",
    "Status  : Dilimpahkan ke Kelurahan Babakan",
    "Kepala Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu",
    "DINAS PERUMAHAN DAN KAWASAN PERMUKIMAN",
    "a.n. Kepala Dinas",
    "Help Desk <helpdesk@sumedangkab.go.id>",
    "Nasi Liwet Bu Haji",
    "Selamat Hari Jadi ke-78 Kabupaten Sumedang!",
    "#GarutBangkit #SabtuBersih",
    "Follow @Budi_Santoso",
]


@pytest.fixture(scope="module")
def rec():
    from dlp.classifiers.person_recognizer import PersonRecognizer

    return PersonRecognizer(supported_language="id")


def _names(analyzer, text):
    return [f.text for f in analyzer.analyze_text(text) if f.entity_type == E]


@pytest.mark.parametrize("text,name", POSITIVES + EVASIONS + POSTS)
def test_engine_finds_name(analyzer, text, name):
    assert name in _names(analyzer, text)


@pytest.mark.parametrize("text,name", POSITIVES)
def test_recognizer_alone(rec, text, name):
    assert name in [text[r.start:r.end] for r in rec.analyze(text, [E])]


# A title between the honorific and the name is no name of its own: only the name is reported.
TITLED = [
    ("Kepada Yth. Bapak Drs. H. Ahmad Fauzi, M.Si.", ["Ahmad Fauzi"]),
    ("Yth. Ibu Dra. Siti Aminah", ["Siti Aminah"]),
    ("Bapak Prof. Budi Santoso hadir", ["Budi Santoso"]),
    ("Ibu Hj. Ratna Sari", ["Ratna Sari"]),
]


# A greeting before "Pak"/"Bu" in chats and e-mails starts the run of capitalised words.
GREETED = [
    ("Halo Pak Bambang, data sudah saya kirim", ["Bambang"]),
    ("Selamat Pagi Bu Rina Kartika,", ["Rina Kartika"]),
    ("Siap Pak Dedi.", ["Dedi"]),
    ("Assalamualaikum Bu Rina, berikut datanya", ["Rina"]),
    ("Gedung Ibu Kota Nusantara", []),
    ("Mohon Bapak Ibu Hadir", []),
]


# One name after an abbreviated honorific with its dot (two or more words make a run of their own).
GREETED += [
    ("Sdr. Galih hadir", ["Galih"]),
    ("1. Sdr. Fajar – 0812 2207 4518", ["Fajar"]),
    ("Ketua RW 05 Sdri. Endang.", ["Endang"]),
    ("Bpk. Dedi", ["Dedi"]),
    ("Sdr. Kepala Dinas", []),
    ("Terima kasih, Bu. Baik, saya kirim sekarang.", []),   # a full word's dot may end a sentence
    ("27/11/26 10.12 - Perawat IGD: rujukan Ny. Onah, 65 th", ["Onah"]),   # Nyonya, Tuan: medical records
    ("Pasien Tn. Sardi, 58 th", ["Sardi"]),
]

# After a colon that ends no field label (a chat's sender, a heading), a name is found as anywhere;
# after a label, the field's own rules decide.
GREETED += [
    ("11/27/26, 9:17 AM - Rini BPBD: Siti Aminah / 3578015111831088", ["Siti Aminah"]),
    ("Pesan: Siti Aminah sudah datang", ["Siti Aminah"]),
    ("27/11/26 07.46 - +62 878-651-7374: Nama ibu: Rina Marlina", ["Rina Marlina"]),   # a label after a sender
    ("27/11/26 07.47 - +62 878-651-7374: anak: Muhammad Rafka, lahir 2 juni", ["Muhammad Rafka"]),
    ("Perihal: Undangan Rapat Koordinasi", []),
    ("Tempat: Aula Siti Hajar", []),
]

# A name alone on its line above its NIK's ("Warsa Sutisna" / "NIK: ..."): a list of records in a chat;
# what else stands above a NIK line (a form's heading, a card's header) is no name.
GREETED += [
    ("08:14\nWarsa Sutisna\nNIK: 3206021909581908\nEngkom Komariah\nNIK: 3206086307551608",
     ["Warsa Sutisna", "Engkom Komariah"]),
    ("Identitas Pelapor\nNIK: 3206021909581908", []),
    ("PROVINSI JAWA BARAT\nKABUPATEN TASIKMALAYA\nNIK : 3206021909581908", []),
    ("Surat Keterangan Domisili\nNIK: 3206021909581908", []),
]


@pytest.mark.parametrize("text,names", GREETED)
def test_greeting_before_honorific(analyzer, text, names):
    assert _names(analyzer, text) == names


@pytest.mark.parametrize("text,names", TITLED)
def test_title_after_honorific_is_no_name(analyzer, text, names):
    assert _names(analyzer, text) == names


@pytest.mark.parametrize("text", NEGATIVES)
def test_no_junk_name(analyzer, text):
    assert _names(analyzer, text) == []


def test_person_is_info(analyzer):
    from dlp.policy import Policy

    (f,) = [f for f in analyzer.analyze_text("Nama : Fikri Ramadhan") if f.entity_type == E]
    assert Policy.default().severity(f) == "info"
    assert f.reason["en"] and f.reason["id"]


@pytest.mark.parametrize("part,value,expected", [
    ("metadata:author", "Lusiana Hartono", ["Lusiana Hartono"]),
    ("metadata:last_modified_by", "Kornelius Sitanggang", ["Kornelius Sitanggang"]),
    ("metadata:author", "Tim Teknis", []),
    ("metadata:author", "Bidang Disiplin", []),
    ("metadata:last_modified_by", "Operator SIAK", []),
    ("metadata:title", "Notulen Rapat Evaluasi Anggaran", []),
])
def test_metadata_author(analyzer, part, value, expected):
    findings = analyzer.analyze([Chunk("Isi dokumen.", "body"), Chunk(value, part, part.split(":")[1])])
    assert [f.text for f in findings if f.entity_type == E and f.part == part] == expected


def test_cell_under_a_name_column(analyzer):
    chunks = [Chunk("Petugas", "sheet Jadwal!D1", "Tanggal"),
              Chunk("Kornelius Sitanggang", "sheet Jadwal!D2", "Petugas 27 Maret 2023"),
              Chunk("Perekaman KTP-el", "sheet Jadwal!C2", "Layanan 27 Maret 2023")]
    findings = analyzer.analyze(chunks)
    assert [(f.text, f.part) for f in findings if f.entity_type == E] == [("Kornelius Sitanggang", "sheet Jadwal!D2")]


def test_cell_under_a_name_header_is_no_signature(analyzer):
    """A cell whose column header ("Nama") stands on the line above it reads as a name column, not
    as a signature block (both put a name on a line of its own under a cue)."""
    findings = analyzer.analyze([Chunk("Kornelius Sitanggang", "sheet Data!A2", "Nama")])
    assert [(f.text, f.reason["en"]) for f in findings if f.entity_type == E] == [
        ("Kornelius Sitanggang", "Person's name in a name column")]
    signed = analyzer.analyze_text("Hormat kami,\nKepala Bidang,\n\nKornelius Sitanggang\nNIP 19850423 201001 1 001")
    assert [f.reason["en"] for f in signed if f.entity_type == E] == ["Person's name in a signature block"]


def test_docx_table_through_the_scanner():
    """A real DOCX with names only in a table whose header is Nama."""
    docx = pytest.importorskip("docx")
    from dlp.pipeline import Scanner

    doc = docx.Document()
    doc.add_paragraph("Daftar pegawai yang belum mengikuti pelatihan.")
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


# "|" tables: the name column is read in one match per row, and a name alone in its cell skips the run
# checks; what stands in the cell around the name still decides (a degree, an honorific, "a.n." outrank
# the column).  (text, name, English reason)
PIPE_TABLES = [
    ("No | NIK | Nama\n1 | 3204********0001 | Yosef Manalu", "Yosef Manalu", "Person's name in a name column"),
    ("| No | Nama Petugas | Shift |\n|:--|:--|:--|\n| 1 | Andreas Tambunan | pagi |\n"
     "| 2 | Lusiana Hutagalung | malam |", "Lusiana Hutagalung", "Person's name in a name column"),
    ("|\u00a0No\u00a0| Nama |\n| 1 |\u2003Hendra Gunawan\u2003|", "Hendra Gunawan",
     "Person's name in a name column"),
    ("| Nama | Jabatan |\n| Dewi Anggraini, S.Kom. | Analis |", "Dewi Anggraini",
     "Person's name with a title or degree"),
    ("| No | Nama |\n| 1 | Ibu Wulan Sari |", "Wulan Sari", "Person's name after an honorific"),
    ("| No | Nama |\n| 1 | a.n. Bambang Sutrisno |", "Bambang Sutrisno", "Account holder's name (a.n.)"),
]


@pytest.mark.parametrize("text,name,why", PIPE_TABLES)
def test_pipe_table_cells(rec, text, name, why):
    found = {text[r.start:r.end]: r.recognition_metadata["dlp_reason"]["en"] for r in rec.analyze(text, [E])}
    assert found.get(name) == why


@pytest.mark.parametrize("text", [
    "| No | Nama |\n| 1 | Dinas Sosial Kota |",
    "| No | Nama |\n|---|---|\n| 1 | - |",
    "| Nama | Jumlah |\n| A. B. | 3 |",
])
def test_pipe_table_cells_without_a_name(rec, text):
    assert rec.analyze(text, [E]) == []


# The run pass scans a byte "shape" of the text (RUN_SHAPE): it must find exactly RUN's runs, whatever
# stands around them (letters beyond ASCII, apostrophes, hyphens, capitals inside words, odd blanks).
@pytest.mark.parametrize("text", [
    "Budi Santoso dan Siti Rahmawati",
    "xBudi Santoso, NIP ABC Def",
    "O'Neil Abdul-Rahman bin Yusuf",
    "Élodie Santoso dan Ümit Wijaya; André Lubis",
    "İbrahim Hasan\u00a0Nasution  Dewi Lestari",
    "\u212aelvin Budi Santoso?Agus Wijaya",
    "DAFTAR PENERIMA TUNJANGAN\n1 | Budi Santoso | NIK",
    "Rina-Marpaung Budi' Santoso- Nur",
    "\ud800Budi Santoso",
    "A B Cd Ef",
])
def test_run_shape_finds_the_runs(text):
    from dlp.classifiers.person_recognizer import RUN, RUN_SHAPE, SHAPE

    shape = text.encode("latin-1", "replace").translate(SHAPE)
    assert len(shape) == len(text)
    assert [m.span() for m in RUN_SHAPE.finditer(shape)] == [m.span() for m in RUN.finditer(text)]


# Names after a list number or a table row's first cells take the short path of the run pass; what
# follows the name still decides.  (text, name or None, English reason)
NUMBERED_ROWS = [
    ("1. Budi Santoso, NIP 19880314 201403 1 007", "Budi Santoso", "Person's name (common Indonesian name)"),
    ("12) Agus Wijaya, S.Kom.", "Agus Wijaya", "Person's name with a title or degree"),
    ("3 | Dewi Lestari <dewi.lestari@contoh.go.id>", "Dewi Lestari", "Display name of an e-mail address"),
    ("| 4 | Rina Marpaung | 0812", "Rina Marpaung", "Person's name (common Indonesian name)"),
    ("5. Kota Bandung", None, None),
    ("6. Kepala Dinas Sosial", None, None),
]


@pytest.mark.parametrize("text,name,why", NUMBERED_ROWS)
def test_numbered_rows(rec, text, name, why):
    found = {text[r.start:r.end]: r.recognition_metadata["dlp_reason"]["en"] for r in rec.analyze(text, [E])}
    if name is None:
        assert found == {}
    else:
        assert found.get(name) == why


# A header cell naming people may stand anywhere in a ";" / "," row; prose with commas is no header.
@pytest.mark.parametrize("text,names", [
    ("no;nik;nama\n1;3273********0001;Benediktus Wahyudi", ["Benediktus Wahyudi"]),
    ("NIK, Gol, *Nama Pegawai*\n3273********0001, III/b, Ignatius Karsono", ["Ignatius Karsono"]),
    ("Data pegawai, sesuai daftar, telah diverifikasi\nsetelah itu, kami, Ignatius Karsono", []),
    ("no,nama_lengkap,nik\n1,Benediktus Wahyudi,3273********0001", ["Benediktus Wahyudi"]),  # snake case
    ("id,nama_file,ukuran\n1,Benediktus Wahyudi,12 KB", []),
])
def test_delimited_header_anywhere(rec, text, names):
    assert [text[r.start:r.end] for r in rec.analyze(text, [E])] == names


# One name after an abbreviated honorific is found by the run pass's own scan (RUN_DOT_SHAPE), alone or
# where the abbreviation ends a run of capitalised words; as HON_DOT_ONE.finditer, a match hides the
# next one inside it ("Sdr. Bpk" is no name, and "Bpk. Dedi" starts inside it).
@pytest.mark.parametrize("text,names", [
    ("Kepada Yth Bpk. Dedi hadir", ["Dedi"]),
    ("Ketua Panitia Ab-Sdr. Galih", ["Galih"]),
    ("Bapak Sdri. Endang", ["Endang"]),
    ("Budi Santoso Sdr. Galih.", ["Budi Santoso", "Galih"]),
    ("Undangan untuk Sdr. Bpk. Dedi", []),
    ("SDR. Galih hadir", []),
    ("Salam, Bu. Baik", []),
])
def test_one_name_after_honorific_in_the_run_scan(rec, text, names):
    assert [text[r.start:r.end] for r in rec.analyze(text, [E])] == names


# RUN_DOT_SHAPE, what the run pass scans: RUN's runs, plus single capitalised words with a dot after them.
@pytest.mark.parametrize("text", [
    "Budi Santoso dan Siti Rahmawati. Yth. Bapak Drs. H. Agus",
    "Kepada Yth Bpk. Dedi, Sdr. Galih; NIP. 1988 Ir. Joko Ab-Sdri. Rina",
    "Élodie Santoso. Ümit Wijaya.\nA. B. Cd. Ef Gh.",
    "O'Neil Abdul-Rahman bin Yusuf. Dr.",
])
def test_run_dot_shape(text):
    import re

    from dlp.classifiers.person_recognizer import RUN, RUN_DOT_SHAPE, SHAPE

    shape = text.encode("latin-1", "replace").translate(SHAPE)
    found = [m.span() for m in RUN_DOT_SHAPE.finditer(shape)]
    runs = [m.span() for m in RUN.finditer(text)]
    assert [(s, e) for s, e in found if text[e - 1] != "."] == runs
    words = [(s, e) for s, e in found if text[e - 1] == "."]
    assert words, "the texts hold capitalised words before a dot"
    for s, e in words:
        assert re.fullmatch(r"[A-Z][A-Za-z'\-]+\.", text[s:e])
        assert not any(a <= s < b for a, b in runs)


# _pipe_cell finds in place the cell _cell finds by splitting the row (blanks around it aside).
@pytest.mark.parametrize("row", [
    "1 | Budi Santoso | 3171 | x",
    "| 2 | Siti | 0812 |",
    "  | 3 |  Agus Wijaya  |",
    "|| 4 | Dewi |",
    "5 | | Rina",
    "6",
    "\t| 7 | Joko",
    "| 8 |",
])
@pytest.mark.parametrize("col", [0, 1, 2, 3])
def test_pipe_cell_is_cell(row, col):
    from dlp.classifiers.person_recognizer import _cell, _pipe_cell

    text = "x\n" + row + "\ny"
    la, lb = 2, 2 + len(row)
    got = _pipe_cell(text, la, lb, col)
    want = _cell(row, "|", col)
    if want is None or want[0] == want[1]:  # no cell, or an empty one: no name either way
        assert got is None or not text[got[0]:got[1]].strip()
    else:
        assert got is not None
        cell = text[got[0]:got[1]]
        lead = len(cell) - len(cell.lstrip())
        assert (got[0] + lead - la, got[0] + len(cell.rstrip()) - la) == want


# The comma scan the table pass starts for a comma-separated row also finds the degree hints
# (COMMA_CUES = DEGREE_HINT and HEADER_CELL_AFTER[","] in one); "nama"/"name" are found by str.find.
@pytest.mark.parametrize("text", [
    "Agus, S.Kom., Budi, MM, Nama, no, Petugas, Pasien,Staff , Kepala Dinas, A.Md, Ph.D",
    "kami mohon, atas perhatian, nama pemohon, SE, ST , SH, narahubung, *Nama*:x",
    "Tatang Suprapto, S.Kom., M.T.\nNAMA, NAME, namanya, rename, penamaan",
])
def test_comma_cues_and_nama(text):
    import re

    from dlp.classifiers.person_recognizer import COMMA_CUES, DEGREE_HINT, HEADER_CELL_AFTER, _nama_name

    found = list(COMMA_CUES.finditer(text))
    assert [m.start() for m in found if not m.lastindex] == [m.start() for m in DEGREE_HINT.finditer(text)]
    assert [(m.start(), m.end(1)) for m in found if m.lastindex] == \
        [m.span() for m in HEADER_CELL_AFTER[","].finditer(text)]
    low = text.lower()
    assert _nama_name(low) == [m.start() for m in re.finditer("nam[ae]", low)]


# _may_be_degree is the cheap test before DEGREE_AT: it may say yes too often, never no where the regex
# matches (every writing of a degree after a comma, with no, one or two blanks).
DEGREE_WRITINGS = ["S.Kom.", "S. Kom", "M.Si.", "S.E.", "SE", "SH", "ST", "MM", "MH", "MT", "MA", "MSi", "SKom", "SPd",
                   "SIP", "SSos", "D3.Kom", "D4. Ak", "D.Kes", "A.Md.", "A. Md", "Amd", "Ak.", "Apt.", "Ph.D.", "Ph. D",
                   "MBA", "MPA", "M.Sc.", "MSc", "B.Sc.", "CPA", "Sp.PD", "Sp. A(K)", "Ns.", "Lc."]


@pytest.mark.parametrize("degree", DEGREE_WRITINGS)
@pytest.mark.parametrize("gap", ["", " ", "\t", "  ", " \t "])
def test_may_be_degree_never_misses_one(degree, gap):
    from dlp.classifiers.person_recognizer import DEGREE_AT, _may_be_degree

    text = f"Rina Siregar,{gap}{degree} hadir"
    assert DEGREE_AT.match(text, 12), "the table holds degrees the regex knows"
    assert _may_be_degree(text, 12)


@pytest.mark.parametrize("after", [", NIP 1990", ", NIK 3273", ", HP 0812", ", surel x@y.id", ",Kepala", ", Sekretaris",
                                   ", MALANG", ", Bandung", ", Apel", ",", ", "])
def test_may_be_degree_skips_what_follows_a_list_name(after):
    from dlp.classifiers.person_recognizer import DEGREE_AT, _may_be_degree

    text = "Rina Siregar" + after
    assert not DEGREE_AT.match(text, 12)
    assert not _may_be_degree(text, 12) or after in (", MALANG", ", Sekretaris", ", Apel")


# Names none of whose words is a common given name, found from what stands around them: an abbreviated
# honorific or title with its dot, the person's own NIK or NIP after the name, a form's "Nama<TAB>value" row.
UNLISTED = [
    ("Menerangkan bahwa Sdri. Pratiwi Handayani adalah warga kami.", ["Pratiwi Handayani"]),
    ("Kepada Yth. Sdr. Yohanes Wijanarko", ["Yohanes Wijanarko"]),
    ("Dipimpin oleh Drs. Paulus Wijanarko", ["Paulus Wijanarko"]),
    ("Kepada Yth Dr. Paulus Wijanarko", ["Paulus Wijanarko"]),
    ("Hadir Ir. Gregorius Manurung dan Hj. Siti Rohmah", ["Gregorius Manurung", "Siti Rohmah"]),
    ("Tn. Hendrik Pattiasina, 54 tahun", ["Hendrik Pattiasina"]),
    ("Bapak/Ibu Lilis Hakim hadir", ["Lilis Hakim"]),                      # the honorific for either
    ("1. Bpk/Ibu Kurniawan Anggraeni - No. KK 3578030302158336", ["Kurniawan Anggraeni"]),
    ("lihat https://contoh.go.id/Ibu Lilis", []),                         # a path, no honorific
    ("Menerangkan bahwa Pratiwi Handayani NIK 3471024710931652 adalah warga kami.", ["Pratiwi Handayani"]),
    ("Koordinator lapangan: Heru Setiawan, NIK 3578032209952941", ["Heru Setiawan"]),
    ("Koordinator lapangan: Yohanes Wijanarko (NIP 198504232010011001)", ["Yohanes Wijanarko"]),
    ("Gregorius Manurung/NIK 3273022106822104", ["Gregorius Manurung"]),
    ("Pengajuan baru diterima:\nNama\tNi Made Ayu Lestari\nNIK\t5171014802001426", ["Ni Made Ayu Lestari"]),
    ("Nama Pemohon\tYohanes Wijanarko\nAlamat\tJl. Merdeka 4", ["Yohanes Wijanarko"]),
    # a street, a hospital or a university named after a titled person; words before an ID that name no one
    ("Alamat: Jl. Dr. Sutomo Raya No. 5", []),
    ("dirujuk ke RSUD Dr. Soetomo Surabaya", []),
    ("Jalan Dr. Wahidin Sudirohusodo", []),
    ("Data Kependudukan NIK 3273022106822104", []),
    ("Surat Keterangan Domisili NIK: 3273022106822104", []),
    ("Kepala Bidang Pelayanan NIP 198504232010011001", []),
    # a header row of two columns is no "Nama<TAB>value" row
    ("Nama\tTelp\nSiti\t0813-1111-2222", ["Siti"]),
    ("Jabatan\tKepala Seksi\nUnit\tBagian Umum", []),
    ("Nama Kegiatan\tRapat Koordinasi", []),
]


@pytest.mark.parametrize("text,names", UNLISTED)
def test_names_found_from_their_surroundings(analyzer, text, names):
    assert [n for n in _names(analyzer, text)] == names
