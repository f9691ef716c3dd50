"""SECRET: credentials pasted into drafts, chats, notes and configuration files.

What
    * private keys: a whole ``-----BEGIN ... PRIVATE KEY-----`` block (RSA, EC,
      DSA, OpenSSH, encrypted PKCS#8, PGP), or what is left of it when the paste
      was cut off; PuTTY key files;
    * token formats with a recognisable shape (``patterns/secrets.yaml``): AWS
      ``AKIA...``, Google ``AIza...``, GitHub ``ghp_``/``github_pat_``, GitLab,
      Slack ``xox?-``, Stripe ``sk_live_``, JWTs ``eyJ...eyJ...``, bearer
      tokens, Telegram bots, Midtrans and Xendit keys, passwords inside
      connection strings (``postgres://user:pass@host``);
    * assignments in pasted configs and notes - ``DB_PASSWORD=...``,
      ``SMTP_PASSWORD=``, ``JWT_SECRET=``, ``api_key: ...``, ``"password":
      "..."``, ``<password>...</password>``, ``kata sandi: ...``,
      ``sandi: ...``, ``pwd=...`` - where the value is the finding.

    Not secrets: git commit hashes and SHA-256 checksums in release notes
    (no key names them a secret), UUIDs, ``password=`` with an empty value or a
    placeholder (``****``, ``<password>``, ``${DB_PASS}``, ``changeme``,
    ``your_password``: documentation, not a credential - a decision recorded
    here), prose such as "lupa kata sandi" or "kata sandi minimal 8 karakter".

Why
    A leaked credential is an open door whatever document it sits in
    (UU 27/2022 on personal data protection and BSSN guidance on incident
    handling treat credential exposure as an incident).

How
    gitleaks-style: every rule has keywords, and a rule's regex runs only when
    one of them occurs in the text; assignment keys are found from a short
    list of key words, then split into words so ``passport`` or
    ``Persandian`` never count as ``pass`` or ``sandi``.
"""
from __future__ import annotations

import logging
import math
import re
from collections import Counter

from dlp.classifiers._text import Recognizer, dedupe, find_all, line_end, load_yaml, lower, reason

ENTITY = "SECRET"
log = logging.getLogger(__name__)

# -- private keys -------------------------------------------------------------------
PEM_BEGIN = re.compile(r"-----BEGIN ((?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?)-----")
PEM_BODY_LINE = re.compile(r"[ \t]*(?:[A-Za-z0-9+/=]{8,}|[A-Za-z-]+: .*|)[ \t]*\r?$")
PUTTY = re.compile(r"PuTTY-User-Key-File-\d+: .*?(?:Private-MAC: [0-9a-fA-F]+|\Z)", re.DOTALL)

# -- assignments --------------------------------------------------------------------
# Where a key word occurs (in the lower-cased text); the key around it is then read.
KEY_WORDS = ("pass", "pwd", "secret", "token", "sandi", "key", "auth", "credential", "kredensial")
# Whether one of KEY_WORDS is in the text: "key" is tested first on its own (the private-key markers
# hold it too), and "credential" and "kredensial" share "reden" (one scan for both).
KEY_GATE = ("pass", "pwd", "secret", "token", "sandi", "auth", "reden")
PASSWORD_WORDS = {"password", "passwd", "pass", "pwd", "passphrase", "passcode", "passwort", "pw", "sandi",
                  "katasandi", "pword", "pswd", "psw"}
SECRET_WORDS = {"secret", "token", "apikey", "credential", "credentials", "kredensial", "secretkey",
                "accesskey", "privatekey", "apitoken", "authtoken", "clientsecret"}
KEY_PAIR_FIRST = {"api", "access", "private", "secret", "app", "master", "signing", "encryption", "auth",
                  "license", "account", "service", "storage", "client", "consumer", "server", "webhook", "hmac",
                  "session", "crypt", "sign", "jwt", "maps", "firebase", "recaptcha", "sendgrid", "mailgun",
                  "twilio", "stripe", "midtrans", "xendit", "aws", "gcp", "azure", "encrypt", "decrypt", "cipher"}
