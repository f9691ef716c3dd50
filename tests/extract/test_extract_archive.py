"""Archives: members recursively, hostile archives refused member by member."""
import gzip
import io
import tarfile
import time

from dlp.extract import Context, Limits, extract_bytes


def test_members_and_nested_zip(f, parts):
    inner = f.zip_archive({"dalam/catatan.txt": f"Telepon {f.PHONE}".encode()})
    data = f.zip_archive({"surat/pengantar.txt": f"Kontak {f.EMAIL}".encode(), "lampiran.zip": inner,
                          "kosong/": b""})
    ex = extract_bytes(data)
    assert ex.media_type == "application/zip" and ex.errors == []
    p = parts(ex)
    assert p["member:surat/pengantar.txt"] == [f"Kontak {f.EMAIL}"]
    assert p["member:lampiran.zip:member:dalam/catatan.txt"] == [f"Telepon {f.PHONE}"]


def test_a_member_named_after_a_number_is_read_by_its_name(f, parts, scanner):
    """A scan of a KTP filed as ktp/KTP_<NIK>.jpg leaks the NIK by its name, whatever the picture holds;
    names without a long number ("scan 2024-01.txt") add nothing."""
    inner = f.zip_archive({"KK_3273011203150007.txt": b"lampiran"})
    data = f.zip_archive({"ktp/KTP_3273026702010607.txt": b"foto", "scan 2024-01.txt": b"isi", "dalam.zip": inner})
    p = parts(extract_bytes(data))
    assert p["member:ktp/KTP_3273026702010607.txt:name"] == ["KTP_3273026702010607.txt"]
    assert p["member:dalam.zip:member:KK_3273011203150007.txt:name"] == ["KK_3273011203150007.txt"]
    assert not [k for k in p if k.startswith("member:scan") and k.endswith(":name")]
    found = {(x.entity_type, x.text) for x in scanner.scan_bytes(data, "berkas.zip").findings}
    assert ("ID_NIK", "3273026702010607") in found


def test_office_and_pdf_members_keep_their_parts(f, parts):
    data = f.zip_archive({"memo.docx": f.docx_document(header="TERBATAS"),
                          "laporan.pdf": f.pdf_document(["Isi laporan"])})
    p = parts(extract_bytes(data))
    assert p["member:memo.docx:header"] == ["TERBATAS"]
    assert p["member:laporan.pdf:page 1"] == ["Isi laporan"]


def test_zip_bomb_is_refused_and_the_rest_is_read(f, parts, codes):
    ex = extract_bytes(f.zip_bomb_member(8 * 1024 * 1024))
    assert ("limit", "member:bomb.txt") in codes(ex)
    assert parts(ex)["member:ok.txt"] == [f"Kontak: {f.EMAIL}"]


def test_encrypted_member_is_reported_and_the_rest_is_read(f, parts, codes):
    data = f.zip_mark_encrypted(f.zip_archive({"rahasia.txt": b"isi", "biasa.txt": b"isi biasa"}), "rahasia.txt")
    ex = extract_bytes(data)
    assert codes(ex) == [("encrypted", "member:rahasia.txt")]
    assert parts(ex) == {"member:biasa.txt": ["isi biasa"]}


def test_depth_limit(f, codes):
    data = b"NIK 3171012304850001"
    for i in range(4):
        data = f.zip_archive({f"level{i}.zip" if i else "data.txt": data})
    ex = extract_bytes(data, Context(Limits(max_depth=2)))
    assert "limit" in [e.code for e in ex.errors]
    assert ex.chunks == []


def test_member_count_limit(f, codes):
    data = f.zip_archive({f"f{i}.txt": b"x" for i in range(5)})
    ex = extract_bytes(data, Context(Limits(max_members=3)))
    assert len(ex.chunks) == 3
    assert ("limit", "") in codes(ex)


