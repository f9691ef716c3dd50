"""Builders of real files for the extractor tests and the samples.

Every builder returns the bytes of a file made by the library an office would
use (fpdf2, pikepdf, python-docx, openpyxl, python-pptx, the standard
library's email and zipfile), plus - where those libraries have no API for a
feature (tracked changes, footnotes, text boxes) - the few XML lines Word
itself writes.  All names, numbers and addresses are synthetic.
"""
from __future__ import annotations

import io
import re
import struct
import zipfile
import zlib
from email.message import EmailMessage
from email.policy import SMTP

EMAIL = "budi.santoso@contoh.go.id"
PHONE = "0812-3456-7890"


def make_nik(region: str = "327301", day: int = 23, month: int = 4, year: int = 1985, female: bool = False,
             serial: int = 1) -> str:
    """A structurally valid synthetic NIK: region and district, DDMMYY (+40 for women), serial."""
    return f"{region}{day + (40 if female else 0):02d}{month:02d}{year % 100:02d}{serial:04d}"


# -- text ----------------------------------------------------------------------------
def text_bytes(text: str, encoding: str = "utf-8") -> bytes:
    return text.encode(encoding)


# -- HTML ----------------------------------------------------------------------------
def html_page() -> bytes:
    return f"""<!DOCTYPE html>
<html lang="id"><head>
<meta charset="utf-8">
<meta name="author" content="Rina Kartika">
<meta name="viewport" content="width=device-width">
<title>Layanan Pengaduan</title>
<style>.x {{ color: red }} /* style-secret-9911 */</style>
<script>var token = "script-secret-4242"; document.write("script-text");</script>
</head>
<body>
<!-- catatan internal: hubungi rina.k@contoh.go.id -->
<h1>Layanan Pengaduan</h1><p>Paragraf satu</p><p>Paragraf dua</p>
<div>Telepon: <span>{PHONE}</span></div>
<form><input type="hidden" name="nik_pelapor" value="3171012304850001">
<input type="text" name="email" placeholder="alamat e-mail" value="{EMAIL}">
<input type="submit" value="Kirim"></form>
<img src="ktp.png" alt="Foto KTP Budi Santoso">
<a href="mailto:humas@contoh.go.id">Kontak humas</a>
<table><tr><th>Nama</th><th>Telp</th></tr><tr><td>Siti</td><td>0813-1111-2222</td></tr></table>
<pre>baris  satu
baris   dua</pre>
<noscript>aktifkan JavaScript</noscript>
<script type="application/ld+json">{{"telephone": "+62 21 555 0101"}}</script>
</body></html>""".encode("utf-8")


# -- e-mail --------------------------------------------------------------------------
def eml_message(attachment: bytes | None = None, attachment_name: str = "lampiran.pdf") -> bytes:
    """A message with a quoted-printable text part, a base64 HTML part and an attachment."""
    msg = EmailMessage()
    msg["From"] = "Budi Santoso <budi.santoso@contoh.go.id>"
    msg["To"] = "Rina Kartika <rina.k@contoh.go.id>, Tim Data <data@contoh.go.id>"
    msg["Cc"] = "arsip@contoh.go.id"
    msg["Subject"] = "Data pemohon — mohon diperiksa"  # non-ASCII: RFC 2047 encoded
    msg["Date"] = "Wed, 14 Sep 2022 10:26:45 +0700"
    msg["Message-ID"] = "<20220914102645.12345@mail.contoh.go.id>"
    msg["Received"] = "from mail.contoh.go.id (10.1.2.3) by mx.contoh.go.id"
    long_line = ("Dengan hormat, berikut kami sampaikan data pemohon yang perlu diverifikasi "
                 "sebelum rapat koordinasi minggu depan. Nomor yang bisa dihubungi: " + PHONE + ". Terima kasih.")
    msg.set_content(long_line + "\nSalam,\nBudi", cte="quoted-printable")
    msg.add_alternative(
        "<html><body><p>Dengan hormat,</p><p>Kontak: <b>0813-9999-8888</b></p>"
        "<!-- draft: jangan kirim ke luar --></body></html>", subtype="html", cte="base64")
    if attachment is not None:
        maintype, subtype = ("application", "pdf") if attachment_name.endswith(".pdf") else ("application",
                                                                                               "octet-stream")
        msg.add_attachment(attachment, maintype=maintype, subtype=subtype, filename=attachment_name)
    return msg.as_bytes(policy=SMTP)


def eml_forward(inner: bytes) -> bytes:
    """A message forwarding ``inner`` as an attached message/rfc822."""
    import email
    from email import policy

    msg = EmailMessage()
    msg["From"] = "rina.k@contoh.go.id"
    msg["To"] = "kepala@contoh.go.id"
    msg["Subject"] = "Fwd: data pemohon"
    msg.set_content("Diteruskan.")
    msg.add_attachment(email.message_from_bytes(inner, policy=policy.default))
    return msg.as_bytes(policy=SMTP)


# -- PDF -----------------------------------------------------------------------------
def pdf_document(pages: list[str] | None = None, author: str = "Rina Kartika", title: str = "Laporan Triwulan",
                 subject: str = "Rekap data", keywords: str = "internal", annotation: str | None = None) -> bytes:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.set_author(author)
    pdf.set_title(title)
    pdf.set_subject(subject)
    pdf.set_keywords(keywords)
    pdf.set_creator("Sistem Arsip")
    pdf.set_font("helvetica", size=11)
    for i, text in enumerate(pages or ["Halaman pertama.", "Halaman kedua."]):
        pdf.add_page()
        pdf.multi_cell(0, 6, text)
        if annotation and i == 0:
            pdf.text_annotation(20, 60, annotation)
    return bytes(pdf.output())


