"""User-facing words in Bahasa Indonesia and English.

Every message the user reads goes through here.  The language comes from
``--lang`` or, by default, from the locale (``LANG``/``LC_ALL``/
``LC_MESSAGES`` starting with ``id`` selects Indonesian).
"""
from __future__ import annotations

import os

LANGS = ("id", "en")


def default_lang() -> str:
    for var in ("DLP_LANG", "LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"):
        val = os.environ.get(var, "")
        if val:
            return "id" if val.lower().startswith(("id", "in_")) else "en"
    return "en"


ERRORS = {
    "encrypted": ("File terenkripsi dan tidak bisa dibuka tanpa kata sandi", "File is encrypted and cannot be opened without a password"),
    "corrupt": ("File rusak atau terpotong, tidak bisa dibaca seluruhnya", "File is corrupt or truncated and could not be read fully"),
    "unsupported": ("Jenis file tidak didukung, isinya tidak diperiksa", "Unsupported file type; its content was not checked"),
    "too_big": ("File melebihi batas ukuran, tidak diperiksa seluruhnya", "File exceeds the size limit and was not checked fully"),
    "unreadable": ("File tidak bisa dibaca", "File could not be read"),
    "no_text": ("Tidak ada teks yang bisa diambil, padahal isi diharapkan", "No text could be extracted where content was expected"),
    "ocr_unavailable": ("Gambar tidak bisa dibaca: mesin OCR tidak tersedia", "Image could not be read: no OCR engine available"),
    "limit": ("Batas pemeriksaan tercapai, sebagian isi tidak diperiksa", "A scanning limit was reached; part of the content was not checked"),
    "timeout": ("Waktu pemeriksaan file habis, sebagian isi tidak diperiksa", "Time limit reached; part of the file was not checked"),
    "internal": ("Kesalahan internal saat memeriksa file", "Internal error while scanning the file"),
    "not_found": ("File tidak ditemukan", "File not found"),
}


def error_message(code: str, detail: str = "", lang: str = "en") -> str:
    pair = ERRORS.get(code, ERRORS["unreadable"])
    msg = pair[0] if lang == "id" else pair[1]
    return f"{msg} ({detail})" if detail else msg


ENTITY_NAMES = {
    "ID_NIK": ("NIK (nomor KTP)", "NIK (national ID number)"),
    "ID_KK": ("Nomor Kartu Keluarga", "Family card (KK) number"),
    "ID_NIP": ("NIP pegawai negeri", "Civil servant number (NIP)"),
    "ID_NPWP": ("NPWP (nomor pokok wajib pajak)", "Taxpayer number (NPWP)"),
    "ID_PASSPORT": ("Nomor paspor", "Passport number"),
    "ID_LETTER_NUMBER": ("Nomor naskah dinas", "Official letter number"),
    "CLASSIFICATION_MARKING": ("Tanda klasifikasi keamanan", "Security classification marking"),
    "PHONE_NUMBER": ("Nomor telepon", "Phone number"),
    "EMAIL_ADDRESS": ("Alamat e-mail", "E-mail address"),
    "CREDIT_CARD": ("Nomor kartu pembayaran", "Payment card number"),
    "IP_ADDRESS": ("Alamat IP", "IP address"),
    "PERSON": ("Nama orang", "Person's name"),
    "SECRET": ("Kredensial (kata sandi, kunci, token)", "Credential (password, key, token)"),
    "GEOLOCATION": ("Lokasi GPS", "GPS location"),
}


def entity_name(entity: str, lang: str) -> str:
    pair = ENTITY_NAMES.get(entity)
    if not pair:
        return entity
    return pair[0] if lang == "id" else pair[1]


VERDICT_WORDS = {
    "safe": ("Aman dibagikan", "Safe to share"),
    "review": ("Perlu ditinjau", "Needs review"),
    "block": ("Jangan dibagikan", "Do not share"),
}

UI = {
    "summary": ("{files} file: {safe} aman, {review} perlu ditinjau, {block} jangan dibagikan, {errors} dengan galat",
                "{files} files: {safe} safe, {review} review, {block} block, {errors} with errors"),
    "no_findings": ("Tidak ada temuan", "No findings"),
    "errors": ("Galat", "Errors"),
    "findings": ("Temuan", "Findings"),
    "path_missing": ("Path tidak ditemukan: {path}", "Path not found: {path}"),
    "no_input": ("Tidak ada path yang diberikan", "No path given"),
    "bad_policy": ("Kebijakan tidak valid: {error}", "Invalid policy: {error}"),
    "redacted_note": ("Teks temuan disamarkan", "Matched text is masked"),
}


def verdict_word(verdict: str, lang: str) -> str:
    pair = VERDICT_WORDS[verdict]
    return pair[0] if lang == "id" else pair[1]


def ui(key: str, lang: str, **kw) -> str:
    pair = UI[key]
    return (pair[0] if lang == "id" else pair[1]).format(**kw)
