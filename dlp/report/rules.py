"""What each entity type is, why it matters and what to do, in Bahasa Indonesia and English.

One entry per entity type of the report contract (the keys are the contract's
entity names: they end up in baselines and in SARIF rule ids, so never rename
one).  The SARIF report turns each entry into a rule (``shortDescription`` =
the entity's name from :mod:`dlp.i18n`, ``fullDescription`` = ``what`` and
``why``, ``help`` = ``fix``); the text report prints ``fix`` under a file's
findings.
"""
from __future__ import annotations

from dlp.i18n import entity_name

# entity -> {"what": (id, en), "why": (id, en), "fix": (id, en)}
RULES: dict[str, dict[str, tuple[str, str]]] = {
    "ID_NIK": {
        "what": ("Nomor Induk Kependudukan (NIK): 16 digit di KTP dan Kartu Keluarga.",
                 "Nomor Induk Kependudukan (NIK): the 16-digit number on the KTP identity card."),
        "why": ("NIK mengenali satu penduduk seumur hidup; bersama nama dan tanggal lahir cukup untuk "
                "pemalsuan identitas dan pinjaman atas nama orang lain. Data pribadi menurut UU 27/2022 "
                "(Pelindungan Data Pribadi).",
                "A NIK identifies one resident for life; with a name and birth date it is enough for "
                "identity fraud and loans in someone else's name. Personal data under Law 27/2022 "
                "(Personal Data Protection)."),
        "fix": ("Hapus NIK atau samarkan (misalnya 3171********0001) sebelum dibagikan.",
                "Remove the NIK or mask it (e.g. 3171********0001) before sharing."),
    },
    "ID_KK": {
        "what": ("Nomor Kartu Keluarga (KK): 16 digit.", "Family card (Kartu Keluarga) number: 16 digits."),
        "why": ("Nomor KK membuka data seluruh anggota keluarga dan dipakai untuk registrasi kartu SIM "
                "dan layanan publik.",
                "A KK number opens the data of a whole household and is used to register SIM cards "
                "and public services."),
        "fix": ("Hapus nomor KK atau samarkan sebelum dibagikan.", "Remove or mask the KK number before sharing."),
    },
    "ID_NIP": {
        "what": ("Nomor Induk Pegawai (NIP) aparatur sipil negara: 18 digit (tanggal lahir, tanggal "
                 "pengangkatan, jenis kelamin, nomor urut).",
                 "Civil servant number (NIP): 18 digits (birth date, appointment date, sex, serial)."),
        "why": ("NIP memuat tanggal lahir pegawai dan sering dicantumkan di naskah dinas; di luar "
                "lingkungan kerja ia menjadi data pribadi.",
                "A NIP carries the employee's birth date and often appears in official letters; outside "
                "them it is personal data."),
        "fix": ("Periksa apakah NIP memang perlu ikut dibagikan; jika tidak, hapus.",
                "Check that the NIP really needs to be shared; if not, remove it."),
    },
    "ID_NPWP": {
        "what": ("Nomor Pokok Wajib Pajak (NPWP): 15 digit (99.999.999.9-999.999) atau 16 digit.",
                 "Taxpayer number (NPWP): 15 digits (99.999.999.9-999.999) or 16 digits."),
        "why": ("NPWP adalah data pajak yang dirahasiakan (UU KUP Pasal 34) dan, untuk orang pribadi, "
                "kini sama dengan NIK.",
                "An NPWP is confidential tax data (KUP Law art. 34) and, for individuals, now equals "
                "the NIK."),
        "fix": ("Hapus NPWP atau samarkan sebelum dibagikan.", "Remove or mask the NPWP before sharing."),
    },
    "ID_PASSPORT": {
        "what": ("Nomor paspor Republik Indonesia.", "Indonesian passport number."),
        "why": ("Nomor paspor cukup untuk memesan tiket dan memalsukan identitas perjalanan.",
                "A passport number is enough to book travel and fake travel identity."),
        "fix": ("Hapus nomor paspor sebelum dibagikan.", "Remove the passport number before sharing."),
    },
    "ID_LETTER_NUMBER": {
        "what": ("Nomor naskah dinas (nomor surat) menurut tata naskah dinas; kode SR, R atau T "
                 "menandai naskah Sangat Rahasia, Rahasia atau Terbatas.",
                 "Official letter number (nomor naskah dinas); a security code SR, R or T marks a "
                 "Top Secret, Secret or Restricted letter."),
        "why": ("Nomor naskah berklasifikasi menunjukkan bahwa isinya dikecualikan dari informasi "
                "publik (UU 14/2008 Keterbukaan Informasi Publik); nomor biasa pun menandai dokumen "
                "internal.",
                "A classified letter number shows the content is exempt from public information "
                "(Law 14/2008 on Public Information); even an ordinary one marks an internal document."),
        "fix": ("Naskah berkode SR/R/T jangan dibagikan; untuk nomor biasa, pastikan naskahnya memang "
                "boleh dipublikasikan.",
                "Do not share letters coded SR/R/T; for ordinary numbers, make sure the letter may be "
                "published."),
    },
    "CLASSIFICATION_MARKING": {
        "what": ("Tanda klasifikasi keamanan dokumen: SANGAT RAHASIA, RAHASIA, TERBATAS, atau BIASA/TERBUKA.",
                 "Security classification marking: SANGAT RAHASIA (top secret), RAHASIA (secret), "
                 "TERBATAS (restricted), or BIASA/TERBUKA (public)."),
        "why": ("Dokumen bertanda Sangat Rahasia, Rahasia atau Terbatas hanya untuk penerima yang berhak.",
                "Documents marked top secret, secret or restricted are for authorised recipients only."),
        "fix": ("Jangan bagikan dokumen berklasifikasi; minta versi yang sudah dinyatakan terbuka.",
                "Do not share classified documents; ask for a version cleared for release."),
    },
    "PHONE_NUMBER": {
        "what": ("Nomor telepon atau ponsel.", "Phone or mobile number."),
        "why": ("Nomor ponsel pribadi dipakai untuk penipuan, teror pinjol dan pengambilalihan akun.",
                "Private mobile numbers are used for scams, harassment and account takeover."),
        "fix": ("Ganti dengan nomor layanan resmi; nomor kantor yang memang publik bisa dimasukkan ke "
                "allowlist kebijakan.",
                "Use the official service number instead; public office numbers can go in the policy "
                "allowlist."),
    },
    "EMAIL_ADDRESS": {
        "what": ("Alamat e-mail.", "E-mail address."),
        "why": ("Alamat pribadi dipakai untuk phishing dan pengambilalihan akun.",
                "Personal addresses are used for phishing and account takeover."),
        "fix": ("Ganti dengan alamat resmi kantor; alamat yang memang publik bisa dimasukkan ke allowlist "
                "kebijakan.",
                "Use the office's official address instead; public addresses can go in the policy allowlist."),
    },
    "CREDIT_CARD": {
        "what": ("Nomor kartu kredit atau debit (lolos uji Luhn).", "Credit or debit card number (passes the Luhn check)."),
        "why": ("Nomor kartu cukup untuk transaksi daring curang.", "A card number is enough for fraudulent online payments."),
        "fix": ("Hapus nomor kartu; jika sudah terlanjur tersebar, minta bank memblokirnya.",
                "Remove the card number; if it was already shared, have the bank block the card."),
    },
    "IP_ADDRESS": {
        "what": ("Alamat IP; alamat jaringan internal (10.x, 172.16-31.x, 192.168.x) menunjukkan tata "
                 "letak jaringan kantor.",
                 "IP address; internal-network addresses (10.x, 172.16-31.x, 192.168.x) reveal the "
                 "office network layout."),
        "why": ("Alamat server internal membantu penyerang memetakan jaringan.",
                "Internal server addresses help an attacker map the network."),
        "fix": ("Hapus alamat IP internal dari dokumen publik.", "Remove internal IP addresses from public documents."),
    },
    "PERSON": {
        "what": ("Nama orang.", "A person's name."),
        "why": ("Nama saja jarang rahasia, tetapi bersama data lain menjadi data pribadi.",
                "A name alone is rarely secret, but with other data it becomes personal data."),
        "fix": ("Periksa apakah nama memang perlu disebut.", "Check whether the name needs to be there."),
    },
    "SECRET": {
        "what": ("Kredensial: kata sandi, kunci API, token, kunci privat.",
                 "Credential: password, API key, token, private key."),
        "why": ("Kredensial yang bocor memberi akses langsung ke sistem.",
                "A leaked credential gives direct access to a system."),
        "fix": ("Hapus kredensial dan segera ganti (rotasi) di sistemnya: anggap sudah bocor.",
                "Remove the credential and rotate it in its system at once: treat it as leaked."),
    },
    "GEOLOCATION": {
        "what": ("Koordinat GPS, misalnya di metadata foto.", "GPS coordinates, e.g. in a photo's metadata."),
        "why": ("Koordinat bisa menunjukkan rumah atau tempat kerja seseorang.",
                "Coordinates can reveal where someone lives or works."),
        "fix": ("Hapus metadata lokasi dari foto sebelum dibagikan.", "Strip location metadata from photos before sharing."),
    },
}

