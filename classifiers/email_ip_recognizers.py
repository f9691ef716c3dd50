"""EMAIL_ADDRESS and IP_ADDRESS: Presidio's recognizers, told what is not an address.

E-mail (replaces Presidio's ``EmailRecognizer``)
    Presidio's pattern, with the domain checked offline against the public
    suffix list bundled with tldextract (never fetched), and the look-alikes of
    our documents dropped:

    * Message-IDs - ``<20220913153027.8812@mail.bogorkota.go.id>``,
      ``<CAH7pQ4m@mail.gmail.com>`` - on ``Message-ID:``, ``References:``,
      ``In-Reply-To:`` lines or in those header parts, or in angle brackets
      with an ID-like local part;
    * ssh / scp targets (``ssh root@192.168.31.77``, ``git@github.com:org``):
      a login, not a mailbox (the IP is still an IP);
    * the user:password@host of a URL (a SECRET, see ``secret_recognizer``);
    * social-media handles (``@humas_cimahi``) never match: no local part.

    Obfuscated addresses written to slip past a filter - ``nama [at]
    garutkab [dot] go [dot] id``, ``nama(at)garutkab.go.id`` - are found too.
    Example: ``Pos-el: setwan@cirebonkota.go.id`` -> EMAIL_ADDRESS.

IP (replaces Presidio's ``IpRecognizer``)
    Presidio's patterns, minus version numbers that look like IPv4 addresses:
    ``versi 4.1.3.2``, ``v5.3.2.9``, ``EDR 8.2.0.14``, ``build 1.2.3.4``, a file
    name ``app-4.1.3.2.apk``, section numbers ``1.2.3.4.5``.  The level
    (private network: review; public: info) is set by ``dlp.analyze.ip_level``.
    Example: ``DB_HOST=10.31.2.44`` -> IP_ADDRESS, private.

Source: RFC 5322 (addresses and Message-ID), RFC 1918 / RFC 4193 (private
ranges); Presidio's predefined recognizers.
"""
from __future__ import annotations

import bisect
import ipaddress
import re
from functools import lru_cache

from dlp.classifiers._text import REACH, Recognizer, dedupe, find_all, lower, part_at, parts, reason
from dlp.classifiers._text import line_start as line_start_of

EMAIL_CONTEXT = ["email", "e-mail", "surel", "pos-el", "posel", "mail", "alamat", "kirim", "hubungi", "kontak",
                 "contact", "dari", "kepada", "from", "to", "cc"]
# (multi-line: matched at a line's start, which "^" alone takes for the text's start only)
ID_HEADERS = re.compile(r"(?im)^[ \t>]*(?:message-id|references|in-reply-to|content-id|resent-message-id|"
                        r"original-message-id|x-[\w-]*id|thread-index|list-id)[ \t]*:")
ID_PARTS = ("header:message-id", "header:references", "header:in-reply-to", "header:content-id",
            "header:resent-message-id", "header:list-id")
# The characters an ID_HEADERS line can start with (ignoring case, "İ" and "ı" are an "i"): a test of
# one character spares the regex for the lines of most addresses.
_ID_HEAD_START = frozenset(" \t>mMrRiIcCoOxXtTlL\u0130\u0131")
LOGIN_BEFORE = re.compile(r"(?i)\b(?:ssh|scp|sftp|rsync|mosh|telnet|git\s+clone|git\s+remote\s+add\s+\w+)"
                          r"(?:\s+-{1,2}[\w-]+(?:[ =]\S+)?)*\s+[\w.\-]*$")
LOGIN_WORDS = ("ssh", "scp", "sftp", "rsync", "mosh", "telnet", "git")  # in every LOGIN_BEFORE match, lower-cased
URL_USER = re.compile(r"://[^\s/@]*$")            # scheme://user@host
URL_PASSWORD = re.compile(r"://[^\s/@]*:$")       # scheme://user:PASSWORD@host
OBFUSCATION_HINTS = ("[at]", "(at)", "{at}", "[ at ]", "( at )", "[et]", "(et)")
# The hints by their closing bracket, each group one regex: its hints share their opening bracket,
# which the regex engine scans for as fast as str.find does (one scan a group, not one a hint).
_HINTS_BY_CLOSER = tuple((c, re.compile("|".join(re.escape(h) for h in OBFUSCATION_HINTS if h[-1] == c)))
                         for c in "])}")
