"""SECRET: private keys, token formats, password assignments vs. hashes, placeholders and prose.

Every credential here is made up at run time (seeded), none is real.
"""
from __future__ import annotations

import base64
import random
import string

import pytest

E = "SECRET"
_R = random.Random(20220913)
UP, LO, DG = string.ascii_uppercase, string.ascii_lowercase, string.digits


def fake(n: int, alphabet: str = UP + LO + DG) -> str:
    return "".join(_R.choice(alphabet) for _ in range(n))


AWS = "AKIA" + fake(16, UP + DG)
GOOGLE = "AIza" + fake(35, UP + LO + DG + "_-")
GITHUB = "ghp_" + fake(36)
GITHUB_PAT = "github_pat_" + fake(22) + "_" + fake(59)
GITLAB = "glpat-" + fake(20)
SLACK = "xoxb-" + fake(11, DG) + "-" + fake(12, DG) + "-" + fake(24)
STRIPE = "sk_live_" + fake(24)
JWT = ("eyJ" + fake(17, UP + LO + DG) + ".eyJ" + fake(40, UP + LO + DG) + "." + fake(43, UP + LO + DG + "_-"))
TELEGRAM = fake(10, DG) + ":AA" + fake(33, UP + LO + DG + "_-")
MIDTRANS = "Mid-server-" + fake(24)
BEARER = fake(40, UP + LO + DG + "-._")
BASIC = base64.b64encode(b"operator:" + fake(12).encode()).decode()
PEM_BODY = "\n".join(fake(64, UP + LO + DG + "+/") for _ in range(3)) + "\n" + fake(20) + "=="
PEM = f"-----BEGIN EC PRIVATE KEY-----\n{PEM_BODY}\n-----END EC PRIVATE KEY-----"
RSA_CUT = "-----BEGIN RSA PRIVATE KEY-----\n" + "\n".join(fake(64, UP + LO + DG + "+/") for _ in range(4))
OPENSSH = f"-----BEGIN OPENSSH PRIVATE KEY-----\n{PEM_BODY}\n-----END OPENSSH PRIVATE KEY-----"
PW = "Tr9k!Ln#" + fake(6)