# The order rules are listed in (the contract's table, then the rest by name).
ORDER = ["ID_NIK", "ID_KK", "ID_NIP", "ID_NPWP", "ID_PASSPORT", "ID_LETTER_NUMBER", "CLASSIFICATION_MARKING",
         "PHONE_NUMBER", "EMAIL_ADDRESS", "CREDIT_CARD", "IP_ADDRESS", "PERSON", "SECRET", "GEOLOCATION"]


def _pick(pair: tuple[str, str], lang: str) -> str:
    return pair[0] if lang == "id" else pair[1]


def describe(entity: str, lang: str) -> dict[str, str]:
    """``name``, ``what``, ``why`` and ``fix`` of an entity type, in ``lang``.

    An entity type without an entry (a custom rule pack's) gets generic text.
    """
    rule = RULES.get(entity)
    if rule is None:
        generic = {
            "what": (f"Jenis temuan {entity} dari paket aturan tambahan.", f"Finding type {entity} from an added rule pack."),
            "why": ("Ditandai oleh kebijakan yang berlaku.", "Flagged by the policy in force."),
            "fix": ("Periksa temuan ini sebelum dibagikan.", "Check this finding before sharing."),
        }
        rule = generic
    return {"name": entity_name(entity, lang), **{k: _pick(v, lang) for k, v in rule.items()}}


def fix_text(entity: str, lang: str) -> str:
    return describe(entity, lang)["fix"]