OBFUSCATED = re.compile(
    r"(?i)(?<![\w.])[a-z0-9][a-z0-9._%+\-]{0,63}"
    r"\s*(?:\[\s*(?:at|et)\s*\]|\(\s*(?:at|et)\s*\)|\{\s*at\s*\}|"
    r"\s+(?:at|et)\s+(?=[a-z0-9.\-]+\s*(?:\[\s*dot\s*\]|\(\s*dot\s*\)|\s+dot\s+)))\s*"
    r"[a-z0-9\-]+(?:\s*(?:\.|\[\s*dot\s*\]|\(\s*dot\s*\)|\{\s*dot\s*\}|\s+dot\s+)\s*[a-z0-9\-]+)+")


@lru_cache(maxsize=1)
def _tld():
    """A TLD extractor on the bundled public-suffix snapshot, never the network."""
    import tldextract

    return tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None, fallback_to_snapshot=True)


def _deobfuscate(s: str) -> str:
    s = re.sub(r"(?i)\s*(?:\[\s*(?:at|et)\s*\]|\(\s*(?:at|et)\s*\)|\{\s*at\s*\}|\s+(?:at|et)\s+)\s*", "@", s, count=1)
    s = re.sub(r"(?i)\s*(?:\[\s*dot\s*\]|\(\s*dot\s*\)|\{\s*dot\s*\}|\s+dot\s+)\s*", ".", s)
    return re.sub(r"\s*\.\s*", ".", s)


@lru_cache(maxsize=4096)
def valid_domain(address: str) -> bool:
    """Whether the domain of ``address`` ends in a public suffix (offline snapshot)."""
    domain = address.rsplit("@", 1)[-1]
    if re.fullmatch(r"[\d.]+", domain):
        return False
    return _tld()(domain).fqdn != ""


# An address is found from its "@" (str.find), then read to both sides.
# The local part (RFC 5322 allows more, real mailboxes do not use it) is the run of [\w.+\-%]
# ending right before the "@", matched from 64 characters back: the leading ``.*`` runs to
# the end and backs off to the last other character, where searching the same run with
# ``[\w.+\-%]{1,64}$`` would retry it from every start (5 us an address instead of 1).  \Z, not $:
# "$" also matches before a line break, which would read "hubungi abc\n@x.go.id" as one address.
LOCAL_TAIL = re.compile(r"(?s:.*[^\w.+\-%])?([\w.+\-%]+)\Z")
DOMAIN_HEAD = re.compile(r"\w+(?:-+\w+)*(?:\.\w+(?:-+\w+)*)+")
# A blank-spaced "@" counts only with a local part like a mailbox's, or a webmail domain.
_MAILBOX_LIKE = re.compile(r"[._+\-%0-9]")
WEBMAIL = frozenset(("gmail.com", "yahoo.com", "yahoo.co.id", "ymail.com", "hotmail.com", "outlook.com",
                     "live.com", "icloud.com", "rocketmail.com", "aol.com", "proton.me", "protonmail.com"))


def _around(text: str, a: int, b: int) -> tuple[int, int] | None:
    """The span of an address whose local part ends at ``a`` and whose domain starts at ``b`` (the
    "@" stands between them), or None: no local part (leading dots dropped), one glued to a word
    before it, or no domain."""
    lm = LOCAL_TAIL.match(text, a - 64 if a > 64 else 0, a)
    dm = lm and DOMAIN_HEAD.match(text, b)
    if not dm:
        return None
    start = lm.start(1)
    while start < a and text[start] == ".":
        start += 1
    if start == a or (start > 0 and text[start - 1].isalnum()):
        return None
    return start, dm.end()