# (text, expected secret span)
POSITIVES = [
    (f"private key untuk server arsip:\n{PEM}\nsimpan di ~/.ssh", PEM),
    (f"kunci lama:\n{OPENSSH}", OPENSSH),
    (f"{RSA_CUT}\n\n[terpotong]", RSA_CUT),                     # a cut-off paste still leaks
    (f"AWS_ACCESS_KEY_ID={AWS}", AWS),
    ("PIN ATM 482913 jangan disebar", "482913"),                 # a PIN with its card or bank word
    ("Kode PIN: 998877", "998877"),
    ("PIN m-banking BRI 270465", "270465"),
    ("PIN ATM saya 123456", "123456"),                           # whose PIN it is, in any case
    ("tulis pin atm 654321 di kertas", "654321"),
    ("pin: 4821", "4821"),
    (f"pakai key {AWS} ya", AWS),
    (f"FIREBASE_API_KEY={GOOGLE}", GOOGLE),
    (f"token: {GITHUB}", GITHUB),
    ("token bot: 110201543:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw", "110201543:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw"),
    ("notifikasi ke https://hooks.slack.com/services/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",
     "https://hooks.slack.com/services/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"),  # a secret that is a URL
    (f"git remote set-url origin https://{GITHUB}@github.com/org/repo", GITHUB),
    (f"export GH_TOKEN={GITHUB_PAT}", GITHUB_PAT),
    (f"gitlab {GITLAB}", GITLAB),
    (f"SLACK_BOT_TOKEN={SLACK}", SLACK),
    (f"stripe.api_key = '{STRIPE}'", STRIPE),
    (f"Cookie: session={JWT}", JWT),
    (f"Authorization: Bearer {BEARER}", BEARER),
    (f"Authorization: Basic {BASIC}", BASIC),
    (f"bot telegram {TELEGRAM}", TELEGRAM),
    (f"MIDTRANS_SERVER_KEY={MIDTRANS}", MIDTRANS),
    (f"DB_PASSWORD={PW}", PW),
    (f"DB_PASS={PW}", PW),
    (f"SMTP_PASSWORD='{PW}'", PW),
    (f"MAIL_PASSWORD=ismigjypleonpmfp", "ismigjypleonpmfp"),
    (f"JWT_SECRET={fake(48)}", None),
    (f'{{"username": "admin", "password": "{PW}"}}', PW),
    (f"database:\n  password: {PW}\n  host: 10.0.0.5", PW),
    (f"<password>{PW}</password>", PW),
    (f'<add key="DbPassword" value="{PW}" />', PW),
    (f"PASSWORD: {PW}", PW),
    (f"pwd={PW}", PW),
    (f"api_key: {fake(32, LO + DG)}", None),
    (f"client_secret = \"{fake(40)}\"", None),
    (f"kata sandi: {PW}", PW),
    (f"Kata Sandi : {PW}", PW),
    (f"sandi: {PW}", PW),
    (f"Password wifi kantor: Bandung{fake(4, DG)}", None),
    (f"passwordnya: {PW} ya pak", PW),
    (f"kata sandi email saya adalah {PW}", PW),
    (f"akun simpeg user: admin pw: {PW}", PW),                       # "pw", short for password
    (f"DB_PW={PW}", PW),
    (f"DATABASE_URL=postgres://simpeg:{PW}@10.31.2.44:5432/app", PW),
    (f"mongodb+srv://admin:{PW}@cluster0.example.net/db", PW),
    # a help desk's reply: several words, a slash or a dot between the key and its colon
    (f"Password akun SIMPEG Bapak/Ibu: {PW}", PW),
    (f"password email dinas pak Budi: {PW}", PW),
    (f"Kata sandi baru akun SIPD Bapak: {PW}", PW),
    (f"Sandi WiFi lt.3: {PW}", PW),
    (f"Password WiFi R. Rapat: {PW}", PW),
    ("kartu ATM BOS saya titip, pin nya 482915 ya", "482915"),          # a PIN with its "-nya"
    ("pin ATM nya 482915", "482915"),
    # passwords on a command line
    (f"mysqldump -u root -p{PW} simpeg > simpeg.sql", PW),
    (f"mysql -h 10.1.5.20 -u admin -p'{PW}' simpeg", f"'{PW}'"),
    (f'sshpass -p "{PW}" ssh root@10.0.0.1', f'"{PW}"'),
    (f"Silakan gunakan password: {PW} untuk login", PW),                # an instruction, not advice
    ("password default: 123456 (wajib diganti)", "123456"),
    # chat hand-offs without a colon: the particle, or what the password is for, between key and value
    ("27/11/26 08.05 - Teh Ratna TU: pw na sukses2026", "sukses2026"),
    ("pass nya mekarwangi2026", "mekarwangi2026"),
    ("password nya Sukses2026 ya bu", "Sukses2026"),
    ("pw wifi sukses2026", "sukses2026"),
    ("pass wifinya sukses2026", "sukses2026"),
    ("pasword wifi sukses2026", "sukses2026"),                         # misspelt
    ("pw wifi lt 2: sukses2026", "sukses2026"),                        # a floor number before the colon
    ("pwnya Sukses2026!", "Sukses2026!"),
    ("passwordne Bandung2024", "Bandung2024"),
    # IT configs and hand-overs
    ("define( 'DB_PASSWORD', 'Kominfo$2025PM0' );", "Kominfo$2025PM0"),                  # wp-config.php
    ("define('AUTH_KEY', ')0;K&:I,@HR!x9Lm#pQ2vB7nW4sZ8tY1uE6');", ")0;K&:I,@HR!x9Lm#pQ2vB7nW4sZ8tY1uE6"),
    ("$config['encryption_key'] = 'yMZ5ZjlIuBDlk4yJZy7WDjBMipLeFPs1';", "yMZ5ZjlIuBDlk4yJZy7WDjBMipLeFPs1"),
    ('$_ENV["DB_PASSWORD"] = "Sapa!2024warga";', "Sapa!2024warga"),
    ("headers: {'Authorization': 'xV6PMHa1lnwXv6EkrZt!'}", "xV6PMHa1lnwXv6EkrZt!"),        # a WhatsApp gateway
    ("curl -H 'Authorization: Zx8kP2mQ9vL4rT7wY1nB' https://api.wablas.com/api/send", "Zx8kP2mQ9vL4rT7wY1nB"),
    ("Authorization: Token 9f8e7d6c5b4a39281706f5e4d3c2b1a0", "9f8e7d6c5b4a39281706f5e4d3c2b1a0"),
    ('{"key": "x-api-key", "value": "AoaOyxjHrKOuP88htEf4SQcIHgBpBMcbrqkx9tPq", "type": "text"}',
     "AoaOyxjHrKOuP88htEf4SQcIHgBpBMcbrqkx9tPq"),                                          # a Postman collection
    ("Server=10.1.1.5;User Id=sa;Password=Bappeda!2018mcR;MultipleActiveResultSets=True", "Bappeda!2018mcR"),
    ("< Set-Cookie: sipd_session=eyJpdiI6Ik1vZ1RwN0x2QjZIUlp3PT0iLCJ2YWx1ZSI6; httponly",
     "eyJpdiI6Ik1vZ1RwN0x2QjZIUlp3PT0iLCJ2YWx1ZSI6"),
    ("Cookie: XSRF-TOKEN=abc; laravel_session=eyJpdiI6IkxBcDN4V2FUZ0pQZz09IiwidmFsdWUi",
     "eyJpdiI6IkxBcDN4V2FUZ0pQZz09IiwidmFsdWUi"),
    ("requirepass mVaV0qOe6gWCEhvjUNJQocc1QRx0iAdS", "mVaV0qOe6gWCEhvjUNJQocc1QRx0iAdS"),  # redis.conf
    ("command: redis-server --requirepass rV7c2xQ0hKRBlw32u7XGQkq8 --appendonly yes", "rV7c2xQ0hKRBlw32u7XGQkq8"),
    ("htpasswd -bc /etc/nginx/.htpasswd admin Admin!2020KzG", "Admin!2020KzG"),
    ("10.90.1.9:5432:*:replikator:Dinsos#2022QPos", "Dinsos#2022QPos"),                    # .pgpass
    ("# akun basic auth sementara: monitor / Dinsos!2024wT6  (ganti setelah UAT)", "Dinsos!2024wT6"),
    ("akun simpeg: admin / Bkpsdm#2024", "Bkpsdm#2024"),
]

