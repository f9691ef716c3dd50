"""EMAIL_ADDRESS and IP_ADDRESS: addresses vs. handles, Message-IDs, login targets and version numbers."""
from __future__ import annotations

import ipaddress
import random

import pytest

from dlp.classifiers.email_ip_recognizers import address_level
from dlp.models import Chunk

EMAIL, IP = "EMAIL_ADDRESS", "IP_ADDRESS"

EMAIL_POSITIVES = [
    ("Pos-el: setwan@cirebonkota.go.id", "setwan@cirebonkota.go.id"),
    ("Harap balas ke yanti_kus81@yahoo.co.id sebelum Kamis sore.", "yanti_kus81@yahoo.co.id"),
    ("From: Joko Prasetyo <sekretariat.bapperida@tasikmalayakota.go.id>", "sekretariat.bapperida@tasikmalayakota.go.id"),
    ("Narahubung: Rina (humas.dinsos@bogorkota.go.id)", "humas.dinsos@bogorkota.go.id"),
    ("kirim ke mailto:layanan.dpmptsp@sukabumikota.go.id", "layanan.dpmptsp@sukabumikota.go.id"),
    ("MAIL_USERNAME=noreply.sipandu@gmail.com", "noreply.sipandu@gmail.com"),
    ("Surel: Dedi.Mulyono@JatengProv.go.id.", "Dedi.Mulyono@JatengProv.go.id"),
    ("cc: a.b-c+tag@sub.example.co.id, x@example.com", "a.b-c+tag@sub.example.co.id"),
]
EMAIL_EVASIONS = [
    ("hubungi humas [at] cimahikota [dot] go [dot] id", "humas [at] cimahikota [dot] go [dot] id"),
    ("email: budi(at)garutkab.go.id", "budi(at)garutkab.go.id"),
    ("Surel\uff1a setwan\uff20cirebonkota.go.id", "setwan\uff20cirebonkota.go.id"),                  # full-width colon and at
    ("kirim ke setwan@cirebonkota.go.id\u200b ya", "setwan@cirebonkota.go.id"),
    # blanks round the "@": a mailbox-like local part, or a webmail domain
    ("kirim ke budi_santoso @ yahoo.co.id", "budi_santoso @ yahoo.co.id"),
    ("cc budi.s  @  dinsos.jabarprov.go.id ya", "budi.s  @  dinsos.jabarprov.go.id"),
    ("email: budisantoso @gmail.com", "budisantoso @gmail.com"),
]
EMAIL_NEGATIVES = [
    "Ikuti @humas_cimahi untuk kabar terkini.",
    "masuknya lewat ssh root@192.168.31.77",
    "ssh -p 2222 deploy@server.example.com",
    "git clone git@github.com:org/repo.git",
    "Message-ID: <20220913153027.8812@mail.bogorkota.go.id>",
    "Message-ID: <CAH7pQ4m@mail.gmail.com>",
    "In-Reply-To: <CAH7pQ4m@mail.gmail.com>",
    "References: <a1.b2@mail.example.com>\n <c3.d4@mail.example.com>",
    "Subject: rapat\nMessage-ID: <CAH7pQ4m@mail.gmail.com>",          # a header line after the first one
    "From: Humas\nIn-Reply-To: <x9@mail.bogorkota.go.id>\nReferences: <x8@mail.bogorkota.go.id>",
    "hubungi humas\n@bogorkota.go.id",                                  # no address across a line break
    "postgres://app:S3cretPw@db.example.com/app",
    "user@localhost",
    "logo@2x.png",
    "harga @ Rp 5.000",
    "info lebih lanjut @ www.bandung.go.id",                            # a web address after a lone "@"
    "hubungi kami @ bandung.go.id",                                     # a word, not a mailbox, before it
    "ssh admin @ server.example.com",
    "nama@domain",
]