class DlpEmailRecognizer(Recognizer):
    """E-mail addresses, without Message-IDs, login targets and URL credentials.

    Example: ``hubungi humas.dinsos@bogorkota.go.id`` -> EMAIL_ADDRESS.
    Source: RFC 5322; Presidio EmailRecognizer (same address shape).
    """

    ENTITIES = ("EMAIL_ADDRESS",)
    CONTEXT = tuple(EMAIL_CONTEXT)
    REPLACES = ("EmailRecognizer",)

    def __init__(self, supported_language: str = "id", name: str = "EmailRecognizer", **kwargs):
        super().__init__(supported_language=supported_language, name=name, **kwargs)

    def analyze(self, text, entities=None, nlp_artifacts=None, regex_flags=None):
        results = []
        spans = None  # the chunk parts, read once an address needs them
        low = lower(text)
        i = text.find("@")
        while i >= 0:  # (find_all inline: this loop runs once an "@", a generator costs more)
            span = _around(text, i, i + 1)
            if span:
                start, end = span
                if text[i - 1] != "." and valid_domain(text[i + 1:end]):
                    if spans is None:
                        spans = _id_spans(parts())
                    if not self._not_an_address(text, start, end, spans, low):
                        results.append(self.result("EMAIL_ADDRESS", start, end, 0.5))
            elif i and (text[i - 1] in " \t" or text[i + 1:i + 2] in (" ", "\t")):
                spaced = self._spaced(text, i, low)
                if spaced is not None:
                    if spans is None:
                        spans = _id_spans(parts())
                    if not self._not_an_address(text, spaced[0], spaced[1], spans, low):
                        results.append(self.result("EMAIL_ADDRESS", *spaced, 0.6, None,
                                                   reason("E-mail address, written with blanks round the @",
                                                          "Alamat e-mail, ditulis dengan spasi di sekitar @")))
            i = text.find("@", i + 1)
        # a hint can only be there when its closing bracket is (one C-speed test rules out its group)
        hints = [m.start() for c, group in _HINTS_BY_CLOSER if c in low for m in group.finditer(low)]
        if " dot " in low:
            hints += [i for h in (" at ", " et ") for i in find_all(low, h)]
        seen: set[tuple[int, int]] = set()
        for p in sorted(hints):
            for m in OBFUSCATED.finditer(text, max(0, p - 70), min(len(text), p + 120)):
                if m.span() in seen or "@" in m.group():
                    continue
                seen.add(m.span())
                address = _deobfuscate(m.group())
                if "@" in address and valid_domain(address):
                    results.append(self.result("EMAIL_ADDRESS", m.start(), m.end(), 0.6, None,
                                               reason("E-mail address, written obfuscated",
                                                      "Alamat e-mail, ditulis disamarkan")))
        return dedupe(results)

    @staticmethod
    def _spaced(text: str, i: int, low: str) -> tuple[int, int] | None:
        """The span of an address written with one or two blanks round its "@" (``budi_s @
        yahoo.co.id``, an evasion), or None.  Prose uses a lone "@" too ("info @ www.x.go.id",
        "harga @ Rp 5.000"), so the local part must look like a mailbox's (a dot, "_", "+", "-"
        or a digit in it) or the domain be a webmail one, and the domain no web address."""
        a = i
        while a > i - 2 and text[a - 1:a] in (" ", "\t"):
            a -= 1
        b = i + 1
        while b < i + 3 and text[b:b + 1] in (" ", "\t"):
            b += 1
        span = _around(text, a, b)
        if span is None:
            return None
        start, end = span
        local, domain = low[start:a], low[b:end]
        if domain.startswith("www.") or not (_MAILBOX_LIKE.search(local) or domain in WEBMAIL):
            return None
        return (start, end) if valid_domain(domain) else None

    @staticmethod
    def _not_an_address(text: str, start: int, end: int, spans, low: str | None = None) -> bool:
        """Whether ``text[start:end]`` is a Message-ID, a URL's user or password or a login target;
        ``low`` is the lower-cased text (:func:`dlp.classifiers._text.lower`) if at hand."""
        lo = start - 80 if start > 80 else 0
        before = text[lo:start]
        # a Message-ID header line, or its folded continuation (line_start_of inlined: once an address)
        reach = start - REACH if start > REACH else 0
        j = text.rfind("\n", reach, start)
        line_start = j + 1 if j >= 0 else reach
        while True:
            first = text[line_start:line_start + 1]
            if first in _ID_HEAD_START and ID_HEADERS.match(text, line_start):
                return True
            if line_start > 0 and first in (" ", "\t"):
                line_start = line_start_of(text, line_start - 1)
                continue
            break
        part = (part_at(start, spans) or "").lower() if spans else ""
        if part in ID_PARTS:
            return True
        if before.endswith("<") and text[end:end + 1] == ">":  # bracketed
            value = text[start:end]
            if "@" not in value:
                value = _deobfuscate(value)
            local, _, domain = value.rpartition("@")
            if domain.lower().startswith(("mail.gmail.", "mx.", "smtp.")) or \
                    re.fullmatch(r"[\d.$_\-]{8,}|[A-Za-z0-9+/=_.\-]*\d[A-Za-z0-9+/=_.\-]*\.[\dA-Fa-f.]+", local):
                return True
        if "://" in before:
            if before.endswith(":") and URL_PASSWORD.search(before):
                return True  # scheme://user:PASSWORD@host - a credential, not a mailbox
            if URL_USER.search(before):
                return True  # scheme://user@host
        # (the lower-cased text's slice is before.lower() wherever that is ASCII, and _login_before
        # lower-cases nothing else)
        if _login_before(before, None if low is None else low[lo:start]) \
                or text[end:end + 1] == ":" and text[end + 1:end + 2] not in (" ", "\n", ""):
            return True  # ssh admin@host, git@github.com:org/repo
        return False