NEGATIVES = [
    "PIN 2024 diluncurkan bulan depan",                           # a bare number after PIN may be anything
    "SPIN: 1234",
    "pinjaman: 500000",
    "PIN: 12",
    "NPWP: 09.254.294.3-407.000 (npwp pribadi)",                 # "pw" inside npwp is no key
    "pw: 12",
    "Nomor PIN BB 2A3F4C",
    "Commit   : 83f5e92fc6e308d0dbdfd51862eb9470688175d2",
    "SHA-256  : 22644eef7b961d3dc12bd5af24739cd8d2f1338e26a1731964d0c40647c4c23d  layanan-pajak-4.1.3.2.apk",
    "request id 123e4567-e89b-12d3-a456-426614174000",
    "password=",
    "DB_PASSWORD=",
    "password=****",
    "PASSWORD: <password>",
    "password: <isi kata sandi>",
    "DB_PASS=${DB_PASS}",
    "SMTP_PASSWORD=%(smtp_password)s",
    "password: changeme",
    "password = your_password_here",
    "password: xxxxxxxx",
    "password: (lihat di brankas kata sandi)",
    "DB_PASSWORD_FILE=/run/secrets/db_password",
    "Lupa kata sandi? Klik tautan reset.",
    "Akun diblokir sementara, kata sandi diganti, semua perangkat dikeluarkan.",
    "kata sandi: minimal 8 karakter, kombinasi huruf dan angka",
    "Sandi: besok saya ke kantor",
    "password adalah kunci keamanan akun",
    "token_expiry=3600",
    "TOKEN_TTL: 86400",
    "passport_no: A1234567",
    "Dinas Komunikasi, Informatika dan Persandian: laporan",
    "public_key: " + fake(40),
    "Apakah kunci rumah sudah dibawa?",
    "task-" + fake(40, LO),
    "https://jdih.example.go.id/produk/2021/peraturan.pdf",
    # advice and examples in a cyber-safety post
    "Jangan gunakan password: 123456 atau tanggal lahir",
    "Contoh password yang kuat: Bandung#2024!",
    "Hindari kata sandi: qwerty123",
    "mysql -u root -p simpeg",                                    # -p alone: the password is asked for
    "mysql -u root -p -h 10.0.0.2 simpeg",
    # a setup guide's placeholders and the providers' own documentation examples
    "AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE",
    "AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
    "MIDTRANS_SERVER_KEY=SB-Mid-server-xxxxxxxxxxxxxxxxxxxx",
    "XENDIT_SECRET_KEY=xnd_development_xxxxxxxxxxxxxxxxxxxxxxxx",
    'MIDTRANS_SERVER_KEY = os.getenv("MIDTRANS_SERVER_KEY", "")',
    "APP_KEY: ${APP_KEY:?APP_KEY belum di-set}",
    'mysqldump -u backup -p"$DB_BACKUP_PASSWORD" arsip > arsip.sql',
    "set PGPASSWORD=%DB_PASSWORD%",
    "define( 'AUTH_KEY',         'put your unique phrase here' );",   # wp-config-sample.php
    "define('WP_DEBUG', false);",
    "# requirepass foobared",                                          # redis.conf's own example
    "Authorization: Bearer",
    '{"key": "Content-Type", "value": "application/json"}',
    "akun IG: @dinsos_kota / @humas_kota",
    "Login jam: 08.00 / 16.00 WIB",
    "Akun YouTube: humaskota / 12rb subscriber",
    # chat without a value: no digit, too short, or advice
    "pw nya sudah saya ganti ya",
    "pass nya 2 orang",
    "Pass nya jam 08.00-10.00",
    "password baru 2024",
    "Jangan pakai pw nya 123456 ya",
    "pasword wifi kantor ada di meja resepsionis",
    "passing grade 2024 naik",
]