def test_total_uncompressed_limit(f, codes):
    data = f.zip_archive({f"f{i}.txt": b"y" * 1000 for i in range(5)})
    ex = extract_bytes(data, Context(Limits(max_uncompressed=2500)))
    assert len(ex.chunks) == 2
    assert "too_big" in [e.code for e in ex.errors]


def test_member_that_lies_about_its_size_is_stopped(f, codes):
    # Forge the central directory's uncompressed size of a 4000-byte member to 10 bytes.
    import struct

    b = bytearray(f.zip_archive({"a.txt": b"z" * 4000}))
    cd = b.index(b"PK\x01\x02")
    struct.pack_into("<I", b, cd + 24, 10)
    ex = extract_bytes(bytes(b), Context(Limits(max_bytes=100, max_uncompressed=100)))
    assert ex.chunks == []
    assert ex.errors and ex.errors[0].code in ("too_big", "corrupt")


def test_timeout_stops_the_sweep(f):
    data = f.zip_archive({"a.txt": b"satu", "b.txt": b"dua"})
    ex = extract_bytes(data, Context(Limits(), deadline=time.monotonic() - 1))
    assert [e.code for e in ex.errors] == ["timeout"]


def test_corrupt_zip(f):
    data = f.zip_archive({"a.txt": b"isi " * 100})
    ex = extract_bytes(data[: len(data) - 30])
    assert ex.errors and ex.errors[0].code in ("corrupt", "unsupported")


def test_tar_gz_and_gzip(f, parts):
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w:gz") as tf:
        payload = f"Kontak {f.EMAIL}".encode()
        info = tarfile.TarInfo("arsip/kontak.txt")
        info.size = len(payload)
        tf.addfile(info, io.BytesIO(payload))
    assert parts(extract_bytes(buf.getvalue()))["member:arsip/kontak.txt"] == [f"Kontak {f.EMAIL}"]

    gz = io.BytesIO()
    with gzip.GzipFile(filename="catatan.txt", mode="wb", fileobj=gz) as g:
        g.write(f"Telepon {f.PHONE}".encode())
    assert parts(extract_bytes(gz.getvalue()))["member:catatan.txt"] == [f"Telepon {f.PHONE}"]


def test_gzip_bomb_is_refused():
    data = gzip.compress(b"\0" * (16 * 1024 * 1024))
    ex = extract_bytes(data)
    assert [e.code for e in ex.errors] == ["limit"]


def test_7z_members_and_nested_office_file(f, parts):
    data = f.sevenzip_archive({"arsip/kontak.txt": f"Kontak {f.EMAIL}".encode(),
                               "memo.docx": f.docx_document(footer=f"Telepon {f.PHONE}")})
    ex = extract_bytes(data)
    assert ex.media_type == "application/x-7z-compressed" and ex.errors == []
    p = parts(ex)
    assert p["member:arsip/kontak.txt"] == [f"Kontak {f.EMAIL}"]
    assert p["member:memo.docx:footer"] == [f"Telepon {f.PHONE}"]


def test_rar_members_and_encrypted_member(f, parts, codes):
    data = f.rar4_archive({"lampiran/data.txt": f"Kontak {f.EMAIL}".encode(), "kunci.txt": b"\x8f\x01\x9a\x7c"},
                          encrypted=("kunci.txt",))
    ex = extract_bytes(data)
    assert ex.media_type == "application/vnd.rar"
    assert parts(ex)["member:lampiran/data.txt"] == [f"Kontak {f.EMAIL}"]
    assert codes(ex) == [("encrypted", "member:kunci.txt")]


def test_7z_bomb_and_broken_7z_fail_closed(f, codes):
    assert codes(extract_bytes(f.sevenzip_archive({"nol.txt": b"0" * (5 * 1024 * 1024)}))) == [
        ("limit", "member:nol.txt")]
    broken = f.sevenzip_archive({"a.txt": bytes(range(256)) * 40})
    assert [c for c, _ in codes(extract_bytes(broken[:len(broken) // 2]))] == ["corrupt"]