_ID_SPANS: tuple = ((), ())  # (chunk parts, what _id_spans made of them)


def _id_spans(spans: tuple) -> tuple:
    """``spans`` if a chunk in them is a Message-ID header part, else ().

    Only such a part rules an address out, so without one no address needs its part looked up.
    """
    global _ID_SPANS
    cached = _ID_SPANS
    if cached[0] is not spans:
        keep = spans if any((part or "").lower() in ID_PARTS for _, _, part in spans) else ()
        cached = _ID_SPANS = (spans, keep)
    return cached[1]


def _login_before(before: str, low: str | None = None) -> bool:
    """Whether ``before`` ends with a login command (``ssh -p 22 admin``) naming the address after it
    (``low``: ``before.lower()``, if at hand)."""
    # The keywords are ASCII: on ASCII text, a case-sensitive search of the lower-cased text rules
    # the (?i) regex out 10x cheaper (on other text (?i) also matches "ſ" for s and "ı", "İ" for i).
    if before.isascii():
        if low is None:
            low = before.lower()
        # (LOGIN_WORDS written out: an "or" of str tests on 80 characters beats any() and a regex)
        if not ("ssh" in low or "scp" in low or "sftp" in low or "rsync" in low or "mosh" in low
                or "telnet" in low or "git" in low):
            return False
    return LOGIN_BEFORE.search(before) is not None


VERSION_WORDS = ("versi", "version", "ver", "rev", "revisi", "build", "rilis", "release", "update", "pembaruan",
                 "upgrade", "patch", "firmware", "kernel", "edr", "agen", "agent", "antivirus", "sdk", "apk",
                 "aplikasi", "app", "openssl", "php", "python", "java", "node", "nodejs", "android", "ios",
                 "windows", "chrome", "firefox", "driver", "bios", "paket", "package", "library", "pustaka",
                 "plugin", "modul", "module", "v", "pasal", "ayat", "bab", "butir", "poin", "point", "bagian",
                 "lampiran", "tabel", "gambar", "section", "figure", "chapter", "langkah", "tahap", "sub")
VERSION_BEFORE = re.compile(r"(?i)(?:\b(?:" + "|".join(VERSION_WORDS) + r")\.?|\bke\s+versi)[ \t:=]*$")
# what a VERSION_BEFORE match ends with, before its trailing marks ("ke versi" ends with "versi")
VERSION_ENDINGS = VERSION_WORDS + tuple(w + "." for w in VERSION_WORDS)
_HOST_BEFORE = re.compile(r"(?i)\b(?:server|host|ip|alamat|address|gateway|db|database|basis\s+data)\b"
                          r"[ \t:=]*(?:aplikasi|app|php|java|node|nodejs|python)?[ \t:=]*$")
VERSION_WORD = re.compile(r"(?i)\b(?:versi|version|build|rilis|release)\b")
AMOUNT_WORDS = ("rp", "idr", "usd", "$", "\u20ac", "sebesar", "senilai", "harga", "biaya", "anggaran", "jumlah",
                "total", "saldo", "saldo awal", "saldo akhir", "nilai", "pagu", "realisasi")
AMOUNT_BEFORE = re.compile(r"(?i)(?:\brp\.?|\bidr|\busd|\$|\u20ac|\bsebesar|\bsenilai|\bharga|\bbiaya|\banggaran|"
                           r"\bjumlah|\btotal|\bsaldo(?:[ \t]+(?:awal|akhir))?|\bnilai|\bpagu|\brealisasi)[ \t:]*$")
