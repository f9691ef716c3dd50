"""Build the sample drafts and attachments in this folder (synthetic data only).

    python samples/make_samples.py

Each file is made with the library an office would use (see
``tests/extract/factories.py``); README.md lists them with the verdict the
default policy gives.  Re-running rewrites them (PDF dates and zip times
change, the content does not).
"""
from __future__ import annotations

import importlib.util
import pathlib

HERE = pathlib.Path(__file__).resolve().parent
_spec = importlib.util.spec_from_file_location("dlp_samples_factories",
                                               HERE.parent / "tests" / "extract" / "factories.py")
f = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(f)

NIK_A = f.make_nik("327301", 23, 4, 1985, serial=12)
NIK_B = f.make_nik("327305", 7, 11, 1990, female=True, serial=3)
NIK_C = f.make_nik("327309", 14, 2, 1978, serial=41)


def samples() -> dict[str, bytes]:
    out: dict[str, bytes] = {}
    out["memo-kontak.txt"] = (
        "Memo internal Bagian Umum\n\nRapat persiapan pameran dipindah ke Ruang Rapat 2.\n"
        f"Konfirmasi kehadiran ke Budi (HP {f.PHONE}) atau e-mail {f.EMAIL} paling lambat Jumat.\n"
    ).encode("utf-8")
    out["daftar-penerima-utf16.txt"] = (
        "Daftar penerima bantuan yang berkasnya belum lengkap\n\n"
        f"1. Asep Saepudin - NIK {NIK_A}\n2. Neneng Rahayu - NIK {NIK_B}\n3. Dedi Kurnia - NIK {NIK_C}\n"
    ).encode("utf-16")
    out["pengumuman-cp1252.txt"] = (
        "Pengumuman \u2013 \u201cPekan Literasi\u201d di Taman Baca Caf\u00e9 Sukajadi\n"
        "\u2022 Kegiatan terbuka untuk umum, gratis.\n\u2022 Tempat duduk \u00b1 80 kursi.\n"
    ).encode("cp1252")
    out["rekap-bantuan.csv"] = (
        "no,nama,nik,kelurahan\n"
        f"1,Asep Saepudin,{NIK_A},Cipedes\n2,Neneng Rahayu,{NIK_B},Sukajadi\n3,Dedi Kurnia,{NIK_C},Cipedes\n"
    ).encode("utf-8")
    out["catatan-rapat.md"] = (
        "# Catatan rapat koordinasi pameran UMKM\n\n- Kuota stan terbatas, 40 stan.\n"
        "- Desain poster oleh tim humas.\n- Rapat berikutnya Senin pukul 09.00.\n"
    ).encode("utf-8")
    out["layanan-pengaduan.html"] = f.html_page()
    pdf_attachment = f.pdf_document([f"Formulir permohonan\nNama: Neneng Rahayu\nNIK: {NIK_B}"],
                                     author="Loket Pelayanan", title="Formulir", subject="Permohonan",
                                     keywords="formulir")
    out["tiket-permohonan.eml"] = f.eml_message(pdf_attachment, "formulir-permohonan.pdf")
    out["laporan-kegiatan.pdf"] = f.pdf_document(
        ["Laporan kegiatan pameran UMKM tahun ini berjalan lancar dengan 40 peserta.",
         "Rekomendasi: tambah stan kuliner."],
        author=f"Budi Santoso <{f.EMAIL}>", title="Laporan Kegiatan", subject="Pameran", keywords="laporan")
    out["laporan-terpotong.pdf"] = f.pdf_truncated(f.pdf_document(["Laporan triwulan II."]))
    out["anggaran-terkunci.pdf"] = f.pdf_encrypted(f.pdf_document(["Rekap anggaran."]))
    memo = f.docx_full(deleted=NIK_A, inserted="(lihat lampiran)", textbox="Paraf: Kasubbag",
                       alt="Logo dinas", footnote="Sumber: data kelurahan", link="arsip@contoh.go.id")
    out["nota-dinas-terbatas.docx"] = memo
    out["rekap-pemohon.xlsx"] = f.xlsx_shared_strings(f.xlsx_workbook(
        rows=[["Rekap pemohon per kelurahan"], ["Kelurahan", "Jumlah"], ["Cipedes", 12], ["Sukajadi", 9]],
        hidden_sheet={"name": "Data Mentah", "rows": [["Nama", "NIK"], ["Asep Saepudin", NIK_A],
                                                       ["Neneng Rahayu", NIK_B]]},
        author="Operator Kelurahan", title="Rekap Pemohon"))
    out["paparan-rapat.pptx"] = f.pptx_deck(
        slides=[("Persiapan Pameran UMKM", "Jadwal, tempat, peserta"), ("Anggaran", "Sesuai DPA")],
        notes=f"Narahubung panitia: Budi, {f.PHONE}", author="Tim Humas")
    inner = f.zip_archive({"daftar/rekap-bantuan.csv": out["rekap-bantuan.csv"]})
    out["berkas-usulan.zip"] = f.zip_archive({"usulan/catatan-rapat.md": out["catatan-rapat.md"],
                                              "usulan/lampiran.zip": inner})
    out["notulen-rapat.rtf"] = f.rtf_document(
        "Notulen rapat persiapan pameran UMKM\nHadir: tim humas dan bagian umum.\nKeputusan: stan kuliner ditambah.\n",
        comment=f"Kirim notulen ke {f.EMAIL}", comment_author="Budi Santoso", author="Tim Humas",
        title="Notulen", split_at=7)
    out["surat-lama.doc"] = f.doc_document(
        "Nomor: R-12/Disdukcapil/PK.01/III/2019\nPerihal: Data kependudukan untuk verifikasi\n",
        header="RAHASIA\n", author="Sekretariat")
    out["daftar-hadir.xls"] = _xls({"Daftar Hadir": [["Nama", "Unit", "HP"], ["Budi Santoso", "Humas", f.PHONE],
                                                      ["Rina Kartika", "Umum", "0857-2211-3344"]]})
    out["arsip-paparan.7z"] = f.sevenzip_archive({"paparan/paparan-rapat.pptx": out["paparan-rapat.pptx"]})
    out["cadangan.bin"] = f.random_bytes(4096)
    out["kosong.txt"] = b""
    return out


def _xls(sheets: dict[str, list[list]]) -> bytes:
    """A legacy Excel workbook, written by xlwt."""
    import io

    import xlwt

    book = xlwt.Workbook()
    for name, rows in sheets.items():
        sheet = book.add_sheet(name)
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                sheet.write(r, c, value)
    buf = io.BytesIO()
    book.save(buf)
    return buf.getvalue()


def main() -> None:
    for name, data in samples().items():
        (HERE / name).write_bytes(data)
        print(f"{name:32} {len(data):7} bytes")


if __name__ == "__main__":
    main()