IP_POSITIVES = [
    ("gateway 192.168.001.001", "192.168.001.001", "private"),        # leading zeros where an address is named
    ("Server 10.128.113.204 dan 10.128.113.205", "10.128.113.204", "private"),
    ("DB_HOST=10.31.2.44", "10.31.2.44", "private"),
    ("IP laptop staf: 192.168.45.112", "192.168.45.112", "private"),
    ("masuknya lewat ssh root@192.168.31.77", "192.168.31.77", "private"),
    ("Webmail (10.8.3.61), server (10.8.3.62)", "10.8.3.61", "private"),
    ("Sumber serangan: 91.203.5.146 (Tor exit node)", "91.203.5.146", "public"),
    ("resolver DNS 9.9.9.9 dan 208.67.222.222", "208.67.222.222", "public"),
    ("jaringan 10.0.0.0/8", "10.0.0.0/8", "private"),
    ("server 172.16.5.4:8080", "172.16.5.4", "private"),
    ("link-local fe80::1%eth0", "fe80::1%eth0", "private"),
    ("alamat 2001:db8::ff00:42:8329", "2001:db8::ff00:42:8329", "private"),
    ("gateway 192.168.010.001", "192.168.010.001", "private"),             # leading zeros
    ("rentang 10.0.0.1-10.0.0.50", "10.0.0.50", "private"),
    ("DNS publik 8.8.8.8", "8.8.8.8", "public"),                           # a one-digit first part
    ("server aplikasi 10.12.40.7 tidak merespons", "10.12.40.7", "private"),  # a host before "aplikasi"
    ("IP server aplikasi: 10.12.40.7", "10.12.40.7", "private"),
]
IP_NEGATIVES = [
    # amounts: beside another amount on their line, after an amount's word, or with a leading zero
    "Kas Daerah   10.128.113.204   9.876.543.210",
    "Saldo awal 10.186.226.168",
    "Catatan 10.069.196.156",
    "Catatan Rilis Aplikasi Layanan Pajak v4.1.3.2",
    "versi 4.1.3.2",
    "Sumber: aplikasi perizinan v5.3.2.9",
    "Pembaruan agen antivirus ke versi 8.2.0.14 di semua laptop.",
    "EDR 8.2.0.14",
    "build 1.2.3.4",
    "layanan-pajak-4.1.3.2.apk",
    "rilis 4.1.3.2-beta",
    "pasal 1.2.3.4.5",
    "jam 14:05:33",
    "mac 00:1A:2B:3C:4D:5E",
    "1.2.3.4000",
    "Rp 1.250.000.000",
    "sesuai Pasal 2.3.1.4 pedoman",
    # budget account codes (kode rekening): zero-padded parts after a one-digit first part
    "4.1.01.06;Pajak Reklame;41250000000",
    "5.1.02.01 Belanja Barang dan Jasa",
    "| 6.1.01.01 | Penerimaan Pembiayaan |",
    "000.1.2.3 Kearsipan",                                       # an archive classification code
    "Pagu belanja pegawai 61.020.000.000",                       # an amount, thousands grouped by dots
    '<add key="webpages:Version" value="3.0.0.0" />',            # a version in a config's value
]


def _found(analyzer, text, entity):
    return [f for f in analyzer.analyze_text(text) if f.entity_type == entity]


@pytest.mark.parametrize("text,expected", EMAIL_POSITIVES + EMAIL_EVASIONS)
def test_email_found(analyzer, text, expected):
    assert expected in [f.text for f in _found(analyzer, text, EMAIL)]


@pytest.mark.parametrize("text", EMAIL_NEGATIVES)
def test_not_an_email(analyzer, text):
    assert _found(analyzer, text, EMAIL) == []


@pytest.mark.parametrize("text,expected,level", IP_POSITIVES)
def test_ip_found_with_level(analyzer, text, expected, level):
    assert (expected, level) in [(f.text, f.level) for f in _found(analyzer, text, IP)]


@pytest.mark.parametrize("text", IP_NEGATIVES)
def test_not_an_ip(analyzer, text):
    assert _found(analyzer, text, IP) == []


@pytest.mark.parametrize("text,expected", EMAIL_POSITIVES)
def test_email_recognizer_alone(text, expected):
    from dlp.classifiers.email_ip_recognizers import DlpEmailRecognizer

    assert expected in [text[r.start:r.end] for r in DlpEmailRecognizer().analyze(text, [EMAIL])]


@pytest.mark.parametrize("text,expected,level", IP_POSITIVES)
def test_ip_recognizer_alone(text, expected, level):
    from dlp.classifiers.email_ip_recognizers import DlpIpRecognizer

    assert expected in [text[r.start:r.end] for r in DlpIpRecognizer().analyze(text, [IP])]


def test_replaces_presidio_recognizers():
    from dlp.analyze import get_engine

    names = [r.name for r in get_engine().registry.recognizers]
    assert names.count("EmailRecognizer") == 1 and names.count("IpRecognizer") == 1
    classes = {type(r).__name__ for r in get_engine().registry.recognizers}
    assert {"DlpEmailRecognizer", "DlpIpRecognizer"} <= classes


def test_ssh_target_ip_is_still_an_ip(analyzer):
    got = {(f.entity_type, f.text) for f in analyzer.analyze_text("ssh root@192.168.31.77")}
    assert got == {(IP, "192.168.31.77")}


def test_message_id_header_part_is_no_email(analyzer):
    findings = analyzer.analyze([Chunk("<x1y2z3@mail.example.com>", "header:message-id"),
                                 Chunk("Budi <budi@example.com>", "header:from")])
    assert [(f.text, f.part) for f in findings if f.entity_type == EMAIL] == [("budi@example.com", "header:from")]