AMOUNT_ENDINGS = AMOUNT_WORDS + ("rp.",)
# The small look-arounds of DlpIpRecognizer._version, one regex for each side: what continues an
# address-like number into a longer number or name, right after it - a dotted digit (1.2.3.4.5),
# decimals (1.250.000.000,00), a suffix (4.1.3.2.apk, 4.1.3.2-beta), an NPWP's tail
# (12.345.678.9-012.000) - matched in its next 6 characters; and right before it - a dotted digit,
# a prefix (app-4.1.3.2, v4.1.3.2) - searched in its last 3 (with a "$" that allows a final newline).
AFTER_NUMBER = re.compile(r"\.\d|,(?:\d\d|-)|[.\-+~_][A-Za-z]|-\d{3}\.\d")
BEFORE_NUMBER = re.compile(r"\d\.$|[A-Za-z][\-_]$|[vV]$")
IPV6_TAIL = re.compile(r"(?:%[0-9A-Za-z]+)?(?:/(?:12[0-8]|1[01]\d|[1-9]?\d))?")


@lru_cache(maxsize=8)
def _longest(endings: tuple[str, ...]) -> int:
    return max(map(len, endings))


@lru_cache(maxsize=8)
def _by_last(endings: tuple[str, ...]) -> dict[str, tuple[str, ...]]:
    """``endings`` by their last character: a string can only end with those of its own last one
    (a str.endswith of ~10 of VERSION_ENDINGS' 118, not of all)."""
    out: dict[str, list[str]] = {}
    for e in endings:
        out.setdefault(e[-1:], []).append(e)
    return {c: tuple(es) for c, es in out.items()}


def ends_with_word(rx: re.Pattern, s: str, endings: tuple[str, ...]) -> bool:
    """``rx.search(s)`` for a case-insensitive ``(?:words)[ \\t:=]*$`` (VERSION_BEFORE, AMOUNT_BEFORE).

    A match is one of the lower-case ``endings`` right before the trailing blanks, ":" and "="
    (none ends with one of those marks).  On ASCII text (where (?i) means lower-case equality) a
    text that does not end so is ruled out by ``str.endswith``; otherwise only the tail that can
    hold a match is searched (``\\b`` still sees the character before it).  Searching the whole
    string retries the case-insensitive alternation at every position: 5-15 us a call.
    """
    end = len(s.rstrip(" \t:=\n"))
    if s.isascii():
        tail = s[:end].lower()
        if not tail.endswith(_by_last(endings).get(tail[-1:], ())):
            return False
    return rx.search(s, max(0, end - _longest(endings))) is not None


_OCTET = r"(?:25[0-5]|2[0-4]\d|[01]?\d\d?)"
IPV4_REST = re.compile(rf"\.{_OCTET}\.{_OCTET}\.{_OCTET}(?:/(?:3[0-2]|[12]?\d))?(?!\w)")
IPV4_FIRST = re.compile(rf"{_OCTET}$")
# A zero-padded part ("02"): with a one-digit first part, a budget account code (kode rekening of
# Permendagri 90/2019: 5.1.02.01, 4.1.01.06), never a written IPv4 address (8.8.8.8 has no padding;
# a padded address, 192.168.001.010, has a longer first part).
_PADDED_PART = re.compile(r"\.0\d")
IPV6_SEED = re.compile(r":[0-9A-Fa-f]{0,4}:")
HEXCOLON = set("0123456789abcdefABCDEF:")