def pdf_image_only(text: str = "SCAN") -> bytes:
    """A one-page PDF whose page is a picture (a scan): no text layer."""
    from fpdf import FPDF
    from PIL import Image, ImageDraw

    img = Image.new("RGB", (800, 400), "white")
    ImageDraw.Draw(img).text((40, 180), text, fill="black")
    buf = io.BytesIO()
    img.save(buf, "PNG")
    pdf = FPDF(format=(105, 148))  # A6: OCR of the test page stays quick
    pdf.add_page()
    pdf.image(io.BytesIO(buf.getvalue()), x=5, y=5, w=95)
    return bytes(pdf.output())


def pdf_with_form_and_attachment(field_value: str, attachment: bytes, attachment_name: str = "lampiran.txt",
                                 xmp_creator: str | None = None) -> bytes:
    """An fpdf2 PDF to which pikepdf adds a filled AcroForm text field, an embedded file and XMP."""
    import pikepdf

    pdf = pikepdf.open(io.BytesIO(pdf_document(["Formulir permohonan."])))
    page = pdf.pages[0]
    field = pdf.make_indirect(pikepdf.Dictionary(
        Type=pikepdf.Name.Annot, Subtype=pikepdf.Name.Widget, FT=pikepdf.Name.Tx,
        T=pikepdf.String("nik_pemohon"), TU=pikepdf.String("NIK pemohon"), V=pikepdf.String(field_value),
        Rect=pikepdf.Array([50, 700, 300, 720]), P=page.obj))
    page.obj.Annots = pdf.make_indirect(pikepdf.Array([field]))
    pdf.Root.AcroForm = pdf.make_indirect(pikepdf.Dictionary(Fields=pikepdf.Array([field])))
    pdf.attachments[attachment_name] = pikepdf.AttachedFileSpec(pdf, attachment, filename=attachment_name)
    if xmp_creator:
        with pdf.open_metadata(set_pikepdf_as_editor=False, update_docinfo=False) as meta:
            meta["dc:creator"] = [xmp_creator]
    out = io.BytesIO()
    pdf.save(out)
    return out.getvalue()


def pdf_encrypted(data: bytes, user: str = "rahasia123", owner: str = "pemilik456") -> bytes:
    import pikepdf

    pdf = pikepdf.open(io.BytesIO(data))
    out = io.BytesIO()
    pdf.save(out, encryption=pikepdf.Encryption(user=user, owner=owner, R=6))
    return out.getvalue()


def pdf_truncated(data: bytes) -> bytes:
    """The PDF cut off half-way through its first content stream."""
    start = data.index(b"stream", data.index(b"/Contents") if b"/Contents" in data else 0)
    end = data.index(b"endstream", start)
    return data[: (start + end) // 2]


def pdf_link(address: str) -> bytes:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("helvetica", size=11)
    pdf.cell(0, 10, "Kontak kami", link=f"mailto:{address}")
    return bytes(pdf.output())


# -- DOCX ----------------------------------------------------------------------------
W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def docx_document(body: str = "Isi memo.", header: str = "TERBATAS", footer: str = "Halaman kaki",
                  first_header: str | None = None, table: list[list[str]] | None = None,
                  comment: str | None = None, author: str = "Rina Kartika", last_modified_by: str = "budi",
                  title: str = "Memo", subject: str = "", keywords: str = "", comments: str = "",
                  category: str = "") -> bytes:
    import docx

    d = docx.Document()
    p = d.add_paragraph(body)
    if comment:
        d.add_comment(p.runs, text=comment, author="Penelaah", initials="PN")
    if table:
        t = d.add_table(rows=len(table), cols=len(table[0]))
        for r, row in enumerate(table):
            for c, value in enumerate(row):
                t.cell(r, c).text = value
    d.add_paragraph("Penutup.")
    sec = d.sections[0]
    sec.header.paragraphs[0].text = header
    sec.footer.paragraphs[0].text = footer
    if first_header is not None:
        sec.different_first_page_header_footer = True
        sec.first_page_header.paragraphs[0].text = first_header
    cp = d.core_properties
    cp.author, cp.last_modified_by, cp.title = author, last_modified_by, title
    cp.subject, cp.keywords, cp.comments, cp.category = subject, keywords, comments, category
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def docx_add_xml(data: bytes, body_xml: str = "", extra_parts: dict[str, str] | None = None,
                 rels: list[tuple[str, str, str]] | None = None, content_types: list[tuple[str, str]] | None = None
                 ) -> bytes:
    """Splice raw WordprocessingML into a python-docx file, the way Word writes it.

    ``body_xml`` goes before the final ``w:sectPr``; ``extra_parts`` are new
    parts (name -> XML); ``rels`` new relationships of ``word/document.xml``
    (id, type suffix, target); ``content_types`` new overrides (part, type).
    """
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            raw = src.read(info.filename)
            if info.filename == "word/document.xml" and body_xml:
                text = raw.decode("utf-8")
                i = text.rindex("<w:sectPr")
                text = text[:i] + body_xml + text[i:]
                for prefix, uri in (("mc", "http://schemas.openxmlformats.org/markup-compatibility/2006"),
                                    ("wps", "http://schemas.microsoft.com/office/word/2010/wordprocessingShape"),
                                    ("wp", "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"),
                                    ("a", "http://schemas.openxmlformats.org/drawingml/2006/main"),
                                    ("v", "urn:schemas-microsoft-com:vml")):
                    if f"xmlns:{prefix}=" not in text[:3000]:
                        text = text.replace("<w:document ", f'<w:document xmlns:{prefix}="{uri}" ', 1)
                raw = text.encode("utf-8")
            elif info.filename == "word/_rels/document.xml.rels" and rels:
                text = raw.decode("utf-8")
                new = "".join(
                    f'<Relationship Id="{rid}" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
                    f'relationships/{kind}" Target="{target}"'
                    + (' TargetMode="External"' if "://" in target or ":" in target.split("/")[0] else "") + "/>"
                    for rid, kind, target in rels)
                raw = text.replace("</Relationships>", new + "</Relationships>").encode("utf-8")
            elif info.filename == "[Content_Types].xml" and content_types:
                text = raw.decode("utf-8")
                new = "".join(f'<Override PartName="/{p}" ContentType="{ct}"/>' for p, ct in content_types)
                raw = text.replace("</Types>", new + "</Types>").encode("utf-8")
            dst.writestr(info, raw)
        for name, xml in (extra_parts or {}).items():
            dst.writestr(name, xml)
    return out.getvalue()


def tracked_changes_xml(deleted: str, inserted: str) -> str:
    return (f'<w:p><w:r><w:t xml:space="preserve">NIK pemohon: </w:t></w:r>'
            f'<w:del w:id="1" w:author="Budi Santoso" w:date="2021-05-18T08:00:00Z"><w:r>'
            f'<w:delText>{deleted}</w:delText></w:r></w:del>'
            f'<w:ins w:id="2" w:author="Rina Kartika" w:date="2021-05-18T08:01:00Z"><w:r><w:t>{inserted}</w:t>'
            f'</w:r></w:ins></w:p>')


def textbox_xml(text: str, alt: str) -> str:
    """A Word 2010 text box: DrawingML first, a VML fallback with the same text (read once)."""
    return (
        '<w:p><w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing>'
        '<wp:anchor distT="0" distB="0" distL="0" distR="0" simplePos="0" relativeHeight="1" behindDoc="0" '
        'locked="0" layoutInCell="1" allowOverlap="1"><wp:simplePos x="0" y="0"/>'
        '<wp:positionH relativeFrom="column"><wp:posOffset>0</wp:posOffset></wp:positionH>'
        '<wp:positionV relativeFrom="paragraph"><wp:posOffset>0</wp:posOffset></wp:positionV>'
        '<wp:extent cx="2000000" cy="500000"/><wp:wrapNone/>'
        f'<wp:docPr id="10" name="Text Box 10" descr="{alt}"/>'
        '<a:graphic><a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">'
        '<wps:wsp><wps:cNvSpPr txBox="1"/><wps:spPr/><wps:txbx><w:txbxContent>'
        f'<w:p><w:r><w:t>{text}</w:t></w:r></w:p>'
        '</w:txbxContent></wps:txbx><wps:bodyPr/></wps:wsp></a:graphicData></a:graphic></wp:anchor>'
        '</w:drawing></mc:Choice><mc:Fallback><w:pict><v:shape><v:textbox><w:txbxContent>'
        f'<w:p><w:r><w:t>{text}</w:t></w:r></w:p>'
        '</w:txbxContent></v:textbox></v:shape></w:pict></mc:Fallback></mc:AlternateContent></w:r></w:p>')


def footnotes_part(text: str) -> str:
    return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            f'<w:footnotes xmlns:w="{W_NS}">'
            '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
            f'<w:footnote w:id="1"><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:footnote></w:footnotes>')