@pytest.fixture(scope="module")
def rec():
    from dlp.classifiers.secret_recognizer import SecretRecognizer

    return SecretRecognizer(supported_language="id")


def _secret_of(text: str, expected: str | None) -> str:
    """The expected span: given, or the value after the last = / : of the text."""
    if expected is not None:
        return expected
    value = text.replace(":", "=").rsplit("=", 1)[1].strip().strip("'\"")
    return value.split()[-1] if " " in value else value


@pytest.mark.parametrize("text,expected", POSITIVES)
def test_engine_reports_secret(analyzer, text, expected):
    got = [f.text for f in analyzer.analyze_text(text) if f.entity_type == E]
    assert _secret_of(text, expected) in got


@pytest.mark.parametrize("text,expected", POSITIVES)
def test_recognizer_span(rec, text, expected):
    want = _secret_of(text, expected)
    assert want in [text[r.start:r.end] for r in rec.analyze(text, [E])]


@pytest.mark.parametrize("text", NEGATIVES)
def test_not_a_secret(analyzer, text):
    assert [f.text for f in analyzer.analyze_text(text) if f.entity_type == E] == []


def test_secret_blocks_and_explains(analyzer):
    from dlp.policy import Policy

    (f,) = [f for f in analyzer.analyze_text(f"DB_PASSWORD={PW}") if f.entity_type == E]
    assert Policy.default().severity(f) == "block"
    assert "DB_PASSWORD" in f.reason["en"] and "kata sandi" in f.reason["id"]


