"""Archives: ZIP (and tar, gzip, bzip2, xz, 7-Zip, RAR), every member scanned as a file of its own.

Each member goes through :func:`dlp.extract.extract_bytes` with a child
context, so a PDF in a zip in an e-mail is read like a PDF on disk; its
chunks come back with the part ``member:NAME`` or ``member:NAME:PART``
(``member:lampiran/data.xlsx:sheet Data!C4``).

A hostile archive must not sink the scan, and a refused member must not hide
the rest.  So, member by member, before anything is inflated:

* nesting deeper than ``Limits.max_depth`` is refused (``limit``);
* more than ``Limits.max_members`` members: the rest is not read (``limit``);
* a member larger than ``Limits.max_bytes``, or all members together larger
  than ``Limits.max_uncompressed``, is refused (``too_big``) - the declared
  sizes are checked first and the actual bytes are counted while inflating,
  since a forged header can lie;
* a member whose compression ratio exceeds ``Limits.max_ratio`` (a zip bomb:
  42.zip, overlapping-entry bombs) is refused (``limit``) and the sweep goes on;
* an encrypted member is reported (``encrypted``) and skipped;
* directories are skipped.
"""
from __future__ import annotations

import io
import logging
import zipfile
import zlib

from dlp.models import Extraction, ScanError

# Members smaller than this are never called bombs, whatever their ratio
# (a 100 KB file of spaces compresses 1000:1 and is harmless).
RATIO_FLOOR = 1024 * 1024


def extract(data: bytes, ctx) -> Extraction:
    """Scan the members of a ZIP archive."""
    from dlp.extract import extract_bytes, nest

    out = Extraction("application/zip")
    lim = ctx.limits
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
        infos = zf.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError) as exc:
        out.errors.append(ScanError("corrupt", f"{type(exc).__name__}: {exc}"[:300]))
        return out
    if _too_deep(ctx, out):
        return out
    total = 0
    members = 0
    seen_offsets: set[int] = set()
    for info in infos:
        name = info.filename
        part = f"member:{name}"
        if info.is_dir() or name.endswith("/"):
            continue
        members += 1
        if _stop(out, ctx, members, name):
            break
        if info.flag_bits & 0x1:
            out.errors.append(ScanError("encrypted", "", part))
            continue
        # Overlapping entries (several names pointing at one compressed stream)
        # are the trick of non-recursive zip bombs.
        if info.header_offset in seen_offsets:
            out.errors.append(ScanError("limit", "overlapping zip entries (zip bomb)", part))
            continue
        seen_offsets.add(info.header_offset)
        verdict = _refuse(info.file_size, info.compress_size, total, lim)
        if verdict:
            out.errors.append(ScanError(verdict[0], verdict[1], part))
            if verdict[0] == "too_big" and "all members" in verdict[1]:
                break
            continue
        try:
            body = _read(zf, info, min(lim.max_bytes, lim.max_uncompressed - total))
        except _Refused as exc:
            out.errors.append(ScanError(exc.code, exc.detail, part))
            continue
        except NotImplementedError as exc:  # unknown compression method (e.g. deflate64, AES)
            out.errors.append(ScanError("unsupported", str(exc)[:300], part))
            continue
        except RuntimeError as exc:  # "File is encrypted" when the flag lied
            code = "encrypted" if "encrypt" in str(exc).lower() else "corrupt"
            out.errors.append(ScanError(code, str(exc)[:300], part))
            continue
        except (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError) as exc:
            out.errors.append(ScanError("corrupt", f"{type(exc).__name__}: {exc}"[:300], part))
            continue
        total += len(body)
        if body and info.compress_size and len(body) > RATIO_FLOOR and len(body) > lim.max_ratio * info.compress_size:
            out.errors.append(ScanError("limit", f"compression ratio over {lim.max_ratio}:1 (zip bomb)", part))
            continue
        nest(out, extract_bytes(body, ctx.child()), name)
    return out


class _Refused(Exception):
    def __init__(self, code: str, detail: str):
        super().__init__(detail)
        self.code = code
        self.detail = detail


def _refuse(size: int, compressed: int, total: int, lim) -> tuple[str, str] | None:
    """Why a member must not be inflated, judged from its declared sizes; None if it may."""
    if size > lim.max_bytes:
        return "too_big", f"{size} > {lim.max_bytes} bytes"
    if total + size > lim.max_uncompressed:
        return "too_big", f"all members over {lim.max_uncompressed} bytes uncompressed"
    if size > RATIO_FLOOR and size > lim.max_ratio * max(compressed, 1):
        return "limit", f"compression ratio {size // max(compressed, 1)}:1 over {lim.max_ratio}:1 (zip bomb)"
    return None


