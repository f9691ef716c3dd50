"""ID_KK: 16-digit family-card numbers told apart from NIKs by their label."""
from __future__ import annotations

import datetime as dt

import pytest

import dlp_tests_classifiers_factories as F  # registered by conftest.py

D = dt.date


def found(analyzer, text, entity):
    return [f.text for f in analyzer.analyze_text(text) if f.entity_type == entity]

KK = F.make_kk("3273", 1, D(2015, 3, 12), serial=7)
KK2 = F.make_kk("3171", 6, D(2009, 11, 30), serial=1203)
NIK = F.make_nik("3273", 1, D(1985, 4, 23), female=True, serial=3)
NIK2 = F.make_nik("3171", 6, D(1960, 1, 2), serial=9)

POSITIVES = [
    (f"No. KK: {KK}", KK),
    (f"Nomor KK {KK2}", KK2),
    (f"Nomor Kartu Keluarga : {KK}", KK),
    (f"KK {F.spaced(KK)}", F.spaced(KK)),
    (f"no kk {KK[:6]}.{KK[6:12]}.{KK[12:]}", f"{KK[:6]}.{KK[6:12]}.{KK[12:]}"),
    (f"NKK={KK}", KK),
    (f"Kartu Keluarga\n{KK}", KK),                        # label on the line above (form, cell header)
    (f"{KK} (No. KK)", KK),                               # label after
    (f"No. KK: {KK}\nNIK: {NIK}", KK),
    ("No. KK: 9912011203150007", "9912011203150007"),     # labelled, structure fails: still reported
    (f"KK: {KK.replace('0', 'O')}", KK.replace("0", "O")),
]

# (text, number) pairs where the number must be a NIK, not a KK
NIK_NOT_KK = [
    (f"No. KK: {KK}\nNIK: {NIK}", NIK),
    (f"Nomor KK {KK} dan NIK kepala keluarga {NIK}", NIK),
    (f"{NIK}", NIK),
    (f"Kepala keluarga {NIK}", NIK),                       # "keluarga" alone is no KK label
    (f"No. KK: {KK}, {NIK}", NIK),                        # the label is used up by the first number
]

NEGATIVES = [
    "No. KK: 3273********0007",
    "KK 1234567890123456",
    "No. KK 9876543210987654",
    "Nomor KK: -",
]


@pytest.mark.parametrize("text,expected", POSITIVES)
def test_kk_found(analyzer, text, expected):
    assert expected in found(analyzer, text, "ID_KK")


@pytest.mark.parametrize("text,expected", POSITIVES)
def test_kk_not_also_nik(analyzer, text, expected):
    assert expected not in found(analyzer, text, "ID_NIK")


@pytest.mark.parametrize("text,nik", NIK_NOT_KK)
def test_nik_stays_nik(analyzer, text, nik):
    assert nik in found(analyzer, text, "ID_NIK")
    assert nik not in found(analyzer, text, "ID_KK")


@pytest.mark.parametrize("text", NEGATIVES)
def test_not_a_kk(analyzer, text):
    assert found(analyzer, text, "ID_KK") == []


def test_table_header_maps_columns(analyzer):
    text = ("No\tNama\tNIK\tNo. KK\n"
            f"1\tSiti Rahma\t{NIK}\t{KK}\n"
            f"2\tBudi Santoso\t{NIK2}\t{KK2}\n")
    findings = {(f.entity_type, f.text) for f in analyzer.analyze_text(text)}
    assert {("ID_NIK", NIK), ("ID_NIK", NIK2), ("ID_KK", KK), ("ID_KK", KK2)} <= findings


def test_table_header_maps_columns_kk_first(analyzer):
    text = ("Nomor KK        NIK               Nama\n"
            f"{KK}  {NIK}  Siti\n")
    findings = {(f.entity_type, f.text) for f in analyzer.analyze_text(text)}
    assert {("ID_NIK", NIK), ("ID_KK", KK)} <= findings


KK3 = F.make_kk("3273", 11, D(2018, 7, 23), serial=2576)   # its issue date passes as a birth date