NOT_SECRET_WORDS = {"public", "pub", "id", "expiry", "expire", "expires", "expiration", "ttl", "length", "len",
                    "timeout", "url", "uri", "endpoint", "file", "path", "dir", "type", "name", "user", "username",
                    "usage", "count", "enabled", "enable", "policy", "reset", "hint", "lifetime", "max", "min",
                    "hash", "header", "prefix", "field", "param", "rotation", "required", "algorithm", "algo",
                    "format", "mode", "version", "limit", "regex", "pattern", "label", "placeholder", "strength",
                    "rule", "rules", "validation", "provider", "method", "store", "manager", "env", "size",
                    "salt", "rounds", "iterations", "cost", "confirm", "confirmation", "old", "lama", "forgot",
                    "lupa", "min", "hashed", "bcrypt", "kind", "location", "region", "bucket", "host", "port",
                    "bits", "alias", "storepass", "listrik", "pln", "antrean", "antrian", "booking", "nomor",
                    "petunjuk"}
TOKENS_OF_KEY = re.compile(r"[A-Z]?[a-z]+|[A-Z]+(?![a-z])|\d+")
# After the key: optional quote, then an operator; a password key may have a few words
# between ("Password wifi kantor: ...", "kata sandi akun SIMPEG: ...").
OPERATOR = re.compile(r"""["']?[ \t]*(?:(?P<words>(?:[ \t]+[^\W\d_][\w\-]{0,20}){1,3}?)[ \t]*)?"""
                      r"""(?P<op>:=|=>|=|:|\uff1a|(?<=\s)(?:adalah|yaitu|ialah|is)(?=[ \t]))[ \t]*""")
BARE_VALUE = re.compile(r"[ \t]+(?P<v>(?=[^\s]*\d)[^\s\"'<>()]{6,64})(?=[\s,.;!?]*(?:$|\s))", re.MULTILINE)
XML_ELEMENT = re.compile(r"<(?P<tag>[\w:.\-]{0,40}(?:password|passwd|pwd|secret|token|apikey|api_key)[\w:.\-]{0,20})>"
                         r"(?P<secret>[^<\n]{1,200})</(?P=tag)>", re.IGNORECASE)
XML_KEY_VALUE = re.compile(r"""(?i)\bkey\s*=\s*["'](?P<key>[^"'\n]{1,60})["']\s+"""
                           r"""value\s*=\s*["'](?P<secret>[^"'\n]{1,200})["']""")

PLACEHOLDER = re.compile(
    r"(?ix)(?:"
    r"[*•x.#?_\-]+|<[^>]*>|[\[(].*|\{\{.*\}\}|\{[\w.\-]*\}|\$\{?[\w.:\-]+\}?(?::-?[^}]*\})?|%\(?\w+\)?s?|%\w+%|"
    r"(?:your|my|the|enter|input|isi|masukkan|insert|new|some|example|sample|dummy|fake|test)[_\-\s]?[a-z_\-]*|"
    r"changeme|change[_\-]?me|changeit|password\d*|passw0rd|secret|token|null|nil|none|undefined|true|false|yes|no|"
    r"redacted|removed|hidden|masked|censored|empty|kosong|n/?a|tbd|todo|rahasia|disamarkan|disensor|sensor|"
    r"xxx+|abc|abc123|foo|bar|foobar|qwerty|string|str|value|nilai|default|"
    r"(?:process\.)?env[.\[(].*|os\.environ.*|getenv\(.*|settings\.\w+|config\.\w+|vault:.*|secret:.*|ref\+.*|"
    r"file:.*|/[\w./\-]*|\./[\w./\-]*|~/[\w./\-]*|https?://\S*"
    r")")
