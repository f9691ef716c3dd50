"""The policy: the contract's default severities, overrides, allowlists, and bad policy files."""
from __future__ import annotations

import pytest
from core_helpers import finding

from dlp.models import FileResult, ScanError
from dlp.policy import Policy, PolicyError, compact, merge, value_hash

# The contract's default-policy table (shared/spec/report-format.md), row by row.
DEFAULTS = [
    ("ID_NIK", None, "block"),
    ("ID_KK", None, "block"),
    ("ID_NPWP", None, "block"),
    ("ID_PASSPORT", None, "block"),
    ("CREDIT_CARD", None, "block"),
    ("SECRET", None, "block"),
    ("CLASSIFICATION_MARKING", "sangat_rahasia", "block"),
    ("CLASSIFICATION_MARKING", "rahasia", "block"),
    ("CLASSIFICATION_MARKING", "terbatas", "block"),
    ("ID_LETTER_NUMBER", "SR", "block"),
    ("ID_LETTER_NUMBER", "R", "block"),
    ("ID_LETTER_NUMBER", "T", "block"),
    ("ID_LETTER_NUMBER", "B", "review"),
    ("ID_LETTER_NUMBER", None, "review"),
    ("ID_NIP", None, "review"),
    ("PHONE_NUMBER", None, "review"),
    ("EMAIL_ADDRESS", None, "review"),
    ("IP_ADDRESS", "private", "review"),
    ("PERSON", None, "info"),
    ("IP_ADDRESS", "public", "info"),
    ("CLASSIFICATION_MARKING", "biasa", "info"),
    ("CLASSIFICATION_MARKING", "terbuka", "info"),
    ("SOME_CUSTOM_TYPE", None, "review"),  # unknown entity: review, not silently safe
]


@pytest.mark.parametrize("entity,level,severity", DEFAULTS)
def test_default_severity(entity, level, severity):
    assert Policy.default().severity(finding(entity, "x", 0, level=level)) == severity


@pytest.mark.parametrize("entity,level,severity", DEFAULTS)
def test_verdict_is_worst_severity(entity, level, severity):
    result = Policy.default().apply(FileResult("f.txt", "text/plain", findings=[finding(entity, "x", 0, level=level)]))
    assert result.verdict == ("safe" if severity == "info" else severity)
    assert result.findings[0].severity == severity


def test_unreadable_file_is_at_least_review():
    pol = Policy.default()
    assert pol.apply(FileResult("f.pdf", "application/pdf", errors=[ScanError("encrypted")])).verdict == "review"
    with_info = FileResult("f.pdf", "application/pdf", errors=[ScanError("corrupt")],
                           findings=[finding("PERSON", "Siti", 0)])
    assert pol.apply(with_info).verdict == "review"
    with_block = FileResult("f.pdf", "application/pdf", errors=[ScanError("corrupt")],
                            findings=[finding("ID_NIK", "3171012304850001", 0)])
    assert pol.apply(with_block).verdict == "block"


def test_allowed_findings_do_not_count():
    pol = Policy.load(None)
    pol = Policy.from_dict(merge({"entities": pol.entities}, {"allowlist": [{"value": "3171012304850001"}]}))
    r = pol.apply(FileResult("f", "text/plain", findings=[finding("ID_NIK", "3171 0123 0485 0001", 0),
                                                         finding("PERSON", "Siti", 30)]))
    assert r.findings[0].allowed and r.findings[0].severity == "block"
    assert r.verdict == "safe"


def _load(tmp_path, text: str) -> Policy:
    p = tmp_path / "policy.yaml"
    p.write_text(text, encoding="utf-8")
    return Policy.load(p)


def test_override_merges_over_default(tmp_path):
    pol = _load(tmp_path, "entities:\n  EMAIL_ADDRESS: info\n  PERSON: review\n")
    assert pol.severity(finding("EMAIL_ADDRESS", "a@b.id", 0)) == "info"
    assert pol.severity(finding("PERSON", "Siti", 0)) == "review"
    assert pol.severity(finding("ID_NIK", "x", 0)) == "block"  # untouched entries stay
    assert pol.severity(finding("ID_LETTER_NUMBER", "x", 0, level="R")) == "block"


def test_override_of_one_level_keeps_the_others(tmp_path):
    pol = _load(tmp_path, "entities:\n  ID_LETTER_NUMBER:\n    levels: {B: block}\n")
    assert pol.severity(finding("ID_LETTER_NUMBER", "x", 0, level="B")) == "block"
    assert pol.severity(finding("ID_LETTER_NUMBER", "x", 0, level="SR")) == "block"
    assert pol.severity(finding("ID_LETTER_NUMBER", "x", 0, level="X")) == "review"  # default kept


def test_plain_severity_replaces_levels(tmp_path):
    pol = _load(tmp_path, "entities:\n  IP_ADDRESS: block\n")
    assert pol.severity(finding("IP_ADDRESS", "9.9.9.9", 0, level="public")) == "block"


def test_severity_words_are_case_insensitive(tmp_path):
    pol = _load(tmp_path, "entities:\n  PERSON: Review\n")
    assert pol.severity(finding("PERSON", "Siti", 0)) == "review"


def test_allowlists_are_concatenated(tmp_path):
    pol = _load(tmp_path, "allowlist:\n  - {value: '(022) 720-8000', entity: PHONE_NUMBER}\n"
                          "  - {regex: 'humas@[a-z]+\\.go\\.id'}\n")
    assert len(pol.allowlist) == 2
    merged = merge({"allowlist": [{"value": "a1"}]}, {"allowlist": [{"value": "b2"}]})
    assert merged["allowlist"] == [{"value": "a1"}, {"value": "b2"}]