def docx_full(deleted: str, inserted: str, textbox: str, alt: str, footnote: str, link: str) -> bytes:
    """A DOCX with tracked changes, a text box, a footnote and a mailto hyperlink."""
    base = docx_document()
    body = (tracked_changes_xml(deleted, inserted) + textbox_xml(textbox, alt)
            + '<w:p><w:hyperlink r:id="rIdLink1"><w:r><w:t>Kontak</w:t></w:r></w:hyperlink></w:p>')
    return docx_add_xml(
        base, body,
        extra_parts={"word/footnotes.xml": footnotes_part(footnote)},
        rels=[("rIdFoot1", "footnotes", "footnotes.xml"), ("rIdLink1", "hyperlink", f"mailto:{link}")],
        content_types=[("word/footnotes.xml",
                        "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml")])


# -- XLSX ----------------------------------------------------------------------------
def xlsx_workbook(rows: list[list] | None = None, hidden_sheet: dict | None = None, very_hidden: dict | None = None,
                  hidden_row: int | None = None, comment: tuple[str, str] | None = None,
                  header: str | None = None, formula: tuple[str, str] | None = None, author: str = "Rina Kartika",
                  title: str = "Rekap") -> bytes:
    """A workbook: sheet "Data" with ``rows``; optional hidden sheets, a hidden row, a comment (cell, text),
    a print header, a formula (cell, formula)."""
    import openpyxl
    from openpyxl.comments import Comment

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Data"
    for row in rows or [["No", "Nama", "NIK"], [1, "Budi", "3171012304850001"]]:
        ws.append(row)
    if hidden_row:
        ws.row_dimensions[hidden_row].hidden = True
    if comment:
        ws[comment[0]].comment = Comment(comment[1], "Penelaah")
    if header:
        ws.oddHeader.center.text = header
    if formula:
        ws[formula[0]] = formula[1]
    for spec, state in ((hidden_sheet, "hidden"), (very_hidden, "veryHidden")):
        if spec:
            other = wb.create_sheet(spec["name"])
            for row in spec["rows"]:
                other.append(row)
            other.sheet_state = state
    wb.properties.creator = author
    wb.properties.title = title
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def xlsx_shared_strings(data: bytes, orphan: str | None = None) -> bytes:
    """Rewrite openpyxl's inline strings into a shared-string table, as Excel stores them.

    ``orphan`` adds a shared string no cell refers to (what stays in the file
    after cells are cleared in some editors).
    """
    from xml.sax.saxutils import escape

    src = zipfile.ZipFile(io.BytesIO(data))
    strings: list[str] = []
    index: dict[str, int] = {}

    def shared(m: re.Match) -> str:
        text = m.group(3)
        if text not in index:
            index[text] = len(strings)
            strings.append(text)
        return f'<c r="{m.group(1)}"{m.group(2)} t="s"><v>{index[text]}</v></c>'

    cell = re.compile(r'<c r="([A-Z]+\d+)"((?: s="\d+")?) t="inlineStr"><is><t(?: [^>]*)?>([^<]*)</t></is></c>')
    parts = {}
    for info in src.infolist():
        raw = src.read(info.filename)
        if info.filename.startswith("xl/worksheets/sheet"):
            raw = cell.sub(shared, raw.decode("utf-8")).encode("utf-8")
        parts[info.filename] = raw
    if orphan:
        strings.append(escape(orphan))
    sst = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
           f'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="{len(strings)}" '
           f'uniqueCount="{len(strings)}">' + "".join(f"<si><t>{t}</t></si>" for t in strings) + "</sst>")
    parts["xl/sharedStrings.xml"] = sst.encode("utf-8")
    parts["xl/_rels/workbook.xml.rels"] = parts["xl/_rels/workbook.xml.rels"].replace(
        b"</Relationships>",
        b'<Relationship Id="rIdSst" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
        b'sharedStrings" Target="sharedStrings.xml"/></Relationships>')
    parts["[Content_Types].xml"] = parts["[Content_Types].xml"].replace(
        b"</Types>",
        b'<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.'
        b'spreadsheetml.sharedStrings+xml"/></Types>')
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for name, raw in parts.items():
            dst.writestr(name, raw)
    return out.getvalue()