PROSE = {"minimal", "minimum", "harus", "wajib", "akan", "dapat", "tidak", "anda", "sesuai", "yang", "adalah",
         "berupa", "menggunakan", "diisi", "dikirim", "dikirimkan", "bisa", "belum", "sudah", "salah", "baru",
         "lama", "lupa", "sama", "dengan", "untuk", "yaitu", "ialah", "terdiri", "must", "should", "is", "the",
         "required", "optional", "will", "be", "sent", "via", "lihat", "see", "silakan", "mohon", "jangan",
         "tanpa", "berisi", "gunakan", "reset", "direset", "terlampir", "menyusul", "sms", "email", "whatsapp",
         "wa", "ikuti", "klik", "ok", "oke", "siap", "ya", "tidak", "nanti", "besok", "sudah", "tolong", "pak",
         "bu", "mas", "mbak", "kak", "saya", "kami", "ini", "itu", "ada", "diganti", "ganti", "ubah", "diubah",
         "karakter", "characters", "at", "least", "contains", "berisi", "kombinasi", "huruf", "angka", "set",
         "unset", "disabled", "off", "on", "required", "same", "above", "below", "atas", "bawah", "terpisah",
         "dikirim", "sendiri", "masing", "pribadi", "kuat", "lemah", "strong", "weak", "sebelumnya", "sesudah"}
_PASSWORD_LOOK = re.compile(r"(?=.*\d)|(?=.*[^\w\s])|(?=.*[a-z].*[A-Z])|(?=.*[A-Z].*[a-z].*[A-Z])")


def entropy(s: str) -> float:
    """Shannon entropy of ``s`` in bits per character."""
    if not s:
        return 0.0
    n = len(s)
    return -sum(c / n * math.log2(c / n) for c in Counter(s).values())


def key_kind(key: str) -> str | None:
    """``password``, ``secret`` or None for a configuration key such as ``DB_PASSWORD``."""
    toks = [t.lower() for t in TOKENS_OF_KEY.findall(key)]
    toks = [t[:-3] if t.endswith("nya") and len(t) > 5 else t for t in toks if t != "nya"]  # passwordnya
    if not toks or any(t in NOT_SECRET_WORDS for t in toks):
        return None
    joined = "".join(toks)
    if any(t in PASSWORD_WORDS for t in toks) or joined in PASSWORD_WORDS or joined.endswith(("password", "passwd")):
        return "password"
    if any(t in SECRET_WORDS for t in toks) or joined.endswith(("secret", "token", "apikey", "privatekey")):
        return "secret"
    for a, b in zip(toks, toks[1:]):
        if b == "key" and a in KEY_PAIR_FIRST:
            return "secret"
    if toks[-1] == "key" and len(toks) >= 2 and toks[-2] not in NOT_SECRET_WORDS:
        return "key"  # FOO_KEY: only with a strong value
    return None


# Marks with no case (no flag can make them match anything else) that a rule may require.
_MARKS = "_-.:/@="


def required_marks(regex: str) -> frozenset[str]:
    """The marks of :data:`_MARKS` every match of ``regex`` holds (its literals outside optional parts).

    ``gh[pousr]_...`` needs a "_", ``://...@`` needs ":", "/" and "@": a text without one of them
    cannot match, which a ``str`` test finds far faster than the regex engine.  Only what is
    certain counts (a literal in the pattern's sequence, in a group, in a repeat of at least one,
    in every branch); anything unreadable requires nothing.
    """
    try:
        from re import _constants as c
        from re import _parser

        def need(items) -> set[str]:
            got: set[str] = set()
            for op, av in items:
                if op is c.LITERAL:
                    if chr(av) in _MARKS:
                        got.add(chr(av))
                elif op is c.SUBPATTERN:
                    got |= need(av[-1])
                elif op in (c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT):
                    if av[0] >= 1:
                        got |= need(av[2])
                elif op is c.BRANCH:
                    got |= set.intersection(*(need(b) for b in av[1]))
                elif op is c.ATOMIC_GROUP:
                    got |= need(av)
            return got

        return frozenset(need(_parser.parse(regex)))
    except Exception:  # a private module of re: should it change, the rules simply run unfiltered
        return frozenset()


