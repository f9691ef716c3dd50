"""EMAIL_ADDRESS and IP_ADDRESS: addresses vs. handles, Message-IDs, login targets and version numbers."""
from __future__ import annotations

import pytest

from dlp.models import Chunk

EMAIL, IP = "EMAIL_ADDRESS", "IP_ADDRESS"

EMAIL_POSITIVES = [
    ("Pos-el: setda@depok.go.id", "setda@depok.go.id"),
    ("Mohon konfirmasi ke nining_lest@yahoo.co.id paling lambat Jumat.", "nining_lest@yahoo.co.id"),
    ("From: Budi Kusmayadi <sekretariat.kesbangpol@depok.go.id>", "sekretariat.kesbangpol@depok.go.id"),
    ("Narahubung: Fitri (humas.dinkes@bandung.go.id)", "humas.dinkes@bandung.go.id"),
    ("kirim ke mailto:layanan.disdukcapil@bandung.go.id", "layanan.disdukcapil@bandung.go.id"),
    ("MAIL_USERNAME=noreply.sapawarga@gmail.com", "noreply.sapawarga@gmail.com"),
    ("Surel: Fajar.Suhendar@JabarProv.go.id.", "Fajar.Suhendar@JabarProv.go.id"),
    ("cc: a.b-c+tag@sub.example.co.id, x@example.com", "a.b-c+tag@sub.example.co.id"),
]
EMAIL_EVASIONS = [
    ("hubungi humas [at] bandung [dot] go [dot] id", "humas [at] bandung [dot] go [dot] id"),
    ("email: budi(at)bandung.go.id", "budi(at)bandung.go.id"),
    ("Surel\uff1a setda\uff20depok.go.id", "setda\uff20depok.go.id"),                  # full-width colon and at
    ("kirim ke setda@depok.go.id\u200b ya", "setda@depok.go.id"),
]
EMAIL_NEGATIVES = [
    "Follow @humas_bandung untuk info terbaru.",
    "loginnya ssh admin@192.168.10.25",
    "ssh -p 2222 deploy@server.example.com",
    "git clone git@github.com:org/repo.git",
    "Message-ID: <20210426081402.4471@mail.depok.go.id>",
    "Message-ID: <CAF3k2x9@mail.gmail.com>",
    "In-Reply-To: <CAF3k2x9@mail.gmail.com>",
    "References: <a1.b2@mail.example.com>\n <c3.d4@mail.example.com>",
    "postgres://app:S3cretPw@db.example.com/app",
    "user@localhost",
    "logo@2x.png",
    "harga @ Rp 5.000",
    "nama@domain",
]

IP_POSITIVES = [
    ("DB_HOST=10.20.1.15", "10.20.1.15", "private"),
    ("IP komputer kantor: 192.168.20.37", "192.168.20.37", "private"),
    ("loginnya ssh admin@192.168.10.25", "192.168.10.25", "private"),
    ("Webmail (10.12.4.21), server (10.12.4.22)", "10.12.4.21", "private"),
    ("Sumber serangan: 185.220.101.47 (Tor exit node)", "185.220.101.47", "public"),
    ("resolver DNS 1.1.1.1 dan 8.8.8.8", "8.8.8.8", "public"),
    ("jaringan 10.0.0.0/8", "10.0.0.0/8", "private"),
    ("server 172.16.5.4:8080", "172.16.5.4", "private"),
    ("link-local fe80::1%eth0", "fe80::1%eth0", "private"),
    ("alamat 2001:db8::ff00:42:8329", "2001:db8::ff00:42:8329", "private"),
    ("gateway 192.168.010.001", "192.168.010.001", "private"),             # leading zeros
    ("rentang 10.0.0.1-10.0.0.50", "10.0.0.50", "private"),
]
IP_NEGATIVES = [
    "Catatan Rilis Aplikasi Antrean Online v3.2.0.1",
    "versi 3.2.0.1",
    "Sumber: aplikasi antrean v2.4.1.7",
    "Pembaruan agen EDR ke versi 7.1.0.12 di seluruh server.",
    "EDR 7.1.0.12",
    "build 1.2.3.4",
    "antrean-online-3.2.0.1.apk",
    "rilis 3.2.0.1-beta",
    "pasal 1.2.3.4.5",
    "jam 14:05:33",
    "mac 00:1A:2B:3C:4D:5E",
    "1.2.3.4000",
    "Rp 1.250.000.000",
    "sesuai Pasal 2.3.1.4 pedoman",
]


@pytest.fixture(scope="module")
def analyzer():
    from dlp.analyze import Analyzer

    return Analyzer()


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
    got = {(f.entity_type, f.text) for f in analyzer.analyze_text("ssh admin@192.168.10.25")}
    assert got == {(IP, "192.168.10.25")}


def test_message_id_header_part_is_no_email(analyzer):
    findings = analyzer.analyze([Chunk("<x1y2z3@mail.example.com>", "header:message-id"),
                                 Chunk("Budi <budi@example.com>", "header:from")])
    assert [(f.text, f.part) for f in findings if f.entity_type == EMAIL] == [("budi@example.com", "header:from")]


def test_version_in_a_column_labelled_versi(analyzer):
    findings = analyzer.analyze([Chunk("2.4.1.7", "sheet Statistik!F2", "Versi Aplikasi")])
    assert [f for f in findings if f.entity_type == IP] == []


def test_private_ip_reviews_public_is_info(analyzer):
    from dlp.policy import Policy

    pol = Policy.default()
    (priv,) = _found(analyzer, "DB_HOST=10.20.1.15", IP)
    (pub,) = _found(analyzer, "sumber 185.220.101.47", IP)
    assert (pol.severity(priv), pol.severity(pub)) == ("review", "info")


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
    assert m.valid_domain("x@bandung.go.id") and not m.valid_domain("x@nowhere.invalidtld")