def _v4_private_ranges() -> tuple[list[int], list[int]]:
    """Starts and ends of the disjoint IPv4 ranges ``ipaddress`` calls private, loopback or link-local.

    Read from ipaddress's own tables (this Python's version of them, RFC 6890's special-purpose
    registry), so the answer stays ipaddress's: private = in a private network and in none of its
    exceptions (newer Pythons list some, e.g. 192.0.0.9/32), or loopback, or link-local.  A sorted
    list searched with bisect answers in well under a microsecond; building an IPv4Address and
    asking ``is_private`` (a dozen network tests, cached per address) takes about 10.
    """
    consts = ipaddress.IPv4Address._constants

    def spans(nets) -> list[list[int]]:
        return [[int(n.network_address), int(n.broadcast_address)] for n in nets]

    def union(ranges) -> list[list[int]]:
        out: list[list[int]] = []
        for lo, hi in sorted(ranges):
            if out and lo <= out[-1][1] + 1:
                out[-1][1] = max(out[-1][1], hi)
            else:
                out.append([lo, hi])
        return out

    private = union(spans(consts._private_networks))
    for xlo, xhi in spans(getattr(consts, "_private_networks_exceptions", ())):
        cut = []
        for lo, hi in private:
            if hi < xlo or lo > xhi:
                cut.append([lo, hi])
                continue
            if lo < xlo:
                cut.append([lo, xlo - 1])
            if hi > xhi:
                cut.append([xhi + 1, hi])
        private = cut
    ranges = union(private + spans([consts._loopback_network, consts._linklocal_network]))
    return [lo for lo, _ in ranges], [hi for _, hi in ranges]


try:
    _V4_PRIVATE_STARTS, _V4_PRIVATE_ENDS = _v4_private_ranges()
except Exception:  # ipaddress's tables are private: should another Python lay them out otherwise,
    _V4_PRIVATE_STARTS = _V4_PRIVATE_ENDS = None  # every address is asked of ipaddress itself


def address_level(value: str) -> str | None:
    """``local`` (loopback, unspecified: this computer itself, 127.0.0.1 of every stock config),
    ``private`` (RFC 1918, link-local, ULA) or ``public``; leading zeros tolerated."""
    addr = value.split("/", 1)[0].split("%", 1)[0]
    if "." in addr and ":" not in addr:
        octets = [int(o) for o in addr.split(".")]
        if len(octets) == 4 and (octets[0] == 127 or not any(octets)):
            return "local"
        if len(octets) == 4 and 0 <= min(octets) and max(octets) <= 255 and _V4_PRIVATE_STARTS is not None:
            # ipaddress's answer from its ranges (see _v4_private_ranges), without an IPv4Address
            number = octets[0] << 24 | octets[1] << 16 | octets[2] << 8 | octets[3]
            i = bisect.bisect_right(_V4_PRIVATE_STARTS, number) - 1
            return "private" if i >= 0 and number <= _V4_PRIVATE_ENDS[i] else "public"
        addr = ".".join(map(str, octets))
    try:
        ip = ipaddress.ip_address(addr)
    except ValueError:
        return None
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped:
        ip = ip.ipv4_mapped
    if ip.is_loopback or ip.is_unspecified:
        return "local"
    return "private" if (ip.is_private or ip.is_link_local) else "public"


_LEADING_ZERO = re.compile(r"(?:^|\.)0\d")
_IP_WORD = re.compile(r"(?i)\b(?:ip|ipv4|server|host|gateway|dns|router|alamat)\b")
_GROUPED = re.compile(r"\d{1,3}(?:\.\d{3}){3}")  # an address whose parts after the first have three digits
_AMOUNT = re.compile(r"(?<![\d.,])\d{1,3}(?:\.\d{3})+(?:,\d{1,2})?(?![\d.])")  # 9.876.543.210, 1.250.000,00


