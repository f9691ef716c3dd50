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
    gitleaks-style: a rule's regex runs only when the text holds what every
    match needs - its keywords (one of them), the marks of its literals
    (``_``, ``:`` ...), their capitals in the text's capitals (``AKIA``,
    ``GOCSPX``) and, for literals around a ``_`` or ``:`` (``ghp_``,
    ``sk_live_``, ``://``), one regex that looks for them all at once -
    all read off the rule's regex (:func:`required_literals`), so the table
    in ``patterns/secrets.yaml`` needs no hints.  Assignment keys are found
    from a short list of key words, then split into words so ``passport`` or
    ``Persandian`` never count as ``pass`` or ``sandi``.
"""
from __future__ import annotations

import logging
import math
import re
from collections import Counter

from dlp.classifiers._text import Recognizer, capitals, caps_of, dedupe, find_all, line_end, load_yaml, lower, reason
from dlp.normalize import CHAT_HEAD

ENTITY = "SECRET"
log = logging.getLogger(__name__)

# -- private keys -------------------------------------------------------------------
PEM_BEGIN = re.compile(r"-----BEGIN ((?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?)-----")
PEM_BODY_LINE = re.compile(r"[ \t]*(?:[A-Za-z0-9+/=]{8,}|[A-Za-z-]+: .*|)[ \t]*\r?$")
PUTTY = re.compile(r"PuTTY-User-Key-File-\d+: .*?(?:Private-MAC: [0-9a-fA-F]+|\Z)", re.DOTALL)

# -- assignments --------------------------------------------------------------------
# Where a key word occurs (in the lower-cased text); the key around it is then read.
KEY_WORDS = ("pass", "pasw", "pwd", "secret", "token", "sandi", "key", "auth", "credential", "kredensial")
# Whether one of KEY_WORDS is in the text: "key" is tested first on its own (the private-key markers
# hold it too), and "credential" and "kredensial" share "reden" (one scan for both).
KEY_GATE = ("pass", "pasw", "pwd", "secret", "token", "sandi", "auth", "reden")


def _searcher(word: str):
    """``word in text`` for a word absent from most texts, as a function returning None when it is not.

    On Indonesian text the regex engine's scan for a short word is ~1.5x faster than str's ("key",
    "pass", "pwd": ~0.55 against ~0.9 ms a MB, CPython 3.11); a longer word ("mid-server-") str's
    search skips through by its length, and that is faster.
    """
    if len(word) > 6:
        return lambda text, word=word: True if word in text else None
    return re.compile(re.escape(word)).search


def _searchers(words, tails: dict[str, str] | None = None) -> tuple:
    """Searchers (as :func:`_searcher`) that together tell whether one of ``words`` is in a text: the
    words sharing a first letter share one scan (``p(?:ass|wd)``: the engine looks for the "p" as fast
    as for "pass" alone), so a text holding none of them costs a scan a letter, not one a word.
    ``tails``: a regex to add to the scan of a first letter (``{"p": "w(?![a-z])"}``)."""
    by_first: dict[str, list[str]] = {}
    for w in words:
        by_first.setdefault(w[:1], []).append(w)
    tails = tails or {}
    return tuple(_searcher(group[0]) if len(group) == 1 and first not in tails else
                 re.compile(re.escape(first) + "(?:" + "|".join([re.escape(w[1:]) for w in group]
                                                                + ([tails[first]] if first in tails else []))
                            + ")").search
                 for first, group in by_first.items())


_KEY = _searcher("key")
# "pw", short for password ("user: admin pw: Bandung#1"), ending a key: a key word of its own, not one of
# KEY_WORDS, as "pw" stands inside every "npwp" (a letter follows it there).
PW_KEY = re.compile(r"pw(?:nya|na|ne)?(?![a-z])")  # (with a chat's particle: "pwnya", Sundanese "pwna")
# Whether one of KEY_GATE or PW_KEY is in a text: PW_KEY joins the scan of the words starting with "p".
_KEY_GATE = _searchers(KEY_GATE, {"p": PW_KEY.pattern[1:]})
PASSWORD_WORDS = {"password", "passwd", "pass", "pwd", "pasword", "paswd", "passphrase", "passcode", "passwort", "pw", "sandi",
                  "katasandi", "pword", "pswd", "psw"}
SECRET_WORDS = {"secret", "token", "apikey", "credential", "credentials", "kredensial", "secretkey", "authorization",
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
# between ("Password wifi kantor: ...", "kata sandi akun SIMPEG: ...", "Password akun SIMPEG
# Bapak/Ibu: ...", "Sandi WiFi lt.3: ...", "password email dinas pak Budi: ...").
OPERATOR = re.compile(r"""["']?\]?[ \t]*(?:(?P<words>(?:[ \t]+[^\W\d_][\w\-./]{0,20}){1,5}?"""
                      r"""(?:[ \t]+\d{1,3}(?![\w]))?)[ \t]*)?"""  # a floor or room after them: "pw wifi lt 2:"
                      r"""(?P<op>:=|=>|=|:|\uff1a|(?<=\s)(?:adalah|yaitu|ialah|is)(?=[ \t]))[ \t]*""")
# What a chat puts between a password key and its value, with no colon: the particle ("pw nya ...",
# Sundanese "pw na", Javanese "pw ne") and what the password is for ("pw wifi ...", "pass wifinya ...").
BARE_FILLER = re.compile(r"(?:[ \t]+(?i:nya|na|ne|teh|(?:wifi|wi-fi|hotspot|akun|email|e-mail|login|baru)(?:nya|na|ne)?)"
                         r"(?![\w\-]))+")
# PHP's define( 'DB_PASSWORD', '...' ) (wp-config.php): the key's closing quote, a comma, the value's quote.
DEFINE_BEFORE = re.compile(r"define[ \t]*\([ \t]*['\"]\Z")
DEFINE_OP = re.compile(r"""['"][ \t]*(?P<words>)(?P<op>,)[ \t]*(?=['"])""")  # (OPERATOR's groups)
BARE_VALUE = re.compile(r"[ \t]+(?P<v>(?=[^\s]*\d)[^\s\"'<>()]{6,64})(?=[\s,.;!?]*(?:$|\s))", re.MULTILINE)
XML_ELEMENT = re.compile(r"<(?P<tag>[\w:.\-]{0,40}(?:password|passwd|pwd|secret|token|apikey|api_key)[\w:.\-]{0,20})>"
                         r"(?P<secret>[^<\n]{1,200})</(?P=tag)>", re.IGNORECASE)
# Postman and Insomnia collections: {"key": "x-api-key", "value": "...", "type": "text"}
JSON_KEY_VALUE = re.compile(r"""(?i)"key"\s*:\s*"(?P<key>[^"\n]{1,60})"\s*,\s*"""
                            r"""(?:"(?:type|description|enabled|disabled)"\s*:\s*(?:"[^"\n]*"|true|false)\s*,\s*)*"""
                            r'"value"\s*:\s*"(?P<secret>[^"\n]{1,400})"')
# An Authorization header's scheme word, then the credential: "Authorization: Token abc...", "Bot 123:AA..."
# (Bearer and Basic have rules of their own, with their own checks).
AUTH_SCHEMES = {"token", "bot", "key", "apikey", "api-key", "digest", "sso-key", "gateway"}
# What follows a value's ";" in a connection string of ADO or ODBC: the next "Key=" of the string.
_NEXT_PAIR = re.compile(r"[ \t]*[A-Za-z][\w .]{0,40}=")
XML_KEY_VALUE = re.compile(r"""(?i)\bkey\s*=\s*["'](?P<key>[^"'\n]{1,60})["']\s+"""
                           r"""value\s*=\s*["'](?P<secret>[^"'\n]{1,200})["']""")

PLACEHOLDER = re.compile(
    r"(?ix)(?:"
    r"[*•x.#?_\-]+|<[^>]*>|[\[(].*|\{\{.*\}\}|\{[\w.\-]*\}|\$\{?[\w.:\-]+\}?(?::-?[^}]*\})?|%\(?\w+\)?s?|%\w+%|"
    r"(?:your|my|the|enter|input|isi|masukkan|insert|new|some|example|sample|dummy|fake|test)[_\-\s]?[a-z_\-]*|"
    r"changeme|change[_\-]?me|changeit|password\d*|passw0rd|secret|token|null|nil|none|undefined|true|false|yes|no|"
    r"redacted|removed|hidden|masked|censored|empty|kosong|n/?a|tbd|todo|rahasia|disamarkan|disensor|sensor|"
    r"xxx+|abc|abc123|foo|bar|foobar|foobared|qwerty|string|str|value|nilai|default|"
    r"(?:process\.)?env[.\[(].*|os\.environ.*|(?:os\.)?getenv\(.*|settings\.\w+|config\.\w+|vault:.*|secret:.*|ref\+.*|"
    r"\$\{.*|\$[A-Za-z_]\w*|"
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
# Advice and examples, just before a password key on its line: "Jangan gunakan password: 123456",
# "Contoh password yang kuat: Bandung#2024!" (a cyber-safety tip, not a credential).
_ADVICE = re.compile(r"(?i)(?<![\w])(?:jangan|hindari(?:lah)?|contoh(?:nya)?|misal(?:nya)?|avoid|never|"
                     r"example|e\.g\.|don'?t|do[ \t]+not)(?![\w])")
_PASSWORD_LOOK = re.compile(r"(?=.*\d)|(?=.*[^\w\s])|(?=.*[a-z].*[A-Z])|(?=.*[A-Z].*[a-z].*[A-Z])")


# A chat export's line head (dlp.normalize.CHAT_HEAD): "11/04/24 16.21 - Kasubbag Umum: "
_CHAT_PREFIX = re.compile(CHAT_HEAD)
_SETTING = re.compile(r"[A-Za-z_][\w.\-]*[ \t]*[:=]")
_LONE_TOKEN = re.compile(r"[ \t]*[`\"']?(?P<v>[^\s`\"']{6,64})[`\"']?[ \t\r]*$", re.MULTILINE)


def entropy(s: str) -> float:
    """Shannon entropy of ``s`` in bits per character."""
    if not s:
        return 0.0
    n = len(s)
    return -sum(c / n * math.log2(c / n) for c in Counter(s).values())


def key_kind(key: str) -> str | None:
    """``password``, ``secret`` or None for a configuration key such as ``DB_PASSWORD``."""
    toks = [t.lower() for t in TOKENS_OF_KEY.findall(key)]
    toks = [t[:-3] if t.endswith("nya") and (len(t) > 5 or t[:-3] in PASSWORD_WORDS) else
            t[:-2] if t.endswith(("na", "ne")) and t[:-2] in PASSWORD_WORDS else t
            for t in toks if t != "nya"]  # passwordnya, pwnya, Sundanese pwna, Javanese passwordne
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


_ALTERNATIVES = 16  # at most so many strings stand for one run of a pattern's literals


def required_literals(regex: str) -> list[frozenset[str]]:
    r"""Strings every match of ``regex`` holds, as sets of alternatives (one of each set is in every match).

    ``(?:AKIA|ASIA)[0-9A-Z]{16}`` -> ``[{"AKIA", "ASIA"}]``, ``gh[pousr]_...`` -> ``[{"ghp_", "gho_",
    "ghu_", "ghs_", "ghr_"}]``, ``eyJ[...]{8,}\.eyJ`` -> ``[{"eyJ"}, {".eyJ"}]``.  A run of literals
    goes on through groups and zero-width assertions; a small class or a branch of plain strings
    multiplies its alternatives (up to :data:`_ALTERNATIVES`); anything else ends the run, and so does
    a letter matched ignoring case (``(?i)k`` also matches the Kelvin sign: only marks and digits
    count there).  Like :func:`required_marks`, only what is certain counts, and anything unreadable
    requires nothing.
    """
    try:
        from re import _constants as c
        from re import _parser

        found: list[frozenset[str]] = []

        def close(run: set[str]) -> set[str]:
            if "" not in run:
                found.append(frozenset(run))
            return {""}

        def strings(op, av) -> list[str] | None:
            """What a class of single characters or a branch of plain strings matches, else None."""
            if op is c.IN and all(o is c.LITERAL for o, _ in av):
                return [chr(v) for _, v in av]
            if op is c.BRANCH and all(o is c.LITERAL for b in av[1] for o, _ in b):
                return ["".join(chr(v) for _, v in b) for b in av[1]]
            return None

        def walk(items, run: set[str], icase: bool) -> set[str]:
            for op, av in items:
                alts = [chr(av)] if op is c.LITERAL else strings(op, av)
                if icase and alts is not None and not all(a.isascii() and a.lower() == a.upper() for a in alts):
                    alts = None  # a letter ignoring case
                if alts is not None and len(run) * len(alts) <= _ALTERNATIVES:
                    run = {s + a for s in run for a in alts}
                elif op is c.SUBPATTERN:
                    inner = bool(icase or av[1] & c.SRE_FLAG_IGNORECASE) and not av[2] & c.SRE_FLAG_IGNORECASE
                    if inner == icase:
                        run = walk(av[3], run, icase)
                    else:
                        run = close(run)
                        close(walk(av[3], {""}, inner))
                elif op is c.ATOMIC_GROUP:
                    run = walk(av, run, icase)
                elif op in (c.AT, c.ASSERT, c.ASSERT_NOT):
                    pass  # zero width: the literals on both sides stand together
                elif op in (c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT) and av[0] >= 1:
                    run = close(run)
                    close(walk(av[2], {""}, icase))
                else:
                    run = close(run)
            return run

        parsed = _parser.parse(regex)
        close(walk(parsed, {""}, bool(parsed.state.flags & c.SRE_FLAG_IGNORECASE)))
        return found
    except Exception:  # a private module of re: should it change, the rules simply run unfiltered
        return []


def required_mark_sets(regex: str) -> tuple[frozenset[str], ...]:
    """Of :func:`required_literals`, the sets whose strings all hold a mark of :data:`_MARKS`, as the
    marks they hold: ``authorization[:=]...`` -> ``({":", "="},)`` (a text with neither cannot match;
    :func:`required_marks` counts only a mark that every match holds itself)."""
    out = []
    for alts in required_literals(regex):
        if all(any(m in a for m in _MARKS) for a in alts):
            marks = frozenset(m for a in alts for m in a if m in _MARKS)
            if marks not in out:
                out.append(marks)
    return tuple(out)


def required_capitals(regex: str) -> tuple[tuple[str, ...], ...]:
    """Of :func:`required_literals`, the capitals (see :func:`dlp.classifiers._text.capitals`) each set needs:
    ``AIza...`` -> ``(("AI",),)``; the text's capitals must hold one of each tuple's strings.  A set with
    a string without capitals tells nothing about them and is left out."""
    out = []
    for alts in required_literals(regex):
        caps = tuple(sorted({caps_of(a) for a in alts}))
        if "" not in caps and caps not in out:
            out.append(caps)
    return tuple(out)


# The marks whose literals are looked for in one scan a mark (see anchor_gate), in order of preference:
# few "_" and ":" stand in prose and dense administrative text; "-" abounds there (phone numbers, NPWPs,
# "masing-masing"), but the character before it rules nearly every one out at once (see anchor_gate),
# so one scan still beats one a rule ("glpat-", "xox?-", "sk-", "GOCSPX-", "Mid-server-").  "." and
# "/" stand after too many letters for that.
ANCHORS = ("_", ":", "-")


def anchored_literals(regex: str, marks=ANCHORS) -> tuple[str, tuple[str, ...]] | None:
    """(mark, strings): of :func:`required_literals`, a set whose strings all hold the first of ``marks``
    that one does (``("_", ("ghp_", "gho_", ...))``), or None."""
    sets = required_literals(regex)
    for mark in marks:
        for alts in sets:
            if all(mark in a for a in alts):
                return mark, tuple(sorted(alts))
    return None


def _useful_anchor(anchor: tuple | None) -> tuple | None:
    """``anchor``, unless one of its literals is the mark alone (``cookie...:``, ``htpasswd -b``): such a
    literal lets every text holding the mark through the shared gate of :func:`anchor_gate` (each phone
    number's "-"), and the rule's required marks test the mark anyway."""
    return None if anchor is None or anchor[0] in anchor[1] else anchor


def anchor_gate(rules: list[dict], mark: str) -> re.Pattern | None:
    """One regex for whether a text holds a literal of a rule anchored on ``mark``: it scans for
    ``mark`` alone, and at each one looks behind and ahead for the literals around it
    (``_(?:(?<=ghp_)|(?<=github_)(?=pat_)|...)``), so a text without any costs one scan, not one a rule."""
    alts = []
    before: set[str] | None = set()  # the characters right before the mark in the literals
    after: set[str] | None = set()   # and right after it
    for r in rules:
        if r["anchor"] and r["anchor"][0] == mark:
            for a in r["anchor"][1]:
                i = a.index(mark) + len(mark)
                alts.append(f"(?<={re.escape(a[:i])})" + (f"(?={re.escape(a[i:])})" if a[i:] else ""))
                if before is not None:
                    before = before | {a[i - len(mark) - 1]} if i > len(mark) else None
                if after is not None:
                    after = after | {a[i]} if a[i:] else None
    if not alts:
        return None
    # When every literal has a character before (after) the mark, one class test of it comes first: at
    # most marks in a text (a "-" after a digit, a ":" before a blank) it fails, and no alternative is tried.
    first = ""
    if before:
        first += f"(?<=[{''.join(map(re.escape, sorted(before)))}]{re.escape(mark)})"
    if after:
        first += f"(?=[{''.join(map(re.escape, sorted(after)))}])"
    return re.compile(re.escape(mark) + first + "(?:" + "|".join(alts) + ")")


def _holds_any(haystack, searchers: tuple) -> bool:
    """Whether one of the words of ``searchers`` (see :func:`_searcher`) is in ``haystack`` (a loop, not
    any() over a generator: this runs per rule)."""
    for search in searchers:
        if search(haystack) is not None:
            return True
    return False


# A known token's prefix and a body of one character over and over ("SB-Mid-server-xxxxxxxx",
# "xnd_development_XXXX..."), or a provider's own documentation example (AWS's
# AKIAIOSFODNN7EXAMPLE and wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY): what a setup guide shows.
_FILLED_BODY = re.compile(r"(?:.*[_\-])?(?P<c>[xX*0.#?])(?P=c){5,}")
_DOC_EXAMPLE = re.compile(r".*EXAMPLE(?:KEY)?[A-Z0-9]*")


def is_placeholder(value: str) -> bool:
    v = value.strip()
    if v[:1] in ("'", '"') and v[-1:] == v[:1] and len(v) >= 2:
        v = v[1:-1].strip()  # a quoted value: "$DB_PASSWORD", '${SECRET}'
    return not v or bool(PLACEHOLDER.fullmatch(v) or _FILLED_BODY.fullmatch(v) or _DOC_EXAMPLE.fullmatch(v))


_LONE_HEADER = re.compile(r"[A-Za-z][A-Za-z ]{1,40}")  # words only: no "KEY=", no table row
# A table's header cell: words, no code ("\t'password' => '...'," in a tab-indented PHP array is no header)
_HEADER_CELL = re.compile(r"[A-Za-z][A-Za-z0-9 ./()_\-]{0,40}")


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
    # secret, key: tokens are long and random, with no blank ("put your unique phrase here": wp-config's sample)
    if len(value) < 8 or value.isdigit() and len(value) < 12 or " " in value:
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
                    "needs_any": required_mark_sets(r["regex"]),
                    "caps": required_capitals(r["regex"]),
                    "anchor": _useful_anchor(anchored_literals(r["regex"])),
                })
            except (KeyError, TypeError, ValueError, re.error) as exc:
                log.warning("secrets.yaml: bad rule %r: %s", r.get("id") if isinstance(r, dict) else r, exc)
        # the marks the rules need, each tested once per text
        self.marks = "".join(sorted(set().union(*(r["needs"] for r in self.rules),
                                                 *(m for r in self.rules for m in r["needs_any"]),
                                                 (r["anchor"][0] for r in self.rules if r["anchor"]))))
        # every capital string some rule needs ("AKIA", "AI", "GOCSPX" ...), tested once per text
        self._cap_strings = tuple(sorted({a for r in self.rules for alts in r["caps"] for a in alts}))
        self._anchor_gates = tuple((m, rx) for m in ANCHORS if (rx := anchor_gate(self.rules, m)) is not None)
        self._gates: dict[tuple, tuple] = {}  # what a text holds -> the rules it lets through (see _gate)

    def analyze(self, text, entities=None, nlp_artifacts=None, regex_flags=None):
        low = lower(text)
        out = []
        has_key = _KEY(low) is not None  # both private-key markers hold "key": most texts skip their scans
        if has_key and "private key" in low:
            out.extend(self._private_keys(text))
        if has_key and "putty-user-key-file" in low:
            for m in PUTTY.finditer(text):
                out.append(self._res(m.start(), m.end(), 1.0, "putty-private-key",
                                     "PuTTY private key", "Kunci privat PuTTY"))
        # The marks ("_", "-", ":" ...) that some rule cannot match without: one C-speed test each, so
        # prose without them skips those rules' regexes (most token formats hold a "_" or a "-").
        # (The three answers are kept as strings and a tuple, not sets: they only key _rules_for's table.)
        have = "".join([c for c in self.marks if c in text])
        # Likewise the capitals a rule's literals hold ("AKIA", "AIza", "GOCSPX-", "SG."): tested in the
        # text's capitals (shared with other recognizers), a string ~20x shorter than the text.
        caps = capitals(text)
        hits = tuple([a for a in self._cap_strings if a in caps])
        # and one scan for the literals with a "_" (ghp_, github_pat_, sk_live_, npm_, xnd_), one for those
        # with a ":" (://, :AA), instead of one a rule: dense text has both marks, hardly ever those literals
        anchored = "".join([m for m, rx in self._anchor_gates if m in have and rx.search(text) is not None])
        rules, keyword_gate = self._gate(have, hits, anchored)
        keyword_seen = None  # whether a keyword of keyword_gate is in the text, asked once it matters
        for rule, in_low, in_text in rules:
            if in_low or in_text:
                if not in_text:  # (lower-case keywords only: one grouped scan rules them all out)
                    if keyword_seen is None:
                        keyword_seen = _holds_any(low, keyword_gate)
                    if not keyword_seen:
                        continue
                if not (_holds_any(low, in_low) or _holds_any(text, in_text)):
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
        if has_key or _holds_any(low, _KEY_GATE):
            out.extend(self._assignments(text, low))
            if "sandi" in low or "pass" in low or "pwd" in low:
                out.extend(self._password_columns(text))
        return dedupe(out) if out else out

    def _rules_for(self, have: str, hits: tuple, anchored: str) -> list:
        """(rule, searchers of its keywords in the lower-cased text, of its others) of each rule a text lets
        through: all its marks in ``have``, one capital string of each of its sets in ``hits``, and its
        anchor mark (see :data:`ANCHORS`) in ``anchored`` if it has one.  Worked out once for each such
        state (texts fall into a few), so a text costs a dictionary look-up, not a test a rule."""
        return self._gate(have, hits, anchored)[0]

    def _gate(self, have: str, hits: tuple, anchored: str) -> tuple:
        """(:meth:`_rules_for`'s list, searchers for the keywords of its rules that have lower-case
        keywords only, grouped by first letter (see :func:`_searchers`): "bearer" and "basic" in one scan)."""
        key = (have, hits, anchored)
        got = self._gates.get(key)
        if got is None:
            if len(self._gates) >= 512:  # (never in practice; bounds the memory all the same)
                self._gates.clear()
            have, hits, anchored = frozenset(have), frozenset(hits), frozenset(anchored)
            rules = [
                (r, tuple(_searcher(k) for k, in_low in r["tests"] if in_low),
                 tuple(_searcher(k) for k, in_low in r["tests"] if not in_low))
                for r in self.rules
                if r["needs"] <= have and all(not have.isdisjoint(ms) for ms in r["needs_any"])
                and all(not hits.isdisjoint(alts) for alts in r["caps"])
                and (not r["anchor"] or r["anchor"][0] in anchored)]
            lower_only = sorted({k for r, _, _ in rules if r["tests"] and all(in_low for _, in_low in r["tests"])
                                 for k, _ in r["tests"]})
            got = self._gates[key] = (rules, _searchers(lower_only))
        return got

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
        hits = sorted([(i, i + len(k)) for k in KEY_WORDS for i in find_all(low, k)]
                      + [m.span() for m in PW_KEY.finditer(low)])
        for a, b in hits:
            while a > 0 and (text[a - 1].isalnum() or text[a - 1] in "_.-"):
                a -= 1
            while b < len(text) and (text[b].isalnum() or text[b] in "_.-"):
                b += 1
            if a in seen_keys:
                continue
            seen_keys.add(a)
            if a and (text[a - 1] in "$%" or text[a - 2:a] == "${"):
                continue  # a variable read, not set: ${APP_KEY:?...}, $DB_PASSWORD, %DB_PASSWORD%
            key = text[a:b].strip(".-")
            if text[max(0, a - 5):a].lower().endswith("kata ") and key.lower() == "sandi":
                key = "katasandi"
            kind = key_kind(key)
            if kind is None:
                continue
            m = OPERATOR.match(text, b)
            if not m and text[b:b + 1] in ("'", '"') and DEFINE_BEFORE.search(text, max(0, a - 12), a):
                m = DEFINE_OP.match(text, b)  # define( 'DB_PASSWORD', '...' )
            if not m:
                if kind == "password":  # "passwordnya Bandung2021": no operator, only a strong value
                    filler = BARE_FILLER.match(text, b)  # "pw nya ...", "pw wifi ..."
                    bare = BARE_VALUE.match(text, filler.end() if filler else b)
                    if bare and plausible(bare.group("v"), kind, True) and not bare.group("v").isalpha() \
                            and not _ADVICE.search(text, max(text.rfind("\n", 0, a) + 1, a - 40), a):
                        yield self._res(bare.start("v"), bare.end("v"), 0.6, "password-assignment",
                                        f"password after “{key}”", f"kata sandi setelah “{key}”")
                    elif bare is None and not text[filler.end() if filler else b:line_end(text, b)].strip(" \t\r"):
                        # "pw nya" ending its message, the password sent as the next one
                        got = self._next_line_value(text, filler.end() if filler else b, kind)
                        if got and not _ADVICE.search(text, max(text.rfind("\n", 0, a) + 1, a - 40), a):
                            yield self._res(*got, 0.6, "password-assignment",
                                            f"password on the line after “{key}”", f"kata sandi di baris setelah “{key}”")
                continue
            words = m.group("words")
            if words:
                ws = words.split()
                # "Password wifi kantor: ...": words about what the password is for; for a secret's key
                # ("token API e-kinerja: ...") only when none of them names a thing no secret is
                if any(key_kind(w) for w in ws) or (kind != "password" and (
                        kind != "secret" or any(w.lower() in NOT_SECRET_WORDS for w in ws))):
                    continue
            worded = m.group("op")[:1].isalpha()
            if worded and kind != "password":
                continue
            if m.group("op") in (":", "\uff1a") and text[m.end(): m.end() + 2] == "//":
                continue  # a URL
            value, vs, ve, rest = self._value(text, m.end())
            if value is None:
                # "Password:" ending its line, the value alone on the next (a note's two lines)
                # (not after "=": a config's empty value, "APP_KEY=", is followed by the next setting)
                got = self._next_line_value(text, m.end(), kind) if m.group("op") in (":", "\uff1a") else None
                if got and not (kind == "password" and _ADVICE.search(text, max(text.rfind("\n", 0, a) + 1, a - 40), a)):
                    en, id_ = ("password", "kata sandi") if kind == "password" else ("secret value", "nilai rahasia")
                    yield self._res(*got, 0.6, f"{kind}-assignment", f"{en} on the line after “{key}”",
                                    f"{id_} di baris setelah “{key}”")
                continue
            if kind == "secret" and value.lower() in AUTH_SCHEMES and key.lower().endswith("authorization"):
                j = ve
                while j < len(text) and text[j] in " \t":  # the credential after the scheme word
                    j += 1
                value, vs, ve, rest = self._value(text, j)
                if value is None:
                    continue
            if kind == "password" and _ADVICE.search(text, max(text.rfind("\n", 0, a) + 1, a - 40), a):
                continue  # advice or an example
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
        # key and value given apart: <add key="..." value="..."/>, Postman's {"key": "...", "value": "..."}
        for rx, present in ((XML_KEY_VALUE, 'key="' in low or "key='" in low), (JSON_KEY_VALUE, '"key"' in low)):
            if not present:
                continue
            for m in rx.finditer(text):
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
            cols = [i for i, c in enumerate(names) if _HEADER_CELL.fullmatch(c) and _password_header(c)]
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
    def _next_line_value(text: str, i: int, kind: str) -> tuple[int, int] | None:
        """(start, end) of a credential alone on the line after ``i``'s (a chat's next message: its
        time stamp and sender skipped), or None: one token that looks like one (a password: six
        characters or more, not letters only; a secret: :func:`plausible`)."""
        j = text.find("\n", i)
        if j < 0 or not text[i:j].strip(" \t\r") == "":
            return None
        k = text.find("\n", j + 1)
        k = len(text) if k < 0 else k
        line = _CHAT_PREFIX.match(text, j + 1, k)
        vs = line.end() if line else j + 1
        m = _LONE_TOKEN.match(text, vs, k)
        if not m:
            return None
        value = m.group("v")
        if _SETTING.match(value):
            return None  # the next setting of a config ("APP_DEBUG=true", "db_user: admin")
        if kind == "password":
            ok = plausible(value, kind, True) and not value.isalpha() and value.lower() not in PROSE
        else:
            ok = kind == "secret" and plausible(value, kind, False)
        return (m.start("v"), m.end("v")) if ok else None

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
        k = text.find(";", i, end)
        if k >= 0 and _NEXT_PAIR.match(text, k + 1):
            end = k  # Password=...;MultipleActiveResultSets=True: the value ends at its pair's ";"
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