# -- PPTX ----------------------------------------------------------------------------
def pptx_deck(slides: list[tuple[str, str]] | None = None, notes: str | None = None, footer: str | None = None,
              table: list[list[str]] | None = None, group_text: str | None = None, hidden: bool = False,
              author: str = "Rina Kartika") -> bytes:
    """A deck; each slide (title, body); notes on slide 1; a footer text box on every slide."""
    from pptx import Presentation
    from pptx.util import Inches

    prs = Presentation()
    for title, body in slides or [("Judul", "Isi")]:
        s = prs.slides.add_slide(prs.slide_layouts[1])
        s.shapes.title.text = title
        s.placeholders[1].text = body
        if footer:
            tb = s.shapes.add_textbox(Inches(0.5), Inches(7), Inches(8), Inches(0.4))
            tb.text_frame.text = footer
    first = prs.slides[0]
    if notes:
        first.notes_slide.notes_text_frame.text = notes
    if table:
        shape = first.shapes.add_table(len(table), len(table[0]), Inches(1), Inches(4), Inches(6), Inches(1))
        for r, row in enumerate(table):
            for c, value in enumerate(row):
                shape.table.cell(r, c).text = value
    if group_text:
        grp = first.shapes.add_group_shape()
        inner = grp.shapes.add_textbox(Inches(1), Inches(5), Inches(3), Inches(0.5))
        inner.text_frame.text = group_text
    if hidden:
        prs.slides[-1]._element.set("show", "0")
    prs.core_properties.author = author
    buf = io.BytesIO()
    prs.save(buf)
    return buf.getvalue()


# -- OpenDocument ----------------------------------------------------------------------
ODF_NS = ('xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
          'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
          'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
          'xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0" '
          'xmlns:presentation="urn:oasis:names:tc:opendocument:xmlns:presentation:1.0" '
          'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
          'xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0" '
          'xmlns:dc="http://purl.org/dc/elements/1.1/"')


def odf_document(kind: str, body: str, header: str = "", author: str = "") -> bytes:
    """An OpenDocument package as LibreOffice lays it out: ``mimetype`` first and stored, then the XML parts.

    ``kind`` is ``text``, ``spreadsheet`` or ``presentation``; ``body`` the XML inside ``office:KIND``.
    """
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr(zipfile.ZipInfo("mimetype"), f"application/vnd.oasis.opendocument.{kind}",
                   compress_type=zipfile.ZIP_STORED)
        z.writestr("content.xml", f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {ODF_NS} '
                                  f'office:version="1.3"><office:body><office:{kind}>{body}</office:{kind}>'
                                  "</office:body></office:document-content>")
        z.writestr("styles.xml", f'<?xml version="1.0" encoding="UTF-8"?><office:document-styles {ODF_NS}>'
                                 '<office:master-styles><style:master-page style:name="Standard"><style:header>'
                                 f'<text:p>{header}</text:p></style:header></style:master-page>'
                                 "</office:master-styles></office:document-styles>")
        z.writestr("meta.xml", f'<?xml version="1.0" encoding="UTF-8"?><office:document-meta {ODF_NS}>'
                               f"<office:meta><dc:creator>{author}</dc:creator></office:meta></office:document-meta>")
        z.writestr("META-INF/manifest.xml", '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest '
                                            'xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"/>')
    return buf.getvalue()


def rtf_escape(text: str) -> str:
    """Text as Word writes it into RTF: ``\\'xx`` for Windows-1252 letters, ``\\uN?`` beyond, braces escaped."""
    out = []
    for ch in text:
        if ch in "\\{}":
            out.append("\\" + ch)
        elif ch == "\n":
            out.append("\\par\r\n")
        elif ord(ch) < 128:
            out.append(ch)
        else:
            try:
                out.append("\\'%02x" % ch.encode("cp1252")[0])
            except UnicodeEncodeError:
                n = ord(ch)
                out.append(f"\\u{n - 65536 if n > 32767 else n}?")
    return "".join(out)