def _stop(out: Extraction, ctx, members: int, name: str) -> bool:
    """Whether the sweep stops before its ``members``-th member (``name``): past the member cap or
    the file's deadline (the error is added to ``out``)."""
    if members > ctx.limits.max_members:
        out.errors.append(ScanError("limit", f"more than {ctx.limits.max_members} members"))
        return True
    if ctx.expired():
        out.errors.append(ScanError("timeout", f"stopped at {name}"))
        return True
    return False


def _too_deep(ctx, out: Extraction) -> bool:
    """True, with a `limit` error on ``out``, when archives are nested past the depth cap."""
    if ctx.depth >= ctx.limits.max_depth:
        out.errors.append(ScanError("limit", f"archive nested deeper than {ctx.limits.max_depth}"))
        return True
    return False


def _read(zf: zipfile.ZipFile, info: zipfile.ZipInfo, cap: int) -> bytes:
    """Inflate one member, never more than ``cap`` bytes, whatever its header claims."""
    with zf.open(info) as fh:
        data = fh.read(cap + 1)
    if len(data) > cap:
        raise _Refused("too_big", f"inflates beyond {cap} bytes (size in header: {info.file_size})")
    return data


# -- tar and single-file compression --------------------------------------------------------
def extract_tar(data: bytes, ctx) -> Extraction:
    """Scan the members of a tar archive (plain or compressed)."""
    import tarfile

    from dlp.extract import extract_bytes, nest

    out = Extraction("application/x-tar")
    lim = ctx.limits
    if _too_deep(ctx, out):
        return out
    total = members = 0
    try:
        tf = tarfile.open(fileobj=io.BytesIO(data), mode="r:*")
    except (tarfile.TarError, OSError, EOFError, zlib.error) as exc:
        out.errors.append(ScanError("corrupt", f"{type(exc).__name__}: {exc}"[:300]))
        return out
    try:
        for info in tf:
            if not info.isfile():
                continue
            part = f"member:{info.name}"
            members += 1
            if _stop(out, ctx, members, info.name):
                break
            verdict = _refuse(info.size, info.size, total, lim)
            if verdict:
                out.errors.append(ScanError(verdict[0], verdict[1], part))
                if "all members" in verdict[1]:
                    break
                continue
            fh = tf.extractfile(info)
            body = fh.read(info.size) if fh else b""
            total += len(body)
            nest(out, extract_bytes(body, ctx.child()), info.name)
    except (tarfile.TarError, OSError, EOFError, zlib.error) as exc:
        out.errors.append(ScanError("corrupt", f"{type(exc).__name__}: {exc}"[:300]))
    return out


def extract_compressed(data: bytes, ctx) -> Extraction:
    """A single compressed stream (gzip, bzip2, xz): a tar inside, or one file."""
    import bz2
    import gzip
    import lzma

    from dlp.extract import extract_bytes, nest

    out = Extraction("application/gzip")
    lim = ctx.limits
    if _too_deep(ctx, out):
        return out
    if data[:2] == b"\x1f\x8b":
        opener, out.media_type = (lambda fh: gzip.GzipFile(fileobj=fh)), "application/gzip"
    elif data[:3] == b"BZh":
        opener, out.media_type = bz2.BZ2File, "application/x-bzip2"
    else:
        opener, out.media_type = lzma.LZMAFile, "application/x-xz"
    cap = min(lim.max_bytes, lim.max_uncompressed)
    try:
        with opener(io.BytesIO(data)) as fh:
            # Inflate in steps so that a bomb is stopped by its ratio early.
            pieces, size = [], 0
            while True:
                piece = fh.read(1 << 20)
                if not piece:
                    break
                pieces.append(piece)
                size += len(piece)
                if size > cap:
                    out.errors.append(ScanError("too_big", f"inflates beyond {cap} bytes"))
                    return out
                if size > RATIO_FLOOR and size > lim.max_ratio * len(data):
                    out.errors.append(ScanError("limit", f"compression ratio over {lim.max_ratio}:1 (bomb)"))
                    return out
        body = b"".join(pieces)
    except (OSError, EOFError, lzma.LZMAError, zlib.error, ValueError) as exc:
        out.errors.append(ScanError("corrupt", f"{type(exc).__name__}: {exc}"[:300]))
        return out
    if len(body) > 262 and body[257:262] == b"ustar":
        inner = extract_tar(body, ctx)
        out.chunks, out.errors = inner.chunks, out.errors + inner.errors
        return out
    name = (_gzip_name(data) if data[:2] == b"\x1f\x8b" else None) or "content"
    nest(out, extract_bytes(body, ctx.child()), name)
    return out