def test_connection_string_is_no_email(analyzer):
    text = f"postgres://app:{PW}@db.example.com/simpeg"
    types = {(f.entity_type, f.text) for f in analyzer.analyze_text(text)}
    assert (E, PW) in types
    assert not [t for t in types if t[0] == "EMAIL_ADDRESS"]


def test_pasted_env_file(analyzer):
    env = "\n".join([
        "APP_ENV=production", "APP_DEBUG=false", "DB_HOST=10.31.2.44", "DB_USERNAME=app",
        f"DB_PASSWORD={PW}", "MAIL_USERNAME=noreply@example.com", f"JWT_SECRET={fake(48)}", "CACHE_TTL=3600",
    ])
    got = [f.text for f in analyzer.analyze_text(env) if f.entity_type == E]
    assert len(got) == 2 and PW in got


def test_keyword_prefilter_skips_rules(rec, monkeypatch):
    """A rule whose keyword is absent never runs its regex (gitleaks-style)."""
    calls = []
    for rule in rec.rules:
        if rule["keywords"]:
            real = rule["rx"]

            class Spy:
                groupindex = real.groupindex

                def finditer(self, text, _real=real, _id=rule["id"]):
                    calls.append(_id)
                    return _real.finditer(text)

            monkeypatch.setitem(rule, "rx", Spy())
    rec.analyze("Laporan kegiatan tanpa kredensial apa pun.", [E])
    assert calls == []
    rec.analyze(f"Authorization: Bearer {BEARER}", [E])
    assert calls == ["bearer-token"]


def test_a_tab_indented_php_array_is_no_password_table(analyzer):
    """CodeIgniter's database.php: the password line is an assignment, not a table's header."""
    text = ("$db['default'] = array(\n\t'hostname' => 'localhost',\n\t'password' => 'Server!2019y42',\n"
            "\t'database' => 'sipd_bappeda',\n\t'dbdriver' => 'mysqli',\n);\n")
    assert [f.text for f in analyzer.analyze_text(text) if f.entity_type == "SECRET"] == ["Server!2019y42"]


def test_rule_table_ids_are_unique():
    from dlp.classifiers._text import load_yaml

    ids = [r["id"] for r in load_yaml("dlp.patterns", "secrets.yaml")["rules"]]
    assert len(ids) == len(set(ids)) and len(ids) >= 15


@pytest.mark.parametrize("regex, marks", [
    (r"(?P<secret>gh[pousr]_[A-Za-z0-9]{36,255})(?!\w)", {"_"}),
    (r"://[^\s:/@]{1,64}:(?P<secret>[^\s@/]{1,128})@[\w.\-\[\]]+", {":", "/", "@"}),
    (r"(?:SB-)?Mid-server-[A-Za-z0-9_\-]{20,}", {"-"}),       # "SB-" is optional, "server-" is not
    (r"x(?:_a|_b)", {"_"}),                                   # in every branch
    (r"x(?:_a|-b)", set()),                                   # in one branch only
    (r"x(?:_a)?", set()), (r"x(?:_a)*", set()), (r"x(?:_a){1,3}", {"_"}),
    (r"x(?=_)", set()),                                       # a look-ahead is not relied on
    (r"(?i)bearer\s+(?P<secret>[A-Za-z0-9\-._~+/]{20,}=*)", set()),  # only letters and classes
    (r"[", set()),                                            # unreadable: requires nothing
])
def test_required_marks(regex, marks):
    from dlp.classifiers.secret_recognizer import required_marks

    assert required_marks(regex) == frozenset(marks)


def test_mark_prefilter_agrees_with_regexes(rec):
    """A text without a rule's required mark has no match of that rule (the filter loses nothing)."""
    for rule in rec.rules:
        for text in (AWS, GOOGLE, GITHUB, GITHUB_PAT, GITLAB, SLACK, STRIPE, JWT, TELEGRAM):
            if rule["rx"].search(text):
                assert rule["needs"] <= {c for c in text}, rule["id"]