def rtf_document(body: str, header: str = "", footer: str = "", comment: str = "", comment_author: str = "",
                 author: str = "", title: str = "", split_at: int = 0) -> bytes:
    """An RTF file laid out as Word saves one: font, colour and style tables, revision ids, the
    document information, header and footer groups, a comment, a picture; ``split_at`` > 0 cuts
    the body's text into revision-marked groups every ``split_at`` characters, as Word does where
    a document was edited (``3273{\\rsid2 0149}0585``)."""
    pieces = [body[i:i + split_at] for i in range(0, len(body), split_at)] if split_at else [body]
    text = "".join(rtf_escape(p) if n % 2 == 0 else "{\\insrsid2 " + rtf_escape(p) + "}" for n, p in enumerate(pieces))
    parts = [r"{\rtf1\adeflang1025\ansi\ansicpg1252\uc1\adeff0\deff0",
             r"{\fonttbl{\f0\froman\fcharset0\fprq2 Times New Roman;}{\f1\fswiss\fcharset0 Arial;}}",
             r"{\colortbl;\red0\green0\blue0;}{\*\defchp \fs22}{\stylesheet{\ql \li0\ri0 Normal;}}",
             r"{\*\rsidtbl \rsid1\rsid2}{\*\generator Microsoft Word 16.0;}",
             r"{\info{\title " + rtf_escape(title) + r"}{\author " + rtf_escape(author) + r"}{\operator "
             + rtf_escape(author) + r"}{\creatim\yr2024\mo5\dy3\hr9\min12}{\version2}{\*\company Pemda}}",
             r"\paperw11906\paperh16838\margl1440\margr1440\sectd",
             r"{\header \pard\plain \qc " + rtf_escape(header) + r"\par}" if header else "",
             r"{\footer \pard\plain \qc " + rtf_escape(footer) + r"\par}" if footer else "",
             r"\pard\plain \ltrpar\ql\f0\fs24\insrsid1 " + text,
             (r"{\*\atnid RK}{\*\atnauthor " + rtf_escape(comment_author) + r"}\chatn{\*\annotation\pard "
              + rtf_escape(comment) + r"}") if comment else "",
             r"\par{\pict\pngblip\picw16\pich16 89504e470d0a1a0a0000000d494844520000001000000010}",
             r"\par}"]
    return "\r\n".join(p for p in parts if p).encode("ascii")