@pytest.mark.parametrize("text, kinds", [
    # a column read by OCR (blank lines between) or a chat's list: every number takes the label
    (f"No. KK\n\n{KK}\n{KK2}\n\n{KK3}\n", {KK: "ID_KK", KK2: "ID_KK", KK3: "ID_KK"}),
    (f"NIK\n{NIK}\n{NIK2}\n\nNo. KK:\n{KK}\n{KK3}", {NIK: "ID_NIK", NIK2: "ID_NIK", KK: "ID_KK", KK3: "ID_KK"}),
    # a line holding more than the label, or a list item holding more than a number: structure decides
    (f"Daftar No. KK yang ditolak karena data ganda dengan penerima lain\n\n{KK}\n{KK3}", {KK3: "ID_NIK"}),
    (f"No. KK\n{KK}\nBudi {KK3}", {KK: "ID_KK", KK3: "ID_NIK"}),
    # an account column: no number of it is a NIK or a KK
    (f"No. Rekening\n{KK3}\n{NIK}", {KK3: None, NIK: None}),
])
def test_a_list_of_numbers_alone_takes_the_label_above_it(analyzer, text, kinds):
    got = {f.text: f.entity_type for f in analyzer.analyze_text(text) if f.entity_type in ("ID_KK", "ID_NIK")}
    assert {number: got.get(number) for number in kinds} == kinds


@pytest.mark.parametrize("head, sep", [("NO,NAMA,NO_KK,ALAMAT", ","), ("No;Nama;No. KK;Alamat", ";"),
                                       ("No\tNama\tNomor KK\tAlamat", "\t")])
def test_a_delimited_header_with_one_number_column_names_it(analyzer, head, sep):
    """A CSV export whose one number column is the KK: every row's number is a KK, not a NIK by structure."""
    rows = [sep.join([str(i), name, kk, "Jl. Mawar"]) for i, (name, kk) in enumerate([("Budi", KK), ("Siti", KK3)], 1)]
    got = {f.text: f.entity_type for f in analyzer.analyze_text("\n".join([head, *rows]))
           if f.entity_type in ("ID_KK", "ID_NIK")}
    assert got == {KK: "ID_KK", KK3: "ID_KK"}


def test_sql_dump_values_are_named_by_their_columns(analyzer):
    """mysqldump's extended insert (columns from CREATE TABLE) and an insert with its column list: a KK
    column after a NIK column holds KKs, whatever label stands nearest before a value."""
    text = ("CREATE TABLE `penduduk` (\n  `id` int(11) NOT NULL AUTO_INCREMENT,\n  `nik` char(16) NOT NULL,\n"
            "  `no_kk` char(16) NOT NULL,\n  `nama_lgkp` varchar(100) DEFAULT NULL,\n  PRIMARY KEY (`id`)\n);\n"
            f"INSERT INTO `penduduk` VALUES (1,'{NIK}','{KK}','Budi, S.Pd (guru)'),(2,'{NIK2}','{KK3}','Siti');\n"
            f"INSERT INTO `keluarga` (`no_kk`, `nik`, `nama`) VALUES ('{KK2}', '{NIK}', 'Budi');\n"
            f"INSERT INTO `catatan` VALUES (3,'{KK3}');\n")                  # a table of unknown columns
    got = [(f.entity_type, f.text) for f in analyzer.analyze_text(text) if f.entity_type in ("ID_NIK", "ID_KK")]
    assert got == [("ID_NIK", NIK), ("ID_KK", KK), ("ID_NIK", NIK2), ("ID_KK", KK3), ("ID_KK", KK2), ("ID_NIK", NIK),
                   ("ID_NIK", KK3)]


def test_sql_column_labels_survive_broken_statements():
    from dlp.classifiers._digits import sql_column_labels

    for text in ("INSERT INTO t (nik) VALUES ('3273", "CREATE TABLE t (nik char(16)", "insert into t values",
                 "INSERT INTO t (no_kk) VALUES ('32730112031500", "INSERT INTO t (nik) VALUES ('a''b\\'c', 1)"):
        sql_column_labels(text)  # no exception, whatever is cut off