def _gzip_name(data: bytes) -> str | None:
    """The original file name stored in a gzip header (FNAME flag), if any."""
    if len(data) < 10 or not data[3] & 0x08:
        return None
    pos = 10
    if data[3] & 0x04:  # FEXTRA
        if len(data) < 12:
            return None
        pos += 2 + int.from_bytes(data[10:12], "little")
    end = data.find(b"\x00", pos)
    if end < 0:
        return None
    return data[pos:end].decode("latin-1") or None


# -- 7-Zip, RAR and other formats libarchive reads -------------------------------------------
def extract_libarchive(data: bytes, ctx) -> Extraction:
    """Scan the members of a 7-Zip or RAR (4 and 5) archive, or another format libarchive reads.

    The same caps as for ZIP: members, sizes counted while inflating, and the ratio of all bytes
    inflated so far to the archive's size (a solid 7-Zip archive has no size per member).  An
    encrypted member is reported (``encrypted``) and skipped; one libarchive cannot read
    (an unsupported method, a broken block) stops the sweep with an error, since what follows it
    in a solid archive cannot be read either.
    """
    from dlp.extract import extract_bytes, nest

    mt = ("application/x-7z-compressed" if data[:6] == b"7z\xbc\xaf\x27\x1c" else
          "application/vnd.rar" if data[:4] == b"Rar!" else "application/octet-stream")
    out = Extraction(mt)
    lim = ctx.limits
    if _too_deep(ctx, out):
        return out
    try:
        import libarchive
    except (ImportError, OSError) as exc:  # the binding, or the libarchive13 library itself, missing
        out.errors.append(ScanError("unsupported", f"{mt}: {exc}"[:300]))
        return out
    # (the binding logs libarchive's warnings - "7-Zip bad CRC" - which, with no handler set, Python
    # prints on stderr: the error below says it once, in the report)
    logging.getLogger("libarchive").setLevel(logging.ERROR)
    total = members = 0
    name = ""
    try:
        with libarchive.memory_reader(data) as reader:
            for entry in reader:
                name = entry.pathname or "?"
                if not entry.isfile:
                    continue
                part = f"member:{name}"
                members += 1
                if _stop(out, ctx, members, name):
                    break
                if _encrypted(entry):
                    out.errors.append(ScanError("encrypted", "", part))
                    continue
                # (the declared size against the whole archive's: no member has a compressed size of its own)
                verdict = _refuse(entry.size or 0, len(data), total, lim)
                if verdict:
                    out.errors.append(ScanError(*verdict, part))
                    if verdict[0] == "too_big" and "all members" not in verdict[1]:
                        continue
                    break
                cap = min(lim.max_bytes, lim.max_uncompressed - total)
                bomb = max(RATIO_FLOOR, lim.max_ratio * len(data))  # all bytes inflated may not pass this
                pieces, size = [], 0
                for block in entry.get_blocks():  # (counted as they come: a declared size can lie)
                    pieces.append(block)
                    size += len(block)
                    if size > cap or total + size > bomb:
                        break
                total += size
                if size > cap:
                    out.errors.append(ScanError("too_big", f"inflates beyond {cap} bytes", part))
                    continue
                if total > bomb:
                    out.errors.append(ScanError("limit", f"compression ratio over {lim.max_ratio}:1 (bomb)", part))
                    break
                nest(out, extract_bytes(b"".join(pieces), ctx.child()), name)
    except libarchive.ArchiveError as exc:
        text = str(exc)
        code = "encrypted" if "ncrypt" in text or "assphrase" in text else "corrupt"
        out.errors.append(ScanError(code, text[:300], f"member:{name}" if name else ""))
    return out


def _encrypted(entry) -> bool:
    """libarchive's archive_entry_is_encrypted (not wrapped by libarchive-c): data or header encrypted."""
    try:
        import ctypes

        from libarchive import ffi

        fn = ffi.libarchive.archive_entry_is_encrypted
        fn.argtypes, fn.restype = [ctypes.c_void_p], ctypes.c_int
        return bool(fn(entry._entry_p))
    except (AttributeError, OSError):  # an older libarchive: its read error will say so instead
        return False