# -- legacy Office (97-2003) -------------------------------------------------------------
def ole_compound_file(streams: dict[str, bytes]) -> bytes:
    """An OLE compound file (MS-CFB version 3, 512-byte sectors) holding ``streams``; a name with
    "/" puts its stream in storages ("__attach_version1.0_#00000000/__substg1.0_37010102").

    Streams of 4096 bytes and more live in regular sectors, smaller ones in the mini stream
    (64-byte sectors, chained by the mini FAT), as the format requires; the children of a
    storage hang as a chain of right siblings in the comparison order MS-CFB defines (length,
    then upper case).  Read back by olefile.
    """
    sector = 512
    end, free, fat_mark = 0xFFFFFFFE, 0xFFFFFFFF, 0xFFFFFFFD
    children: dict[str, list[str]] = {"": []}  # storage path -> the paths of its children
    for path in streams:
        parts = path.split("/")
        for i in range(len(parts)):
            parent, node = "/".join(parts[:i]), "/".join(parts[:i + 1])
            if node not in children.get(parent, []):
                children.setdefault(parent, []).append(node)
            if i < len(parts) - 1:
                children.setdefault(node, [])
    order = [""]  # entries in breadth-first order: the root first
    for path in order:
        if path in children:
            kids = sorted(children[path], key=lambda n: (len(n.rsplit("/", 1)[-1]), n.rsplit("/", 1)[-1].upper()))
            children[path] = kids
            order.extend(kids)
    index = {path: i for i, path in enumerate(order)}
    body, fat, placed = b"", [], {}

    def chain(blob: bytes, table: list, unit: int) -> int:
        """Append ``blob`` in sectors of ``unit`` bytes chained in ``table``; its first sector."""
        first, n = len(table), max(1, -(-len(blob) // unit))
        table += [first + i + 1 for i in range(n - 1)] + [end]
        return first

    mini, mini_fat = b"", []
    for path in order:
        data = streams.get(path)
        if data is None:
            continue
        if len(data) >= 4096:
            placed[path] = (chain(data, fat, sector), len(data))
            body += data + b"\0" * (-len(data) % sector)
        elif data:
            placed[path] = (chain(data, mini_fat, 64), len(data))
            mini += data + b"\0" * (-len(data) % 64)
    root_start = chain(mini, fat, sector) if mini else end
    body += mini + b"\0" * (-len(mini) % sector)
    placed[""] = (root_start, len(mini))
    mini_fat_start = n_mini_fat = 0
    if mini_fat:
        raw = struct.pack(f"<{len(mini_fat)}I", *mini_fat)
        raw += b"\xff" * (-len(raw) % sector)
        mini_fat_start, n_mini_fat = chain(raw, fat, sector), len(raw) // sector
        body += raw

    def entry(path: str) -> bytes:
        name = path.rsplit("/", 1)[-1] if path else "Root Entry"
        raw = name.encode("utf-16-le") + b"\0\0"
        parent = path.rsplit("/", 1)[0] if "/" in path else ""
        siblings = children[parent] if path else []
        k = siblings.index(path) if path else -1
        right = index[siblings[k + 1]] if path and k + 1 < len(siblings) else free
        kind = 2 if path in streams else (5 if not path else 1)
        child = index[children[path][0]] if children.get(path) else free
        start, size = placed.get(path, (end, 0))
        return (raw.ljust(64, b"\0") + struct.pack("<HBB3I", len(raw), kind, 1, free, right, child)
                + b"\0" * 16 + b"\0" * 4 + b"\0" * 16 + struct.pack("<IQ", start, size))

    directory = b"".join(entry(path) for path in order)
    directory += b"\0" * (-len(directory) % sector)
    dir_start = len(fat)
    n_dir = len(directory) // sector
    fat += [dir_start + i + 1 for i in range(n_dir - 1)] + [end]
    body += directory
    n_fat = 1
    while (len(fat) + n_fat) * 4 > n_fat * sector:
        n_fat += 1
    fat_start = len(fat)
    fat += [fat_mark] * n_fat
    fat += [free] * (n_fat * sector // 4 - len(fat))
    body += struct.pack(f"<{len(fat)}I", *fat)
    difat = list(range(fat_start, fat_start + n_fat)) + [free] * (109 - n_fat)
    header = (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 16
              + struct.pack("<HHHHH6xIIIIIIIII", 0x3E, 3, 0xFFFE, 9, 6, 0, n_fat, dir_start, 0, 4096,
                            mini_fat_start if n_mini_fat else end, n_mini_fat, end, 0)
              + struct.pack("<109I", *difat))
    return header + body


def doc_document(body: str, footnote: str = "", header: str = "", wide: str = "", author: str = "") -> bytes:
    """A Word 97-2003 document (MS-DOC): a FIB whose piece table holds the text in two pieces, one
    of one-byte Windows-1252 characters and (``wide``, text outside Windows-1252) one of UTF-16.

    The stories follow one another as Word stores them: main text (``body`` + ``wide``),
    footnotes, headers; their lengths are the FIB's ccpText, ccpFtn and ccpHdd.  Paragraphs end
    with a carriage return, as in Word's own files.  ``author`` goes into the SummaryInformation
    property set."""
    main = body.replace("\n", "\r") + wide.replace("\n", "\r")
    stories = main + footnote.replace("\n", "\r") + header.replace("\n", "\r")
    narrow, wide_ = stories[:len(body)], stories[len(body):]
    text_at = 0x800
    narrow_bytes = narrow.encode("cp1252")
    wide_at = text_at + len(narrow_bytes) + (len(narrow_bytes) % 2)
    word = bytearray(wide_at + 2 * len(wide_) + 16)
    struct.pack_into("<HHHH", word, 0, 0xA5EC, 0x00C1, 0, 0x0409)  # wIdent, nFib (Word 97), unused, lid
    struct.pack_into("<H", word, 0x0A, 0x0200)          # fWhichTblStm: the table stream is 1Table
    struct.pack_into("<II", word, 0x18, text_at, text_at + len(narrow_bytes))  # fcMin, fcMac (older readers)
    struct.pack_into("<H", word, 0x20, 0x000E)          # csw
    struct.pack_into("<H", word, 0x3E, 0x0016)          # cslw
    struct.pack_into("<I", word, 0x40, len(word))       # cbMac
    struct.pack_into("<3i", word, 0x4C, len(main), len(footnote), len(header))  # ccpText, ccpFtn, ccpHdd
    struct.pack_into("<H", word, 0x98, 0x005D)          # cbRgFcLcb (Word 97)
    word[text_at:text_at + len(narrow_bytes)] = narrow_bytes
    word[wide_at:wide_at + 2 * len(wide_)] = wide_.encode("utf-16-le")
    cps = [0, len(narrow), len(stories)]
    pcds = [struct.pack("<HIH", 0, (text_at * 2) | 0x40000000, 0), struct.pack("<HIH", 0, wide_at, 0)]
    plc = struct.pack("<3i", *cps) + b"".join(pcds)
    table = b"\x02" + struct.pack("<I", len(plc)) + plc
    struct.pack_into("<II", word, 0x1A2, 0, len(table))  # fcClx, lcbClx
    streams = {"WordDocument": bytes(word), "1Table": table}
    if author:
        streams["\x05SummaryInformation"] = summary_information(author)
    return ole_compound_file(streams)


def ppt_record(kind: int, body: bytes = b"", instance: int = 0, container: bool = False) -> bytes:
    """One PowerPoint record ([MS-PPT] 2.3.1): version (0xF for a container) and instance, type, length."""
    return struct.pack("<HHI", (instance << 4) | (0xF if container else 0), kind, len(body)) + body


def ppt_presentation(slides: list[str], notes: list[str] | None = None, shape_text: str = "",
                     author: str = "", picture: bytes = b"") -> bytes:
    """A PowerPoint 97-2003 file as PowerPoint stores it: a DocumentContainer whose SlideListWithText
    holds each slide's placeholder text after its SlidePersistAtom (as UTF-16 TextCharsAtoms, or
    one-byte TextBytesAtoms where the text allows), a second list with the notes, then a
    SlideContainer per slide (the first with a shape's own text, ``shape_text``); a PNG ``picture``
    goes into the Pictures stream as PowerPoint stores one: a BLIP record ([MS-ODRAW] 2.2.46)."""
    def text_atom(text: str) -> bytes:
        raw = text.replace("\n", "\r")
        try:
            return ppt_record(0x0FA8, raw.encode("latin-1"))
        except UnicodeEncodeError:
            return ppt_record(0x0FA0, raw.encode("utf-16-le"))

    def persist(n: int) -> bytes:
        return ppt_record(0x03F3, struct.pack("<5I", n, 0, 0, n, 0))

    slide_list = b"".join(persist(n) + ppt_record(0x0F9F, struct.pack("<I", 1)) + text_atom(t)
                          for n, t in enumerate(slides, 1))
    lists = ppt_record(0x0FF0, slide_list, instance=0, container=True)
    if notes:
        lists += ppt_record(0x0FF0, b"".join(persist(n) + text_atom(t) for n, t in enumerate(notes, 1)),
                            instance=2, container=True)
    document = ppt_record(0x03E8, ppt_record(0x03E9, b"\0" * 40) + lists, container=True)
    drawn = []
    for n, _ in enumerate(slides):
        shape = ppt_record(0xF00D, text_atom(shape_text), container=True) if shape_text and n == 0 else b""
        drawn.append(ppt_record(0x03EE, ppt_record(0x03EF, b"\0" * 24) + shape, container=True))
    streams = {"PowerPoint Document": document + b"".join(drawn), "Current User": b"\0" * 32}
    if picture:  # an OfficeArtBlipPNG: one 16-byte id, a tag byte, the PNG
        streams["Pictures"] = ppt_record(0xF01E, b"\x11" * 16 + b"\xff" + picture, instance=0x6E0)
    if author:
        streams["\x05SummaryInformation"] = summary_information(author)
    return ole_compound_file(streams)


def msg_message(subject: str, sender: tuple[str, str], to: str, body: str, html: bytes = b"",
                recipients: list[tuple[str, str]] = (), attachments: dict[str, bytes] | None = None,
                attached: dict | None = None, rtf: bytes = b"", rtf_stream: bytes = b"",
                ole_objects: dict[str, dict[str, bytes]] | None = None) -> bytes:
    """An Outlook message ([MS-OXMSG]) as Outlook saves one: string properties in UTF-16 streams
    (``__substg1.0_IIII001F``), the HTML body as binary, a storage per recipient and per
    attachment; ``attached`` (this function's keyword arguments) becomes an attached message in
    its attachment's ``__substg1.0_3701000D`` storage.  An empty ``body`` is left out; ``rtf`` is
    the RTF body, stored as ``PR_RTF_COMPRESSED`` by an independent writer (the compressed-rtf
    package); ``rtf_stream`` is that property's stream as given (a damaged one).  ``ole_objects``
    (name -> streams) become attachments holding an embedded OLE object (a pasted document) in
    their ``__substg1.0_3701000D`` storage."""
    def props(prefix: str, values: dict[int, str | bytes]) -> dict[str, bytes]:
        return {f"{prefix}__substg1.0_{pid:04X}{'0102' if isinstance(v, bytes) else '001F'}":
                v if isinstance(v, bytes) else v.encode("utf-16-le") for pid, v in values.items()}

    def message(prefix: str, subject, sender, to, body, html=b"", recipients=(), attachments=None, attached=None,
                rtf=b"", rtf_stream=b""):
        streams = props(prefix, {0x0037: subject, 0x0C1A: sender[0], 0x5D01: sender[1], 0x0E04: to}
                        | ({0x1000: body} if body else {}))
        if html:
            streams.update(props(prefix, {0x1013: html}))
        if rtf:
            from compressed_rtf import compress

            rtf_stream = compress(rtf)
        if rtf_stream:
            streams.update(props(prefix, {0x1009: rtf_stream}))
        streams[f"{prefix}__properties_version1.0"] = b"\0" * 32
        for n, (name, address) in enumerate(recipients):
            streams.update(props(f"{prefix}__recip_version1.0_#{n:08X}/", {0x3001: name, 0x39FE: address}))
        items = list((attachments or {}).items())
        for n, (name, data) in enumerate(items):
            streams.update(props(f"{prefix}__attach_version1.0_#{n:08X}/", {0x3707: name, 0x3701: data}))
        if attached:
            at = f"{prefix}__attach_version1.0_#{len(items):08X}/"
            streams.update(props(at, {0x3707: attached["subject"] + ".msg"}))
            streams.update(message(f"{at}__substg1.0_3701000D/", **attached))
        return streams

    streams = message("", subject, sender, to, body, html, recipients, attachments, attached, rtf, rtf_stream)
    n = sum(1 for k in streams if k.startswith("__attach_version1.0_#") and k.endswith("__substg1.0_3707001F"))
    for k, (name, inner) in enumerate((ole_objects or {}).items(), n):
        at = f"__attach_version1.0_#{k:08X}/"
        streams.update(props(at, {0x3707: name}))
        streams.update({f"{at}__substg1.0_3701000D/{path}": data for path, data in inner.items()})
    return ole_compound_file(streams)


def summary_information(author: str) -> bytes:
    """A SummaryInformation property set (MS-OLEPS) with the code page and PIDSI_AUTHOR."""
    value = author.encode("cp1252") + b"\0"
    value += b"\0" * (-len(value) % 4)
    props = [(1, struct.pack("<HH", 2, 0) + struct.pack("<h", 1252) + b"\0\0"),       # VT_I2 code page
             (4, struct.pack("<I", 0x1E) + struct.pack("<I", len(author) + 1) + value)]  # VT_LPSTR author
    offset, table, data = 8 + 8 * len(props), b"", b""
    for pid, raw in props:
        table += struct.pack("<II", pid, offset + len(data))
        data += raw
    section = struct.pack("<II", 8 + len(table) + len(data), len(props)) + table + data
    fmtid = bytes.fromhex("e0859ff2f94f6810ab9108002b27b3d9")
    return (struct.pack("<HHI", 0xFFFE, 0, 0x00020006) + b"\0" * 16 + struct.pack("<I", 1)
            + fmtid + struct.pack("<I", 48) + section)


# -- archives --------------------------------------------------------------------------
def sevenzip_archive(members: dict[str, bytes]) -> bytes:
    """A 7-Zip archive (LZMA), written by libarchive."""
    import libarchive

    buf = bytearray()
    with libarchive.custom_writer(lambda b: buf.extend(b) or len(b), "7zip") as a:
        for name, data in members.items():
            a.add_file_from_memory(name, len(data), data)
    return bytes(buf)


def rar4_archive(members: dict[str, bytes], encrypted: tuple[str, ...] = ()) -> bytes:
    """A RAR 4 archive with stored (uncompressed) members, laid out as WinRAR writes one: marker,
    archive header, a file header (CRC16 of the header, CRC32 of the data) before each member, the
    end-of-archive block.  No free tool writes RAR; this is its published format (RARLAB, technote)."""
    def block(body: bytes) -> bytes:  # body from HEAD_TYPE on, after its CRC
        return struct.pack("<H", zlib.crc32(body) & 0xFFFF) + body

    out = b"Rar!\x1a\x07\x00" + block(struct.pack("<BHHHI", 0x73, 0, 13, 0, 0))
    for name, data in members.items():
        raw = name.encode()
        flags = 0x8000 | (0x04 if name in encrypted else 0)  # LONG_BLOCK, PASSWORD
        out += block(struct.pack("<BHHIIBIIBBHI", 0x74, flags, 32 + len(raw), len(data), len(data), 2,
                                 zlib.crc32(data), 0x5A2B0000, 20, 0x30, len(raw), 0x20) + raw) + data
    return out + block(struct.pack("<BHH", 0x7B, 0x4000, 7))


def zip_archive(members: dict[str, bytes], compression=zipfile.ZIP_DEFLATED) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return buf.getvalue()


def zip_bomb_member(size: int = 64 * 1024 * 1024) -> bytes:
    """A zip with one highly compressible member (``size`` zero bytes) plus a normal one."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        with zf.open("bomb.txt", "w", force_zip64=True) as fh:
            chunk = b"\0" * (1 << 20)
            for _ in range(size // len(chunk)):
                fh.write(chunk)
        zf.writestr("ok.txt", f"Kontak: {EMAIL}")
    return buf.getvalue()


def zip_mark_encrypted(data: bytes, name: str) -> bytes:
    """Set the "encrypted" flag of member ``name`` in its local and central headers.

    What a password-protected member looks like to a reader without the password.
    """
    b = bytearray(data)
    encoded = name.encode()
    for sig, flag_at in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
        for m in re.finditer(re.escape(sig), bytes(b)):
            start = m.start()
            if sig == b"PK\x03\x04":
                n = struct.unpack_from("<H", b, start + 26)[0]
                fname = bytes(b[start + 30:start + 30 + n])
            else:
                n = struct.unpack_from("<H", b, start + 28)[0]
                fname = bytes(b[start + 46:start + 46 + n])
            if fname == encoded:
                flags = struct.unpack_from("<H", b, start + flag_at)[0]
                struct.pack_into("<H", b, start + flag_at, flags | 1)
    return bytes(b)


def ooxml_encrypted(data: bytes, password: str) -> bytes:
    """Encrypt an OOXML file the way Office does (ECMA-376 agile encryption) with msoffcrypto-tool."""
    from msoffcrypto.format.ooxml import OOXMLFile

    out = io.BytesIO()
    OOXMLFile(io.BytesIO(data)).encrypt(password, out)
    return out.getvalue()


def png_bytes() -> bytes:
    from PIL import Image

    buf = io.BytesIO()
    Image.new("RGB", (8, 8), "white").save(buf, "PNG")
    return buf.getvalue()


def text_png(text: str) -> bytes:
    """A PNG picture of one line of ``text``, large enough for OCR to read."""
    from PIL import Image, ImageDraw, ImageFont

    img = Image.new("RGB", (900, 200), "white")
    try:
        font = ImageFont.truetype("DejaVuSans.ttf", 40)
    except OSError:
        font = ImageFont.load_default()
    ImageDraw.Draw(img).text((20, 70), text, fill="black", font=font)
    buf = io.BytesIO()
    img.save(buf, "PNG")
    return buf.getvalue()


def random_bytes(n: int = 8192, seed: int = 7) -> bytes:
    import random

    return random.Random(seed).randbytes(n)



def office_art_png_store(png: bytes) -> bytes:
    """An OfficeArt drawing group holding one PNG picture ([MS-ODRAW] 2.2.12 OfficeArtDggContainer:
    an FDGG block, then a BLIP store whose one FBSE embeds an OfficeArtBlipPNG)."""
    import struct

    def rec(ver_inst: int, kind: int, body: bytes) -> bytes:
        return struct.pack("<HHI", ver_inst, kind, len(body)) + body

    blip = rec(0x6E00, 0xF01E, b"\x11" * 16 + b"\xff" + png)                  # one UID, tag, the PNG
    fbse = rec(0x0062, 0xF007, bytes([6, 6]) + b"\x22" * 16 + struct.pack("<HIIIBBBB", 0xFF, len(blip), 1, 0, 0, 0, 0, 0)
               + blip)                                                          # 36 bytes of fields, then the BLIP
    fdgg = rec(0x0000, 0xF006, struct.pack("<IIII", 1026, 2, 2, 1) + struct.pack("<II", 1, 2))
    return rec(0x000F, 0xF000, fdgg + rec(0x001F, 0xF001, fbse))


def xls_with_picture(png: bytes, caption: str = "Lampiran") -> bytes:
    """A legacy workbook (xlwt) whose globals hold a drawing group with ``png`` in it, split over an
    MSODRAWINGGROUP record and CONTINUE records as Excel splits it (8,224 bytes a record)."""
    import struct

    import xlwt

    group = office_art_png_store(png)
    records = b"".join(struct.pack("<HH", 0x00EB if i == 0 else 0x003C, len(group[i:i + 8224])) + group[i:i + 8224]
                       for i in range(0, len(group), 8224))

    class Book(xlwt.Workbook):
        def _Workbook__country_rec(self):  # (xlwt lays the globals out and counts the sheets' offsets after it)
            return super()._Workbook__country_rec() + records

    book = Book()
    book.add_sheet("Foto").write(0, 0, caption)
    buf = io.BytesIO()
    book.save(buf)
    return buf.getvalue()