# Delimited tables whose long numbers do not line up one for one with the header's number
# columns (an empty cell, a spaced card number, a short landline): read cell by cell.
CELL_TABLES = [
    # an empty NIK cell: the KK is the only long number of its row
    (f"No | Nama | NIK | No. KK | Alamat\n1 | Siti | | {KK} | Jl. Merdeka 10\n", [("ID_KK", KK)]),
    # a spaced card number and a short landline are no table tokens
    (f"No;Nama;NIK;No. KK;Kartu Kredit;Telp\n1;Budi;{NIK};{KK};4539 5521 6048 3717;(022) 2003456\n",
     [("ID_NIK", NIK), ("ID_KK", KK), ("CREDIT_CARD", "4539 5521 6048 3717"), ("PHONE_NUMBER", "(022) 2003456")]),
    (f"No\tNama\tNo. KK\tNIK\tTelp\n1\tSiti\t{KK2}\t{NIK2}\t0812 3456 7890\n",
     [("ID_KK", KK2), ("ID_NIK", NIK2), ("PHONE_NUMBER", "0812 3456 7890")]),
    # a number in a column without an ID label takes no column label: a valid NIK stays a NIK
    (f"No | NIK | No. KK | Keterangan\n1 | {NIK} | {KK} | pindahan dari {NIK2}\n",
     [("ID_NIK", NIK), ("ID_KK", KK), ("ID_NIK", NIK2)]),
]


@pytest.mark.parametrize("text, expected", CELL_TABLES)
def test_delimited_table_read_by_cell(analyzer, text, expected):
    got = [(f.entity_type, f.text) for f in analyzer.analyze_text(text) if f.entity_type != "PERSON"]
    assert got == expected


def test_uneven_delimiters_fall_back_to_counting_numbers(analyzer):
    # a comma inside a cell ("Santoso, S.T.") breaks the cell count: the long numbers are counted
    text = (f"No,Nama,NIK,No. KK\n1,Budi Santoso, S.T.,{NIK},{KK}\n")
    got = {(f.entity_type, f.text) for f in analyzer.analyze_text(text)}
    assert {("ID_NIK", NIK), ("ID_KK", KK)} <= got


def test_cell_header_context(analyzer):
    from dlp.models import Chunk

    findings = analyzer.analyze([Chunk(KK, "sheet Data!C2", context="No. KK"),
                                 Chunk(NIK, "sheet Data!D2", context="NIK")])
    assert {(f.entity_type, f.text, f.part) for f in findings} == {
        ("ID_KK", KK, "sheet Data!C2"), ("ID_NIK", NIK, "sheet Data!D2")}


def test_reason_says_issue_date(analyzer):
    (f,) = [f for f in analyzer.analyze_text(f"No. KK {KK}") if f.entity_type == "ID_KK"]
    assert "issued 12-03-15" in f.reason["en"] and "terbit" in f.reason["id"]


def test_recognizer_alone():
    from dlp.classifiers.id_kk_recognizer import IdKkRecognizer

    text = f"Nomor KK: {KK}"
    (r,) = IdKkRecognizer().analyze(text, ["ID_KK"])
    assert (r.start, r.end, r.entity_type) == (text.index(KK), len(text), "ID_KK")


# A joined label over a pair of numbers names them in its order; alone, the number decides.
PAIRS = [
    (f"KK/NIK : {KK} / {NIK}", [("ID_KK", KK), ("ID_NIK", NIK)]),
    (f"NIK/KK: {NIK}/{KK}", [("ID_NIK", NIK), ("ID_KK", KK)]),
    (f"No. KK / NIK: {KK2} / {F.spaced(NIK2)}", [("ID_KK", KK2), ("ID_NIK", F.spaced(NIK2))]),
    (f"NIK/KK: {NIK2} / {NIK}", [("ID_NIK", NIK2), ("ID_NIK", NIK)]),      # the second fails as a KK (day + 40): a NIK
    (f"KK/NIK: {KK}", [("ID_NIK", KK)]),                                   # one number: it fits a NIK first
    (f"KK/NIK: {KK}, {NIK}", [("ID_NIK", KK), ("ID_NIK", NIK)]),           # no pair without the slash
]


@pytest.mark.parametrize("text,expected", PAIRS)
def test_pair_under_a_joined_label(analyzer, text, expected):
    got = [(f.entity_type, f.text) for f in analyzer.analyze_text(text) if f.entity_type in ("ID_KK", "ID_NIK")]
    assert got == expected


BAD16 = "5705977821640736"  # 16 digits that fail the structure (no province 57)
NIK3 = F.make_nik("3205", 5, D(2014, 5, 24), serial=1164)
NIK4 = F.make_nik("1271", 10, D(1957, 12, 18), serial=1825)

