"""The per-text work the recognizers share (classifiers/_text.py) and the gates read off their rules.

Every gate here is a speed-up only: a test either checks a gate against the plain computation it
stands for, or checks a finding that a too-strict gate would lose.
"""
from __future__ import annotations

import re

import pytest

from dlp.classifiers import _text as T


# -- capitals, lower case ---------------------------------------------------------

@pytest.mark.parametrize("text,caps", [
    ("Surat RAHASIA nomor B-12", "SRAHASIAB"),
    ("tanpa huruf besar", ""),
    ("Ünïcode ÀB, Ωmega K", "BK"),          # only ASCII capitals are kept
    ("\ud800 GPS -6.9", "GPS"),              # a lone surrogate (an undecodable byte) does not stop it
])
def test_capitals(text, caps):
    assert T.capitals(text) == caps
    assert T.capitals(text) is T.capitals(text)  # once per text


@pytest.mark.parametrize("literal,caps", [("AIza", "AI"), ("GOCSPX-", "GOCSPX"), ("eyJ", "J"), ("sk-", "")])
def test_caps_of(literal, caps):
    assert T.caps_of(literal) == caps


@pytest.mark.parametrize("text,exact", [("Sifat: RAHASIA", "sifat: rahasia"), ("İzin", ""), ("", "")])
def test_lower_exact(text, exact):
    assert T.lower_exact(text) == exact
    assert len(T.lower(text)) == len(text)  # lower() keeps offsets either way


# -- what a secret rule's regex needs ----------------------------------------------------

@pytest.mark.parametrize("regex,literals", [
    (r"(?P<secret>(?:AKIA|ASIA)[0-9A-Z]{16})", [{"AKIA", "ASIA"}]),
    (r"gh[pousr]_[A-Za-z0-9]{36}", [{"ghp_", "gho_", "ghu_", "ghs_", "ghr_"}]),
    (r"eyJ[\w-]{8,}\.eyJ[\w-]{8,}", [{"eyJ"}, {".eyJ"}]),
    (r"(?:SB-)?Mid-server-[\w-]{20,}", [{"Mid-server-"}]),            # the optional part is no requirement
    (r"x(?=_)y", [{"xy"}]),                                          # a look-ahead consumes nothing
    (r"(?i)authorization[:=]basic", [{":", "="}]),                   # ignoring case only marks count
    (r"(?i:ab)cd", [{"cd"}]),
    (r"a(?:b|c+)d", [{"a"}, {"d"}]),                                  # a branch that is not plain strings
    (r"[", []),                                                      # unreadable: requires nothing
])
def test_required_literals(regex, literals):
    from dlp.classifiers.secret_recognizer import required_literals

    assert [set(s) for s in required_literals(regex)] == literals


def test_required_capitals_and_marks():
    from dlp.classifiers.secret_recognizer import anchored_literals, required_capitals, required_mark_sets

    assert required_capitals(r"AIza[\w-]{35}") == (("AI",),)
    assert required_capitals(r"(?:AKIA|ASIA)[A-Z0-9]{16}") == (("AKIA", "ASIA"),)
    assert required_capitals(r"sk-[\w-]{20,}") == ()                  # no capitals in its literals
    assert required_mark_sets(r"(?i)authorization\s*[:=]\s*basic") == (frozenset(":="),)
    assert anchored_literals(r"npm_[A-Za-z0-9]{36}") == ("_", ("npm_",))
    assert anchored_literals(r"\d{8,10}:AA[\w-]{32}") == (":", (":AA",))
    assert anchored_literals(r"glpat-[\w-]{20,}") == ("-", ("glpat-",))  # "-" comes last: "_" first
    assert anchored_literals(r"sk_live_[\w-]{20,}") == ("_", ("sk_live_",))
    assert anchored_literals(r"\d{8}-[\w-]{20,}") == ("-", ("-",))     # the mark alone: no class test


# (text, whether the "-" gate lets it through): the literals of the rules anchored on "-" pass; the
# hyphens of dense administrative text (phone numbers, NPWPs, reduplicated words) do not.
DASH_GATE = [
    ("token glpat-abc", True), ("xoxb-123", True), ("xoxp-1", True), ("key sk-abc", True), ("GOCSPX-a", True),
    ("SB-Mid-server-x", True), ("pypi-AgEIcHlwaS5vcmcx", True),
    ("0812-3456-7890", False), ("12.345.678.9-012.000", False), ("masing-masing", False),
    ("sehari-hari", False), ("risk-free", True), ("xox-", False), ("xoxo-", False), ("Mid-Server-", False),
    ("pypi-other", False), ("glpat_x", False), ("", False),
]


@pytest.mark.parametrize("text,through", DASH_GATE)
def test_dash_anchor_gate(text, through):
    from dlp.classifiers.secret_recognizer import SecretRecognizer

    gate = dict(SecretRecognizer()._anchor_gates)["-"]
    assert (gate.search(text) is not None) is through