def is_placeholder(value: str) -> bool:
    v = value.strip()
    return not v or bool(PLACEHOLDER.fullmatch(v))


_LONE_HEADER = re.compile(r"[A-Za-z][A-Za-z ]{1,40}")  # words only: no "KEY=", no table row


def _password_header(cell: str) -> bool:
    """Whether a table cell or a line names a password column: "Password", "Kata Sandi", "Password SIPD"."""
    words = cell.replace("_", " ").split()
    if not words or len(words) > 3:
        return False
    if "".join(words).lower() in ("katasandi", "katakunci"):
        return True
    return any(key_kind(w) == "password" for w in words)


def plausible(value: str, kind: str, loose: bool) -> bool:
    """Whether ``value`` of a ``kind`` key looks like a real credential."""
    if is_placeholder(value) or len(value) > 200:
        return False
    low = value.lower()
    if low in PROSE:
        return False
    looks = bool(_PASSWORD_LOOK.match(value))
    if kind == "password":
        if len(value) < 4:
            return False
        if loose and not (looks and len(value) >= 6):
            return False
        return True
    # secret, key: tokens are long and random
    if len(value) < 8 or value.isdigit() and len(value) < 12:
        return False
    if value.isalpha() and value.islower() and len(value) < 20:
        return False
    need = 3.0 if kind == "key" else 2.5
    return entropy(value) >= need