def test_empty_policy_file_is_the_default(tmp_path):
    pol = _load(tmp_path, "# nothing\n")
    assert pol.entities == Policy.default().entities


@pytest.mark.parametrize("text,allowed", [
    ("(022) 720-8000", True),
    ("022 7208000", True),
    ("022-720-8000", True),
    ("０２２ ７２０８０００", True),     # full-width
    ("022.720.8000", True),
    ("022 7208001", False),
    ("0227208000 1", False),
    ("62227208000", False),
])
def test_allowlist_exact_value_ignores_spacing_and_punctuation(tmp_path, text, allowed):
    pol = _load(tmp_path, "allowlist:\n  - value: '(022) 720-8000'\n    note: call-centre hotline\n")
    assert pol.allowed(finding("PHONE_NUMBER", text, 0)) is allowed


def test_allowlist_exact_value_ignores_case(tmp_path):
    pol = _load(tmp_path, "allowlist: ['Humas@Cimahikota.go.id']\n")
    assert pol.allowed(finding("EMAIL_ADDRESS", "humas@cimahikota.GO.ID", 0))
    assert not pol.allowed(finding("EMAIL_ADDRESS", "humas2@cimahikota.go.id", 0))


@pytest.mark.parametrize("text,allowed", [
    ("humas@cimahikota.go.id", True),
    ("HUMAS@jatengprov.go.id", True),  # regexes ignore case
    ("humas.cimahikota.go.id", False),
    ("xhumas@cimahikota.go.id", False),  # full match, not search
    ("humas@cimahikota.go.id.evil.com", False),
    (" humas@cimahikota.go.id ", True),  # surrounding spaces stripped
])
def test_allowlist_regex_is_a_full_match(tmp_path, text, allowed):
    pol = _load(tmp_path, "allowlist:\n  - regex: 'humas@[a-z]+\\.go\\.id'\n")
    assert pol.allowed(finding("EMAIL_ADDRESS", text, 0)) is allowed


def test_allowlist_per_entity(tmp_path):
    pol = _load(tmp_path, "allowlist:\n  - {value: '0227208000', entity: PHONE_NUMBER}\n")
    assert pol.allowed(finding("PHONE_NUMBER", "022 7208000", 0))
    assert not pol.allowed(finding("ID_NIP", "022 7208000", 0))


def test_allowlisted_value_does_not_count_but_is_kept(tmp_path):
    pol = _load(tmp_path, "allowlist:\n  - {value: '(022) 720-8000', entity: PHONE_NUMBER}\n")
    r = pol.apply(FileResult("f", "text/plain", findings=[finding("PHONE_NUMBER", "022-7208000", 0)]))
    assert r.verdict == "safe" and r.findings[0].allowed and r.findings[0].severity == "review"


BAD = [
    ("entities: [ID_NIK]\n", "entities"),
    ("entities: {ID_NIK: blocker}\n", "unknown severity"),
    ("entities: {ID_NIK: 3}\n", "ID_NIK"),
    ("entities: {ID_LETTER_NUMBER: {default: block, levels: [R]}}\n", "levels"),
    ("entities: {ID_LETTER_NUMBER: {defualt: info}}\n", "unknown key"),
    ("entities: {ID_LETTER_NUMBER: {levels: {R: secret}}}\n", "unknown severity"),
    ("allowlist: {value: x}\n", "allowlist"),
    ("allowlist: [{note: only a note}]\n", "needs `value` or `regex`"),
    ("allowlist: [{regex: '('}]\n", "bad regex"),
    ("allowlist: [{regex: ''}]\n", "regex"),
    ("allowlist: [{value: 6281234567890}]\n", "quotes"),  # YAML reads a number
    ("allowlist: [{value: '---'}]\n", "no letters or digits"),
    ("allowlist: [{value: a, regex: b}]\n", "not both"),
    ("allowlist: [{value: a, entitiy: PHONE_NUMBER}]\n", "unknown key"),
    ("allowlist: [[1, 2]]\n", "needs `value` or `regex`"),
    ("min_score: high\n", "min_score"),
    ("min_score: 2\n", "min_score"),
    ("unreadable: info\n", "unreadable"),
    ("unknown_entity: maybe\n", "unknown_entity"),
    ("version: 2\n", "version"),
    ("- just\n- a list\n", "mapping"),
    ("entities: {ID_NIK: [block\n", ""),  # YAML syntax error
]


@pytest.mark.parametrize("text,message", BAD)
def test_bad_policy_file_raises_policy_error(tmp_path, text, message):
    with pytest.raises(PolicyError) as exc:
        _load(tmp_path, text)
    assert message in str(exc.value)
    assert "policy.yaml" in str(exc.value)  # the file is named


def test_missing_policy_file(tmp_path):
    with pytest.raises(PolicyError):
        Policy.load(tmp_path / "nope.yaml")


def test_policy_path_is_a_folder(tmp_path):
    with pytest.raises(PolicyError):
        Policy.load(tmp_path)


def test_policy_file_not_utf8(tmp_path):
    p = tmp_path / "p.yaml"
    p.write_bytes(b"allowlist: ['\xff\xfe\x00bad']\n")
    with pytest.raises(PolicyError):
        Policy.load(p)


def test_compact_and_value_hash():
    assert compact("(022) 720-8000") == compact("０２２ ７２０ ８０００") == "0227208000"
    assert value_hash("ID_NIK", "3171 0123 0485 0001") == value_hash("ID_NIK", "3171-0123-0485-0001")
    assert value_hash("ID_NIK", "3171012304850001") != value_hash("ID_KK", "3171012304850001")
    assert value_hash("ID_NIK", "3171012304850001") != value_hash("ID_NIK", "3171012304850001", salt="s3cret")
    h = value_hash("ID_NIK", "3171012304850001")
    assert len(h) == 64 and "3171012304850001" not in h