def test_version_in_a_column_labelled_versi(analyzer):
    findings = analyzer.analyze([Chunk("5.3.2.9", "sheet Statistik!F2", "Versi Aplikasi")])
    assert [f for f in findings if f.entity_type == IP] == []


def test_private_ip_reviews_public_is_info(analyzer):
    from dlp.policy import Policy

    pol = Policy.default()
    (priv,) = _found(analyzer, "DB_HOST=10.31.2.44", IP)
    (pub,) = _found(analyzer, "sumber 91.203.5.146", IP)
    assert (pol.severity(priv), pol.severity(pub)) == ("review", "info")
    (local,) = _found(analyzer, "'host' => env('DB_HOST', '127.0.0.1'),", IP)  # every stock config's
    assert (local.level, pol.severity(local)) == ("local", "info")


def test_email_domain_check_is_offline(monkeypatch):
    """The suffix list comes from the bundled snapshot: no network even on first use."""
    import socket

    from dlp.classifiers import email_ip_recognizers as m

    def no_network(*a, **k):
        raise AssertionError("network used")

    monkeypatch.setattr(socket, "create_connection", no_network)
    monkeypatch.setattr(socket.socket, "connect", no_network)
    m._tld.cache_clear()
    m.valid_domain.cache_clear()
    assert m.valid_domain("x@cimahikota.go.id") and not m.valid_domain("x@nowhere.invalidtld")


@pytest.mark.parametrize("part, kept", [
    ("header:message-id", False), ("Header:References", False), ("header:from", True), ("body", True),
])
def test_address_by_chunk_part_among_others(analyzer, part, kept):
    chunks = [Chunk("Pesan dari humas.", "body"), Chunk("<ab12cd@mail.example.go.id>", part),
              Chunk("Hubungi budi@example.go.id", "body")]
    got = {f.text for f in analyzer.analyze(chunks) if f.entity_type == EMAIL}
    assert got == ({"ab12cd@mail.example.go.id"} if kept else set()) | {"budi@example.go.id"}


@pytest.mark.parametrize("text, found", [
    ("ssh -p 2222 admin@server.example.go.id", False),
    ("git clone git@github.com:org/repo", False),
    ("TELNET ops@host.example.go.id", False),
    ("Kirim ke admin@server.example.go.id", True),
    ("Digitalisasi: admin@server.example.go.id", True),   # "git" inside a word is no login
])
def test_login_targets(analyzer, text, found):
    assert any(f.entity_type == EMAIL for f in analyzer.analyze_text(text)) == found


def _ipaddress_level(number: int) -> str:
    ip = ipaddress.IPv4Address(number)
    if ip.is_loopback or ip.is_unspecified:
        return "local"
    return "private" if (ip.is_private or ip.is_link_local) else "public"


def _boundaries() -> list[int]:
    """Every first and last address of ipaddress's special IPv4 networks, and their neighbours."""
    c = ipaddress.IPv4Address._constants
    nets = list(c._private_networks) + list(getattr(c, "_private_networks_exceptions", ())) + [
        c._loopback_network, c._linklocal_network, c._multicast_network, c._public_network, c._reserved_network]
    out = set()
    for n in nets:
        for b in (int(n.network_address), int(n.broadcast_address)):
            out.update(x for x in (b - 1, b, b + 1) if 0 <= x < 2 ** 32)
    return sorted(out)


def test_ipv4_level_is_ipaddress_level():
    # address_level answers IPv4 from a range table instead of ipaddress: the same answer at every
    # boundary of ipaddress's networks, at both ends of every first octet and at random addresses
    rng = random.Random(7)
    numbers = _boundaries() + [o << 24 for o in range(256)] + [(o << 24) | 0xFFFFFF for o in range(256)]
    numbers += [rng.getrandbits(32) for _ in range(20000)]
    for x in numbers:
        dotted = f"{x >> 24}.{x >> 16 & 255}.{x >> 8 & 255}.{x & 255}"
        assert address_level(dotted) == _ipaddress_level(x), dotted
        assert address_level(dotted + "/24") == _ipaddress_level(x), dotted


@pytest.mark.parametrize("value, level", [
    ("010.001.002.003", "private"), ("192.168.001.010", "private"), ("8.8.8.8", "public"),
    ("172.32.0.1", "public"), ("172.31.255.255", "private"), ("fe80::1", "private"),
    ("::ffff:10.0.0.1", "private"), ("2001:4860::8888", "public"), ("1.2.3", None),
    ("127.0.0.1", "local"), ("127.1.2.3", "local"), ("0.0.0.0", "local"), ("::1", "local"), ("::", "local")])
def test_address_level_writings(value, level):
    assert address_level(value) == level