class SecretRecognizer(Recognizer):
    """Credentials: private keys, known token formats, password/secret assignments.

    Example: ``DB_PASSWORD=Tr9k!Ln#2023`` -> SECRET ``Tr9k!Ln#2023``.
    Source: gitleaks rule set; provider token formats; UU 27/2022 (PDP).
    """

    ENTITIES = (ENTITY,)

    def __init__(self, supported_language: str = "id", rules: list[dict] | None = None, **kwargs):
        super().__init__(supported_language=supported_language, **kwargs)
        if rules is None:
            rules = load_yaml("dlp.patterns", "secrets.yaml").get("rules") or []
        self.rules = []
        for r in rules:
            try:
                desc = r.get("description") or {}
                self.rules.append({
                    "id": r["id"], "rx": re.compile(r["regex"]), "score": float(r.get("score", 0.8)),
                    "keywords": tuple(str(k) for k in r.get("keywords") or ()),
                    # (keyword, whether it is searched in the lower-cased text): worked out once
                    "tests": tuple((str(k), str(k) == str(k).lower()) for k in r.get("keywords") or ()),
                    "entropy": float(r.get("entropy", 0)),
                    "left": bool(r.get("left_boundary", True)),
                    "en": desc.get("en", r["id"]), "id_": desc.get("id", desc.get("en", r["id"])),
                    "needs": required_marks(r["regex"]),
                })
            except (KeyError, TypeError, ValueError, re.error) as exc:
                log.warning("secrets.yaml: bad rule %r: %s", r.get("id") if isinstance(r, dict) else r, exc)
        self.marks = "".join(sorted(set().union(*(r["needs"] for r in self.rules))))  # what the rules need

    def analyze(self, text, entities=None, nlp_artifacts=None, regex_flags=None):
        low = lower(text)
        out = []
        has_key = "key" in low  # both private-key markers hold "key": most texts skip their scans
        if has_key and "private key" in low:
            out.extend(self._private_keys(text))
        if has_key and "putty-user-key-file" in low:
            for m in PUTTY.finditer(text):
                out.append(self._res(m.start(), m.end(), 1.0, "putty-private-key",
                                     "PuTTY private key", "Kunci privat PuTTY"))
        # The marks ("_", "-", ":" ...) that some rule cannot match without: one C-speed test each, so
        # prose without them skips those rules' regexes (most token formats hold a "_" or a "-").
        have = {c for c in self.marks if c in text}
        for rule in self.rules:
            if not rule["needs"] <= have:
                continue
            tests = rule["tests"]
            if tests and not any((k in low) if in_low else (k in text) for k, in_low in tests):
                continue
            rx = rule["rx"]
            for m in rx.finditer(text):
                if rule["left"] and m.start() and (text[m.start() - 1].isalnum() or text[m.start() - 1] in "_-"):
                    continue
                g = "secret" if "secret" in rx.groupindex else 0
                start, end = m.span(g)
                value = text[start:end]
                # (a URL is a placeholder for an assigned password, not for a rule whose secret is one:
                # a Slack webhook)
                if is_placeholder(value) and not value.startswith(("https://", "http://")):
                    continue
                if rule["entropy"] and entropy(value) < rule["entropy"]:
                    continue
                out.append(self._res(start, end, rule["score"], rule["id"], rule["en"], rule["id_"]))
        if has_key or any(k in low for k in KEY_GATE):
            out.extend(self._assignments(text, low))
            if "sandi" in low or "pass" in low or "pwd" in low:
                out.extend(self._password_columns(text))
        return dedupe(out) if out else out

    def _res(self, start, end, score, rule_id, en, id_):
        r = self.result(ENTITY, start, end, score, None,
                        reason(f"Credential: {en}", f"Kredensial: {id_}"), own_context=True)
        r.recognition_metadata["dlp_rule"] = rule_id
        return r

    # -- private keys -------------------------------------------------------------
    def _private_keys(self, text: str):
        pos = 0
        while True:
            m = PEM_BEGIN.search(text, pos)
            if not m:
                return
            end_marker = f"-----END {m.group(1)}-----"
            e = text.find(end_marker, m.end())
            nxt = PEM_BEGIN.search(text, m.end())
            if e >= 0 and (nxt is None or e < nxt.start()):
                end = e + len(end_marker)
            else:  # cut off: take the body lines that follow
                end = m.end()
                p = m.end()
                while p < len(text):
                    nl = line_end(text, p + 1, 2000)
                    line = text[p:nl].lstrip("\n")
                    if not line.strip() or not PEM_BODY_LINE.fullmatch(line):
                        break
                    end = nl
                    p = nl
            yield self._res(m.start(), end, 1.0, "private-key", f"private key ({m.group(1).title()})",
                            f"kunci privat ({m.group(1).title()})")
            pos = end

    # -- assignments ----------------------------------------------------------------
    def _assignments(self, text: str, low: str):
        seen_keys: set[int] = set()
        hits = sorted((i, i + len(k)) for k in KEY_WORDS for i in find_all(low, k))
        for a, b in hits:
            while a > 0 and (text[a - 1].isalnum() or text[a - 1] in "_.-"):
                a -= 1
            while b < len(text) and (text[b].isalnum() or text[b] in "_.-"):
                b += 1
            if a in seen_keys:
                continue
            seen_keys.add(a)
            key = text[a:b].strip(".-")
            if text[max(0, a - 5):a].lower().endswith("kata ") and key.lower() == "sandi":
                key = "katasandi"
            kind = key_kind(key)
            if kind is None:
                continue
            m = OPERATOR.match(text, b)
            if not m:
                if kind == "password":  # "passwordnya Bandung2021": no operator, only a strong value
                    bare = BARE_VALUE.match(text, b)
                    if bare and plausible(bare.group("v"), kind, True) and not bare.group("v").isalpha():
                        yield self._res(bare.start("v"), bare.end("v"), 0.6, "password-assignment",
                                        f"password after “{key}”", f"kata sandi setelah “{key}”")
                continue
            words = m.group("words")
            if words and (kind != "password" or any(key_kind(w) for w in words.split())):
                continue
            worded = m.group("op")[:1].isalpha()
            if worded and kind != "password":
                continue
            if m.group("op") in (":", "\uff1a") and text[m.end(): m.end() + 2] == "//":
                continue  # a URL
            value, vs, ve, rest = self._value(text, m.end())
            if value is None:
                continue
            loose = bool(words) or bool(rest) or worded
            if not plausible(value, kind, loose):
                continue
            en, id_ = ("password", "kata sandi") if kind == "password" else ("secret value", "nilai rahasia")
            yield self._res(vs, ve, 0.8 if not words else 0.65, f"{kind}-assignment",
                            f"{en} assigned to “{key}”", f"{id_} pada “{key}”")
        if "<" in text:
            for m in XML_ELEMENT.finditer(text):
                if not is_placeholder(m.group("secret")):
                    yield self._res(m.start("secret"), m.end("secret"), 0.8, "xml-password",
                                    f"secret in <{m.group('tag')}>", f"nilai rahasia dalam <{m.group('tag')}>")
        if 'key="' in low or "key='" in low:
            for m in XML_KEY_VALUE.finditer(text):
                kind = key_kind(m.group("key"))
                if kind and plausible(m.group("secret"), kind, False):
                    key = m.group("key")
                    yield self._res(m.start("secret"), m.end("secret"), 0.8, "config-key-value",
                                    f"secret for key “{key}”", f"nilai rahasia kunci “{key}”")

    def _password_columns(self, text: str):
        """Passwords under a "Password" / "Kata Sandi" header: a column of a ``|``, tab, ``;`` or ``,``
        table (a list of accounts), or the one value under a header line of its own (a spreadsheet
        cell, whose column header comes as the line above it)."""
        lines = text.split("\n")
        pos = 0
        starts = []
        for line in lines:
            starts.append(pos)
            pos += len(line) + 1
        for n, head in enumerate(lines[:-1]):
            low = head.lower()
            if "sandi" not in low and "pass" not in low and "pwd" not in low:
                continue
            cell = head.strip(" \t\r:")
            if _LONE_HEADER.fullmatch(cell) and _password_header(cell):  # a header alone on its line: one value
                value = lines[n + 1].strip(" \t\r")
                if value and " " not in value and plausible(value, "password", False):
                    a = starts[n + 1] + lines[n + 1].index(value)
                    yield self._res(a, a + len(value), 0.7, "password-column",
                                    f"password under “{cell}”", f"kata sandi di bawah “{cell}”")
                continue
            # a bar or a tab makes a table of two columns already; commas and semicolons stand in prose
            sep = next((c for c, least in (("|", 1), ("\t", 1), (";", 2), (",", 2)) if head.count(c) >= least), None)
            if sep is None:
                continue
            names = [c.strip() for c in head.split(sep)]
            cols = [i for i, c in enumerate(names) if _password_header(c)]
            if not cols:
                continue
            width = head.count(sep)
            for k in range(n + 1, min(len(lines), n + 2001)):
                row = lines[k]
                if row.count(sep) != width:
                    break  # the table ends
                cells = row.split(sep)
                for col in cols:
                    value = cells[col].strip(" \t\r")
                    if value and plausible(value, "password", False):
                        a = starts[k] + sum(len(c) + 1 for c in cells[:col]) + cells[col].index(value)
                        yield self._res(a, a + len(value), 0.75, "password-column",
                                        f"password in the “{names[col]}” column", f"kata sandi di kolom “{names[col]}”")

    @staticmethod
    def _value(text: str, i: int):
        """(value, start, end, rest-of-line) of an assignment's value starting at ``i``."""
        if i >= len(text) or text[i] in "\r\n":
            return None, 0, 0, ""
        q = text[i]
        stop = line_end(text, i)
        if q in "\"'`":
            j = text.find(q, i + 1, stop)
            if j < 0:
                return None, 0, 0, ""
            return text[i + 1:j], i + 1, j, text[j + 1:stop].strip(" \t,;)}]")
        j = i
        while j < stop and not text[j].isspace():
            j += 1
        end = j
        while end > i and text[end - 1] in ",;\"'`":
            end -= 1
        value = text[i:end]
        closing = value[-1:]
        if closing in (")", "}", "]") and value.count(closing) > value.count({")": "(", "}": "{", "]": "["}[closing]):
            end -= 1
            value = value[:-1]
        rest = text[j:stop].strip()
        if rest.startswith("#"):
            rest = ""
        return value, i, end, rest