# The line above a number names it only when it holds one kind of label and no number: a header row
# naming several columns is read by column, a data row's remark names nothing, nor does a later cell's.
ROWS_BELOW = [
    # a header row whose last label is another column's
    (f"nama_siswa,nik,nisn,kelas\nEko Sopandi,{NIK3},0143700864,5\n", [("ID_NIK", NIK3)]),
    (f"No Nama NIK Asal Sekolah NISN\n1 Budi Sihombing {NIK3} SDN Pekunden 01 0135546895\n", [("ID_NIK", NIK3)]),
    # a header row with one number label: a mistyped number in another column takes no NIK label
    (f"nim,nama_mahasiswa,nik,no_kip_kuliah,prodi\n2510826803150,Ratna,{NIK},{BAD16},Hukum\n", [("ID_NIK", NIK)]),
    # a NIK-shaped number under a NUPTK column is no NIK
    (f"nama,nuptk,nik\nBudi,{NIK2},{NIK}\n", [("ID_NIK", NIK)]),
    # a remark ending the row above, or in a later cell of the number's own row
    (f"1,Ridwan,{NIK2},Gagal - rekening pasif\n2,Rizki,{NIK4},KK ganda\n3,Fajar,{NIK},NIK tidak padan\n",
     [("ID_NIK", NIK2), ("ID_NIK", NIK4), ("ID_NIK", NIK)]),
    # still named by the line above: a label alone, or ending a line of prose
    (f"No. KK:\n{KK}\n", [("ID_KK", KK)]),
    (f"Mohon dicek nomor KK berikut:\n{KK}\n", [("ID_KK", KK)]),
    (f"{KK} (KK)\n", [("ID_KK", KK)]),
]


@pytest.mark.parametrize("text, expected", ROWS_BELOW)
def test_what_the_line_above_and_later_cells_name(analyzer, text, expected):
    got = [(f.entity_type, f.text) for f in analyzer.analyze_text(text) if f.entity_type != "PERSON"]
    assert got == expected


# A fixed-width table (a text report) whose rows cannot be counted against the header's labels (a
# hexadecimal NTPN is no long number): a number starting where a label starts is that label's.
def test_fixed_width_columns_name_their_numbers(analyzer):
    card_like = "364265558822614"  # a billing code that passes a card's check
    text = ("Tgl    Uraian                         Kode Billing      NTPN              Jumlah\n"
            f"29/05  PPh 22 belanja ATK             {card_like}   D81A2309FF3912A4   1.440.290\n"
            f"16/05  PPh 23 jasa konsultan          {card_like}   E284DB3DA9DBBBE5   4.708.175\n")
    assert [f for f in analyzer.analyze_text(text) if f.entity_type != "PERSON"] == []
    text = ("Tgl    Uraian          NIK               NTPN              Jumlah\n"
            f"29/05  Honor Budi      {NIK}  D81A2309FF3912A4   1.440.290\n")
    assert found(analyzer, text, "ID_NIK") == [NIK]


@pytest.mark.parametrize("text", [
    # a NIK starting under another column's label by chance, in a table of single blanks (a PDF's text)
    f"No Nama NIK Desa Nilai\n1 Kartika Permana {NIK} Cisurupan Rp 20.000.000\n",
    f"No Nama KPM NIK No. Rekening Nominal Status\n1 Intan Mulyani {NIK} 5332940404 Rp 600.000 Tersalur\n",
])
def test_no_column_by_chance_in_a_table_of_single_blanks(analyzer, text):
    assert found(analyzer, text, "ID_NIK") == [NIK]


def test_an_amount_column_does_not_break_the_column_count(analyzer):
    """'No Nama NIK No. KK Jumlah (Rp)': the amount's column holds no long number, so the row's numbers are
    counted against the number columns, and the KK column still names its number."""
    text = f"No Nama NIK No. KK Jumlah (Rp)\n1 Budi {NIK} {KK} 600.000\n2 Siti {NIK2} {KK2} 600.000\n"
    got = [(f.entity_type, f.text) for f in analyzer.analyze_text(text) if f.entity_type != "PERSON"]
    assert got == [("ID_NIK", NIK), ("ID_KK", KK), ("ID_NIK", NIK2), ("ID_KK", KK2)]


def test_a_numbered_tables_one_number_column_read_by_ocr(analyzer):
    """OCR reads a table's cells with single blanks: "No | Kepala Keluarga No. KK Desa" heads a numbered
    table whose one number column is the KK's, every row's, not only the first."""
    text = f"No | Kepala Keluarga No. KK Desa\n1 Wulan Permana {KK} Bojongsoang\n2 Fitria Rahmawati {KK2} Bojongsoang\n"
    assert found(analyzer, text, "ID_KK") == [KK, KK2]
    assert found(analyzer, text, "ID_NIK") == []
