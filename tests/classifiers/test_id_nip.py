"""ID_NIP: 18-digit civil-servant numbers (PNS and PPPK), validated by their dates."""
from __future__ import annotations

import datetime as dt

import pytest

import dlp_tests_classifiers_factories as F  # registered by conftest.py

D = dt.date


def found(analyzer, text, entity):
    return [f.text for f in analyzer.analyze_text(text) if f.entity_type == entity]

NIP = F.make_nip(D(1985, 4, 23), (2010, 1), female=False, serial=1)
NIP_F = F.make_nip(D(1971, 12, 31), (1998, 3), female=True, serial=27)
NIP_PPPK = F.make_nip(D(1990, 6, 1), (2023, 1), female=True, serial=4, pppk=True)
NIP_OLD = F.make_nip(D(1948, 8, 17), (1970, 3), serial=110)
NIP_2 = F.make_nip(D(1991, 7, 26), (2019, 3), female=True, serial=14)

POSITIVES = [
    (f"NIP. {NIP}", NIP),
    (f"NIP {F.fmt_nip(NIP)}", F.fmt_nip(NIP)),
    (f"NIP. {NIP_2}", NIP_2),
    (f"NIP {F.fmt_nip(NIP_2)}", F.fmt_nip(NIP_2)),
    (f"Pembina, {F.fmt_nip(NIP_F)}", F.fmt_nip(NIP_F)),       # valid without a label
    (f"NIP PPPK: {NIP_PPPK}", NIP_PPPK),
    (f"pensiunan {NIP_OLD}", NIP_OLD),
    (f"Nomor Induk Pegawai\n{NIP}", NIP),
    (f"NIP. {NIP[:8]}.{NIP[8:14]}.{NIP[14]}.{NIP[15:]}", f"{NIP[:8]}.{NIP[8:14]}.{NIP[14]}.{NIP[15:]}"),
    (f"NIP {NIP[:9]}\n{NIP[9:]}", f"{NIP[:9]}\n{NIP[9:]}"),   # wrapped, valid
    (f"NIP: {NIP[:8]}-{NIP[8:14]}-{NIP[14]}-{NIP[15:]}", f"{NIP[:8]}-{NIP[8:14]}-{NIP[14]}-{NIP[15:]}"),
    ("NIP: 198513232010011001", "198513232010011001"),       # labelled, month 13: still reported
    ("N.I.P. 198513232010011001", "198513232010011001"),     # a dotted label names it too
    (f"NIP/NIK : {NIP}", NIP),                                # a combined field: the NIP fits it
    (f"NIP./NRP: {NIP}", NIP),
]

NEGATIVES = [
    "198513232010011001",                    # birth month 13
    "198504232030011001",                    # appointed in the future
    "198504231990011001",                    # appointed at 5
    "198504232010013001",                    # gender digit 3
    "198504232010011000",                    # serial 000
    "199113262019032014",                    # birth month 13
    "199107262035032014",                    # appointed in the future
    "193004232010011001",                    # born 1930
    "NOP 19.01.001.002.003-0012.0",          # a tax object number
    f"{NIP}7",                               # 19 digits
    f"No. Rekening {NIP}",                   # named as something else
]


@pytest.mark.parametrize("text,expected", POSITIVES)
def test_nip_found(analyzer, text, expected):
    assert expected in found(analyzer, text, "ID_NIP")


@pytest.mark.parametrize("text", NEGATIVES)
def test_not_a_nip(analyzer, text):
    assert found(analyzer, text, "ID_NIP") == []


def test_reason_decodes(analyzer):
    (f,) = [f for f in analyzer.analyze_text(f"NIP {NIP_F}") if f.entity_type == "ID_NIP"]
    assert "born 1971-12-31" in f.reason["en"] and "1998-03" in f.reason["en"] and "female" in f.reason["en"]
    (p,) = [f for f in analyzer.analyze_text(f"NIP {NIP_PPPK}") if f.entity_type == "ID_NIP"]
    assert "PPPK" in p.reason["en"]


def test_recognizer_alone_span():
    from dlp.classifiers.id_nip_recognizer import IdNipRecognizer

    text = f"a.n. Kepala Dinas, NIP. {F.fmt_nip(NIP)}."
    (r,) = IdNipRecognizer().analyze(text, ["ID_NIP"])
    start = text.index(F.fmt_nip(NIP))
    assert (r.start, r.end) == (start, start + len(F.fmt_nip(NIP)))


def test_nip_is_not_a_phone_or_nik(analyzer):
    types = {f.entity_type for f in analyzer.analyze_text(f"NIP {F.fmt_nip(NIP)}")}
    assert types == {"ID_NIP"}