def test_secret_gates_let_every_match_through():
    """A text matching a rule passes all of that rule's gates (the gates lose nothing)."""
    import random
    import string

    from dlp.classifiers.secret_recognizer import SecretRecognizer

    rec = SecretRecognizer()
    r = random.Random(7)
    fake = lambda n, a=string.ascii_letters + string.digits: "".join(r.choice(a) for _ in range(n))  # noqa: E731
    tokens = ["AKIA" + fake(16, string.ascii_uppercase), "AIza" + fake(35), "ghp_" + fake(36),
              "github_pat_" + fake(60), "glpat-" + fake(20), "xoxb-" + fake(20), "sk-" + fake(32),
              "sk-proj-" + fake(40), "Mid-server-" + fake(22), "sk_live_" + fake(24), "rk_test_" + fake(24), "GOCSPX-" + fake(28),
              fake(9, string.digits) + ":AA" + fake(33), "SG." + fake(22) + "." + fake(43), "npm_" + fake(36),
              "pypi-AgEIcHlwaS5vcmc" + fake(55), "SB-Mid-server-" + fake(24), "xnd_production_" + fake(24),
              "eyJ" + fake(12) + ".eyJ" + fake(20) + "." + fake(20), "https://hooks.slack.com/services/" + fake(30),
              "postgres://app:" + fake(10) + "@db.example.com", "Authorization: Basic " + fake(16)]
    matched = set()
    for text in tokens:
        have = "".join(c for c in rec.marks if c in text)  # (as SecretRecognizer.analyze keys them)
        caps = T.capitals(text)
        hits = tuple(a for a in rec._cap_strings if a in caps)
        anchored = "".join(m for m, rx in rec._anchor_gates if m in have and rx.search(text))
        through = {id(x[0]) for x in rec._rules_for(have, hits, anchored)}
        for rule in rec.rules:
            if rule["rx"].search(text):
                matched.add(rule["id"])
                assert id(rule) in through, (rule["id"], text)
    assert len(matched) >= 18  # every rule but the bearer token's is tried


# -- the other recognizers' shortcuts -------------------------------------------------

def test_field_anchors_cover_every_field_key():
    from dlp.classifiers.classification_marking_recognizer import _KEYS_AT_ANCHOR, FIELD_KEYS

    listed = sorted(n for keys in _KEYS_AT_ANCHOR.values() for _, n, _ in keys)
    assert listed == list(range(len(FIELD_KEYS)))
    for anchor, keys in _KEYS_AT_ANCHOR.items():
        for key, _, off in keys:
            assert key[off:off + len(anchor)] == anchor


@pytest.mark.parametrize("text,expected", [
    ("X1234567 (paspor)", ["X1234567"]),                                   # its label after it on its line
    ("X1234567\nPaspor: A7654321", ["A7654321"]),                           # an earlier line has none
    ("Daftar passsport\nBudi X1234567\n\ncatatan paspor", ["X1234567"]),   # the word before, spelt oddly
    ("Daftar pa\u017fsport\nBudi X1234567\n\ncatatan paspor", ["X1234567"]),  # "ſ" is an "s" ignoring case
    ("Budi X1234567\n\ncatatan paspor", []),
])
def test_passport_scan_starts_at_the_first_passport_word(text, expected):
    from dlp.classifiers.id_passport_recognizer import IdPassportRecognizer

    assert [text[r.start:r.end] for r in IdPassportRecognizer().analyze(text, None)] == expected


@pytest.mark.parametrize("text,expected", [
    ("Nomor          :      421.3/1234-Disdik", ["421.3/1234-Disdik"]),    # far from its label
    ("Nomor:\n421.3/1234-Disdik", []),                                      # a label names only its own line
    ("No. 12/Setda\nNomor: B-12/Setda", ["B-12/Setda", "12/Setda"]),      # key by key: "nomor" first
])
def test_labelled_letter_numbers_on_their_label_line(text, expected):
    from dlp.classifiers.id_letter_number_recognizer import IdLetterNumberRecognizer

    assert [text[r.start:r.end] for r in IdLetterNumberRecognizer().analyze(text)] == expected


@pytest.mark.parametrize("text,found", [
    ("server 10.0.0.1", True), ("5.\n10.0.0.1", False), ("app-\n10.0.0.1", False), ("v10.0.0.1", False),
    ("10.0.0.1.5", False), ("Rp 10.250.000.000", False), ("12.345.678.9-012.000", False), ("10.0.0.1 ya", True),
])
def test_ip_version_look_arounds(text, found):
    from dlp.classifiers.email_ip_recognizers import DlpIpRecognizer

    assert bool(DlpIpRecognizer().analyze(text)) is found


def test_result_metadata():
    from dlp.classifiers.email_ip_recognizers import DlpEmailRecognizer

    rec = DlpEmailRecognizer()
    r = rec.result("EMAIL_ADDRESS", 1, 5, 1.5, "private", {"en": "x", "id": "y"}, own_context=True)
    assert (r.entity_type, r.start, r.end, r.score) == ("EMAIL_ADDRESS", 1, 5, 1.0)
    assert r.recognition_metadata == {"recognizer_name": rec.name, "recognizer_identifier": rec.id,
                                      "dlp_level": "private", "dlp_reason": {"en": "x", "id": "y"},
                                      "is_score_enhanced_by_context": True}
    assert re.fullmatch(r"\w+", rec.result("X", 0, 1, 0.5).recognition_metadata["recognizer_name"])