# Lists of accounts: the password column of a delimited table, or a value under its own header line.
PASSWORD_TABLES = [
    ("No | Aplikasi | Username | Password\n1 | SIMPEG | admin.bkd | Bkd#2024\n2 | SIPD | operator | Sipd@Kab01\n",
     ["Bkd#2024", "Sipd@Kab01"]),
    ("No;Aplikasi;User;Kata Sandi\n1;SRIKANDI;budi;Srk!2024x\n", ["Srk!2024x"]),
    ("Aplikasi\tPassword SIPD\nSIPD\tSipd@Kab01\n", ["Sipd@Kab01"]),
    ("Password\nBkd#2024aman\n", ["Bkd#2024aman"]),                       # a spreadsheet cell and its header
    # placeholders, prose, a column that only mentions passwords, and the end of the table
    ("No | Aplikasi | Password\n1 | SIMPEG | ********\n2 | SIPD | (sama)\n", []),
    ("Password\nAnda harus menggantinya setiap 90 hari.\n", []),
    ("No | Nama | Keterangan\n1 | Budi | Password sudah direset\n", []),
    ("User | Password\nbudi | Bkd#2024\n\nCatatan | Tanggal | Oleh\nGanti | 2024 | admin\n", ["Bkd#2024"]),
]


@pytest.mark.parametrize("text,expected", PASSWORD_TABLES)
def test_password_columns(analyzer, text, expected):
    assert [f.text for f in analyzer.analyze_text(text) if f.entity_type == E] == expected


def test_password_column_of_a_real_workbook(tmp_path):
    import openpyxl

    from dlp.pipeline import Scanner

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Akun"
    for row in (["No", "Aplikasi", "Username", "Password"], [1, "SIMPEG", "admin.bkd", "Bkd#2024"],
                [2, "Portal", "humas", "password"]):
        ws.append(row)
    wb.save(tmp_path / "akun.xlsx")
    result = Scanner().scan_file(tmp_path / "akun.xlsx")
    assert [(f.entity_type, f.text, f.part) for f in result.findings if f.entity_type == E] == [
        (E, "Bkd#2024", "sheet Akun!D2")]
    assert result.verdict == "block"


# A secret's key with words about what it is for; a value sent on the next line or chat message.
APART = [
    ("* token API e-kinerja: `ek_live_9fK2mQ7xR4tB8wZ1nH6cJ3vL`", "ek_live_9fK2mQ7xR4tB8wZ1nH6cJ3vL"),
    ("API token e-kinerja: ek_live_9fK2mQ7xR4tB8wZ1nH6cJ3vL", "ek_live_9fK2mQ7xR4tB8wZ1nH6cJ3vL"),
    ("11/04/24 16.21 - Kasubbag Umum: pw nya\n11/04/24 16.21 - Kasubbag Umum: Srik@ndi_87!", "Srik@ndi_87!"),
    ("[12/03/24, 10.14.07] Eka: passwordnya\n[12/03/24, 10.14.19] Eka: Bandung#2024", "Bandung#2024"),
    ("Password:\nSrik@ndi_87!", "Srik@ndi_87!"),
    ("Password akun SIMPEG:\n  Bkpsdm#2024", "Bkpsdm#2024"),
]


@pytest.mark.parametrize("text,expected", APART)
def test_secret_after_words_or_on_the_next_line(analyzer, text, expected):
    assert [f.text for f in analyzer.analyze_text(text) if f.entity_type == E] == [expected]


@pytest.mark.parametrize("text", [
    "Token listrik PLN: 5123 4567 8901 2345 6789",
    "Password:\nGunakan kombinasi huruf dan angka",
    "pw nya\nok siap",
    "passwordnya\nnanti saya kirim",
    "Jangan pakai pw nya\n12345678",
])
def test_no_secret_after_words_or_on_the_next_line(analyzer, text):
    assert [f.text for f in analyzer.analyze_text(text) if f.entity_type == E] == []


def test_an_empty_setting_takes_no_value_from_the_next_line(analyzer):
    text = "APP_NAME=Laravel\nAPP_KEY=\nAPP_DEBUG=true\nDB_PASSWORD:\ndb_user: admin\n"
    assert [f.text for f in analyzer.analyze_text(text) if f.entity_type == E] == []