class DlpIpRecognizer(Recognizer):
    """IP addresses (v4 and v6), without version numbers, file names and section numbers.

    Example: ``IP laptop staf: 192.168.45.112`` -> IP_ADDRESS (private).
    Source: RFC 1918 / RFC 4291; Presidio IpRecognizer (same address shapes).
    """

    ENTITIES = ("IP_ADDRESS",)
    CONTEXT = ("ip", "ipv4", "ipv6", "alamat ip", "ip address", "server", "host", "gateway", "dns")
    REPLACES = ("IpRecognizer",)

    def __init__(self, supported_language: str = "id", name: str = "IpRecognizer", **kwargs):
        super().__init__(supported_language=supported_language, name=name, **kwargs)

    def analyze(self, text, entities=None, nlp_artifacts=None, regex_flags=None):
        results = []
        for m in IPV4_REST.finditer(text):
            first = IPV4_FIRST.search(text, max(0, m.start() - 3), m.start())
            if not first:
                continue
            start, end = first.start(), m.end()
            if start > 0 and (text[start - 1].isalnum() or text[start - 1] in "_"):
                continue
            if text[start + 1] == "." and _PADDED_PART.search(text, start, end):
                continue  # 5.1.02.01: an account code
            if text[start] == "0" and text[start + 1] != ".":
                continue  # 000.1.2.3: an archive classification code (no address part starts with a 0)
            if text.startswith(".000", end - 4) and text[start:end].count(".") == 3 \
                    and all(len(p) == 3 for p in text[start:end].split(".")[1:]):
                continue  # 61.020.000.000: an amount in rupiah, its thousands grouped by dots
            value = text[start:end]
            if ".0" in value and _LEADING_ZERO.search(value) \
                    and not _IP_WORD.search(text, start - 30 if start > 30 else 0, start):
                continue  # 10.069.196.156: an address part is written with a leading zero only where one is named
            if _GROUPED.fullmatch(value) and self._amount_line(text, start, end):
                continue  # 10.128.113.204 beside 9.876.543.210 on its line: amounts in a column
            if not self._version(text, start, end):
                results.append(self.result("IP_ADDRESS", start, end, 0.6, address_level(value)))
        first_colon = text.find(":")
        if first_colon >= 0 and text.find(":", first_colon + 1) >= 0:  # two colons (stops at the second)
            last_end = -1
            for m in IPV6_SEED.finditer(text):
                if m.start() < last_end:
                    continue
                a = m.start()
                while a > 0 and text[a - 1] in HEXCOLON:
                    a -= 1
                b = m.end()
                while b < len(text) and (text[b] in HEXCOLON or text[b] == "."):
                    b += 1
                while b > a and text[b - 1] == ".":
                    b -= 1
                cand = text[a:b]
                last_end = b
                if (a > 0 and (text[a - 1].isalnum() or text[a - 1] in "_.")) or (b < len(text) and text[b].isalnum()):
                    continue
                if cand.count(":") < 2 or cand.strip(":") == "":
                    continue
                tail = IPV6_TAIL.match(text[b:b + 20])
                try:
                    ipaddress.ip_interface(cand)
                except ValueError:
                    continue
                results.append(self.result("IP_ADDRESS", a, b + len(tail.group()), 0.6, address_level(cand)))
        return dedupe(results)

    @staticmethod
    def _amount_line(text: str, start: int, end: int) -> bool:
        """Whether the line of an address of thousands-like parts (``10.128.113.204``) holds another
        number grouped by thousands that is no address (a part over 255, or not four parts): then both
        are amounts of a table's columns (a cash report without "Rp")."""
        a = text.rfind("\n", 0, start) + 1
        b = text.find("\n", end)
        b = len(text) if b < 0 else b
        for m in _AMOUNT.finditer(text, a, b):
            if m.start() == start:
                continue
            parts = m.group().split(",")[0].split(".")
            if len(parts) != 4 or any(int(p) > 255 for p in parts):
                return True
        return False

    @staticmethod
    def _version(text: str, start: int, end: int) -> bool:
        value = text[start:end]
        if ":" in value and "." not in value:
            return False  # IPv6: no version look-alike
        if AFTER_NUMBER.match(text, end, end + 6):
            return True   # part of a longer number or name: 1.2.3.4.5, 1.250.000.000,00, 4.1.3.2.apk, an NPWP
        before = text[max(0, start - 30):start]
        if BEFORE_NUMBER.search(before, max(0, len(before) - 3)):
            return True   # 5.1.2.3.4, app-4.1.3.2 (v 4.1.3.2 written v4.1.3.2 is never matched)
        if ends_with_word(AMOUNT_BEFORE, before, AMOUNT_ENDINGS):
            return True   # Rp 1.250.000.000
        line_before = before.rsplit("\n", 1)[-1]
        if ends_with_word(VERSION_BEFORE, line_before, VERSION_ENDINGS):
            # ... unless a host names it: "server aplikasi 10.12.40.7", "IP app: 10.1.2.3"
            return not _HOST_BEFORE.search(line_before)
        if value.endswith(".0") and VERSION_WORD.search(line_before):
            return True   # <add key="webpages:Version" value="3.0.0.0" />: no host address ends in .0
        if "\n" in before and not line_before.strip():  # first on its line: the line above is its label
            above = text[max(0, start - 60):start].rstrip().rsplit("\n", 1)[-1]
            if ends_with_word(VERSION_BEFORE, above + " ", VERSION_ENDINGS) or VERSION_WORD.search(above):
                return True
        return False
