"""A picture's metadata is text too: EXIF/XMP/IPTC fields, PNG text, comments, and the GPS position.

The pictures here are 12x12 pixels: too small to hold text, so no OCR runs.
"""
from __future__ import annotations


import pytest
from PIL import Image
from PIL.PngImagePlugin import PngInfo

from dlp.extract import Context, extract_bytes
from dlp.extract.image import _xmp_coordinate, xmp_fields

XMP = b"""<?xpacket begin="" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/"
  xmlns:photoshop="http://ns.adobe.com/photoshop/1.0/" xmlns:exif="http://ns.adobe.com/exif/1.0/"
  xmlns:xmpMM="http://ns.adobe.com/xap/1.0/mm/" photoshop:City="Bandung"
  xmpMM:DocumentID="xmp.did:3204115408022764"
  exif:GPSLatitude="6,54.8846S" exif:GPSLongitude="107,36.5886E">
 <dc:creator><rdf:Seq><rdf:li>Siti Rahma</rdf:li></rdf:Seq></dc:creator>
 <dc:description><rdf:Alt><rdf:li xml:lang="x-default">Rapat tertutup di ruang server</rdf:li></rdf:Alt></dc:description>
</rdf:Description></rdf:RDF></x:xmpmeta>
<?xpacket end="w"?>"""


def tiny() -> Image.Image:
    return Image.new("RGB", (12, 12), "white")


def parts(data: bytes) -> dict[str, str]:
    result = extract_bytes(data, Context())
    assert result.errors == []
    return {c.part: c.text for c in result.chunks}


def test_exif_text_fields(img):
    exif = img.gps_exif(-6.914744, 107.609810, t013B="Budi Santoso", t010E="Foto lokasi gudang",
                        t8298="Diskominfo", t9C9C="komentar rahasia".encode("utf-16-le"),
                        t9C9D="Dewi Lestari".encode("utf-16-le"))
    exif.get_ifd(0x8769)[0x9286] = b"ASCII\x00\x00\x00kirim ke 0813-2207-4518"
    got = parts(img.encode(tiny(), "JPEG", exif=exif))
    assert got["metadata:exif:Artist"] == "Budi Santoso"
    assert got["metadata:exif:ImageDescription"] == "Foto lokasi gudang"
    assert got["metadata:exif:Copyright"] == "Diskominfo"
    assert got["metadata:exif:XPComment"] == "komentar rahasia"
    assert got["metadata:exif:XPAuthor"] == "Dewi Lestari"
    assert got["metadata:exif:UserComment"] == "kirim ke 0813-2207-4518"
    assert got["metadata:exif:gps"] == "GPS -6.914744, 107.609810"


def test_unicode_user_comment(img):
    exif = Image.Exif()
    exif.get_ifd(0x8769)[0x9286] = b"UNICODE\x00" + "catatan pribadi".encode("utf-16-le")
    assert parts(img.encode(tiny(), "JPEG", exif=exif))["metadata:exif:UserComment"] == "catatan pribadi"


def test_xmp_fields_and_gps(img):
    got = parts(img.encode(tiny(), "JPEG", xmp=XMP))
    assert got["metadata:xmp:dc:creator"] == "Siti Rahma"
    assert got["metadata:xmp:dc:description"] == "Rapat tertutup di ruang server"
    assert got["metadata:xmp:photoshop:City"] == "Bandung"
    assert got["metadata:xmp:gps"] == "GPS -6.914743, 107.609810"
    assert not any("DocumentID" in p for p in got)  # identifiers of the file itself are not text


def test_xmp_with_entities_is_not_expanded():
    evil = b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]><x>&a;&a;</x>'
    assert xmp_fields(evil) == ([], None)


@pytest.mark.parametrize("value, degrees", [("6,54.8846S", -6.914743), ("107,36.5886E", 107.60981),
                                             ("6,54,53.08N", 6.914744), ("74,0.5W", -74.008333)])
def test_xmp_coordinates(value, degrees):
    assert _xmp_coordinate(value) == pytest.approx(degrees, abs=1e-6)


def test_iptc_fields(img):
    data = img.with_app_segment(img.encode(tiny(), "JPEG"),
                                img.iptc_app13({120: "Kunjungan ke lokasi proyek", 80: "Agus Saputra"}))
    got = parts(data)
    assert got["metadata:iptc:caption"] == "Kunjungan ke lokasi proyek"
    assert got["metadata:iptc:byline"] == "Agus Saputra"


def test_png_text_and_jpeg_comment(img):
    info = PngInfo()
    info.add_text("Comment", "hubungi siti.rahma@bandung.go.id")
    info.add_itxt("Description", "daftar penerima bantuan")
    got = parts(img.encode(tiny(), "PNG", pnginfo=info))
    assert got["metadata:png:Comment"] == "hubungi siti.rahma@bandung.go.id"
    assert got["metadata:png:Description"] == "daftar penerima bantuan"
    assert parts(img.encode(tiny(), "JPEG", comment=b"dari HP Budi"))["metadata:comment"] == "dari HP Budi"


def test_gps_photo_gives_geolocation(img, scanner):
    exif = img.gps_exif(-6.914744, 107.609810)
    res = scanner.scan_bytes(img.encode(tiny(), "JPEG", exif=exif), "IMG_0001.jpg")
    geo = [f for f in res.findings if f.entity_type == "GEOLOCATION"]
    assert [(f.part, f.text) for f in geo] == [("metadata:exif:gps", "-6.914744, 107.609810")]
    assert geo[0].severity == "review"
    assert res.errors == [] and res.verdict == "review"


@pytest.mark.parametrize("lat, lon", [(0.0, 0.0)])
def test_no_fix_is_no_position(img, lat, lon):
    """A camera without a fix may write 0,0: that is not a place."""
    got = parts(img.encode(tiny(), "JPEG", exif=img.gps_exif(lat, lon)))
    assert "metadata:exif:gps" not in got


def test_metadata_email_is_a_finding(img, scanner):
    exif = Image.Exif()
    exif[0x013B] = "siti.rahma@bandung.go.id"
    res = scanner.scan_bytes(img.encode(tiny(), "JPEG", exif=exif), "x.jpg")
    assert [(f.entity_type, f.part) for f in res.findings] == [("EMAIL_ADDRESS", "metadata:exif:Artist")]


@pytest.mark.parametrize("fmt", ["PNG", "GIF", "BMP", "TIFF", "WEBP"])
def test_each_format_is_read(img, fmt):
    """Every picture format in the extractor table opens (a tiny one: no OCR, no error)."""
    result = extract_bytes(img.encode(tiny(), fmt), Context())
    assert result.media_type.startswith("image/")
    assert result.errors == []
