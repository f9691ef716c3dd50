"""The three report formats: goldens, the contract's JSON schema, SARIF 2.1.0, --redact, --lang."""
from __future__ import annotations

import json
import re
from urllib.parse import urlsplit

import jsonschema
import pytest
from core_helpers import check_golden, finding, load_schema, raw_texts, sample_report

from dlp.models import FileResult, Report
from dlp.policy import Policy, value_hash
from dlp.report import mask, render
from dlp.report.sarif import artifact_uri

CONTRACT_ENTITIES = ["ID_NIK", "ID_KK", "ID_NIP", "ID_NPWP", "ID_PASSPORT", "ID_LETTER_NUMBER",
                     "CLASSIFICATION_MARKING", "PHONE_NUMBER", "EMAIL_ADDRESS", "CREDIT_CARD", "IP_ADDRESS",
                     "PERSON", "SECRET"]
ANSI = re.compile(r"\x1b\[")


def _sarif_stable(text: str) -> str:
    """The SARIF text with the tool's version replaced, so goldens survive a version bump."""
    data = json.loads(text)
    driver = data["runs"][0]["tool"]["driver"]
    driver["version"] = driver["semanticVersion"] = "VERSION"
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


GOLDENS = [
    ("report.en.json", "json", "en", False),
    ("report.id.redacted.json", "json", "id", True),
    ("report.en.txt", "text", "en", False),
    ("report.id.txt", "text", "id", False),
    ("report.en.redacted.txt", "text", "en", True),
    ("report.en.sarif", "sarif", "en", False),
    ("report.id.redacted.sarif", "sarif", "id", True),
]


@pytest.mark.parametrize("name,fmt,lang,redact", GOLDENS)
def test_golden(name, fmt, lang, redact):
    out = render(sample_report(), fmt, lang=lang, redact=redact)
    if fmt == "sarif":
        out = _sarif_stable(out)
    check_golden(name, out)


# -- --redact: no matched text anywhere ----------------------------------------------
@pytest.mark.parametrize("fmt", ["json", "text", "sarif"])
@pytest.mark.parametrize("lang", ["en", "id"])
def test_redact_leaves_no_matched_text(fmt, lang):
    report = sample_report()
    out = render(report, fmt, lang=lang, redact=True)
    for text in raw_texts(report):
        assert text not in out, f"{text!r} visible in redacted {fmt}"
        # nor in pieces: the longest digit/letter run of each value
        for piece in re.findall(r"[A-Za-z0-9]{6,}", text):
            assert piece not in out, f"{piece!r} of {text!r} visible in redacted {fmt}"


@pytest.mark.parametrize("fmt", ["json", "text", "sarif"])
def test_without_redact_the_text_is_shown(fmt):
    report = sample_report()
    out = render(report, fmt, lang="en", redact=False)
    for text in raw_texts(report):
        shown = text if fmt != "text" or len(text) <= 60 else text[:59]
        assert shown in out


def test_mask_keeps_length_and_line_breaks():
    assert mask("3171 0123") == "*********"
    assert mask("a\nb") == "*\n*"


def test_redacted_json_keeps_type_offsets_length():
    report = sample_report()
    data = json.loads(render(report, "json", redact=True))
    assert data["redacted"] is True
    found = [f for r in data["files"] for f in r["findings"]]
    originals = [f for r in report.files for f in r.findings]
    for d, f in zip(found, originals):
        assert (d["entity_type"], d["start"], d["end"]) == (f.entity_type, f.start, f.end)
        assert len(d["text"]) == len(f.text) and set(d["text"]) <= {"*"}


# -- JSON: the contract ------------------------------------------------------------------
def check_contract(data: dict) -> None:
    """Schema plus the rules a schema cannot say (used by the CLI tests too)."""
    jsonschema.Draft202012Validator(load_schema("dlp-report-1.schema.json")).validate(data)
    order = {"safe": 0, "review": 1, "block": 2}
    verdicts = [f["verdict"] for f in data["files"]]
    assert data["verdict"] == max(verdicts, key=order.__getitem__, default="safe")
    s = data["summary"]
    assert s["files"] == len(data["files"])
    assert (s["safe"], s["review"], s["block"]) == tuple(verdicts.count(v) for v in ("safe", "review", "block"))
    assert s["errors"] == sum(bool(f["errors"]) for f in data["files"])
    for f in data["files"]:
        sevs = [x["severity"] for x in f["findings"] if not x.get("allowed")]
        worst = max(sevs, key={"info": 0, "review": 1, "block": 2}.__getitem__, default="info")
        expected = "safe" if worst == "info" else worst
        if f["errors"] and expected == "safe":
            expected = "review"  # fail closed
        assert f["verdict"] == expected, f
        for x in f["findings"]:
            assert x["end"] - x["start"] == len(x["text"])


@pytest.mark.parametrize("redact", [False, True])
def test_json_follows_the_contract(redact):
    check_contract(json.loads(render(sample_report(), "json", redact=redact)))


def test_json_schema_rejects_broken_reports():
    """The schema is not vacuous: it catches renamed or missing contract keys."""
    good = json.loads(render(sample_report(), "json"))
    validator = jsonschema.Draft202012Validator(load_schema("dlp-report-1.schema.json"))
    validator.validate(good)
    broken = [
        lambda d: d.update(schema="dlp-report/2"),
        lambda d: d.update(verdict="blocked"),
        lambda d: d["files"][1]["findings"][0].pop("entity_type"),
        lambda d: d["files"][1]["findings"][0].update(severity="high"),
        lambda d: d["files"][1].pop("errors"),
        lambda d: d["summary"].pop("block"),
        lambda d: d["files"][2]["errors"][0].pop("code"),
    ]
    for breaker in broken:
        d = json.loads(json.dumps(good))
        breaker(d)
        with pytest.raises(jsonschema.ValidationError):
            validator.validate(d)


def test_json_language_of_messages():
    en = json.loads(render(sample_report(), "json", lang="en"))
    id_ = json.loads(render(sample_report(), "json", lang="id"))
    err_en = en["files"][4]["errors"][0]["message"]
    err_id = id_["files"][4]["errors"][0]["message"]
    assert "encrypted" in err_en and "terenkripsi" in err_id
    assert en["files"][1]["findings"][1]["reason"].startswith("16-digit NIK")
    assert id_["files"][1]["findings"][1]["reason"].startswith("NIK 16 digit")


# -- SARIF 2.1.0 -------------------------------------------------------------------------
def sarif_validate(data: dict) -> None:
    jsonschema.Draft4Validator(load_schema("sarif-schema-2.1.0.json")).validate(data)


@pytest.mark.parametrize("lang", ["en", "id"])
@pytest.mark.parametrize("redact", [False, True])
def test_sarif_is_valid_against_the_official_schema(lang, redact):
    sarif_validate(json.loads(render(sample_report(), "sarif", lang=lang, redact=redact)))


def test_sarif_schema_is_not_vacuous():
    data = json.loads(render(sample_report(), "sarif"))
    data["runs"][0]["results"][0]["level"] = "fatal"
    with pytest.raises(jsonschema.ValidationError):
        sarif_validate(data)


def test_sarif_rules_one_per_entity_type_with_default_levels():
    data = json.loads(render(sample_report(), "sarif", lang="id"))
    rules = data["runs"][0]["tool"]["driver"]["rules"]
    ids = [r["id"] for r in rules]
    assert len(ids) == len(set(ids))
    assert set(CONTRACT_ENTITIES) <= set(ids)
    by_id = {r["id"]: r for r in rules}
    expected = {"ID_NIK": "error", "SECRET": "error", "CREDIT_CARD": "error", "ID_NPWP": "error",
                "EMAIL_ADDRESS": "warning", "PHONE_NUMBER": "warning", "ID_NIP": "warning",
                "ID_LETTER_NUMBER": "warning", "PERSON": "note", "IP_ADDRESS": "note"}
    for rule_id, level in expected.items():
        assert by_id[rule_id]["defaultConfiguration"]["level"] == level
    assert by_id["ID_NIK"]["shortDescription"]["text"] == "NIK (nomor KTP)"
    assert "Hapus" in by_id["ID_NIK"]["help"]["text"]
    en = json.loads(render(sample_report(), "sarif", lang="en"))
    en_nik = next(r for r in en["runs"][0]["tool"]["driver"]["rules"] if r["id"] == "ID_NIK")
    assert en_nik["shortDescription"]["text"] == "NIK (national ID number)"


def test_sarif_custom_entity_gets_a_rule():
    r = Policy.default().apply(FileResult("a.txt", "text/plain", findings=[finding("ACME_BADGE", "AC-123", 0)]))
    data = json.loads(render(Report([r]), "sarif"))
    run = data["runs"][0]
    ids = [x["id"] for x in run["tool"]["driver"]["rules"]]
    res = run["results"][0]
    assert res["ruleId"] == "ACME_BADGE" and ids[res["ruleIndex"]] == "ACME_BADGE"
    assert res["level"] == "warning"  # unknown entity: review
    sarif_validate(data)


def test_sarif_results():
    report = sample_report()
    data = json.loads(render(report, "sarif"))
    run = data["runs"][0]
    results = run["results"]
    findings = [(r, f) for r in report.files for f in r.findings]
    assert len(results) == len(findings)
    rules = [x["id"] for x in run["tool"]["driver"]["rules"]]
    level = {"block": "error", "review": "warning", "info": "note"}
    for res, (r, f) in zip(results, findings):
        assert res["ruleId"] == f.entity_type == rules[res["ruleIndex"]]
        assert res["level"] == level[f.severity]
        assert res["message"]["text"] == f.reason["en"]
        loc = res["locations"][0]
        assert loc["physicalLocation"]["artifactLocation"]["uri"] == artifact_uri(r.path)
        assert loc["logicalLocations"][0]["name"] == f.part
        assert res["properties"]["part"] == f.part
        assert res["partialFingerprints"]["dlpValueHash/v1"] == value_hash(f.entity_type, f.text)
        region = loc["physicalLocation"].get("region")
        if f.part == "body" and r.media_type == "text/plain":
            assert region["charOffset"] == f.start and region["charLength"] == f.end - f.start
            assert region["snippet"]["text"] == f.text
        else:
            assert region is None  # offsets in a PDF page are not offsets in the file
        assert ("suppressions" in res) == f.allowed


def test_sarif_uris_and_verdicts():
    data = json.loads(render(sample_report(), "sarif"))
    run = data["runs"][0]
    uris = [a["location"]["uri"] for a in run["artifacts"]]
    assert uris == ["drafts/clean%20note.txt", "drafts/surat-undangan.txt", "lampiran/nota%20dinas.pdf",
                    "stdin", "arsip/rahasia.docx"]
    assert [a["properties"]["verdict"] for a in run["artifacts"]] == ["safe", "block", "block", "block", "review"]
    assert "standardStream" in run["artifacts"][3]["roles"]
    assert run["properties"]["verdict"] == "block"
    assert run["properties"]["summary"]["files"] == 5


@pytest.mark.parametrize("path,uri", [
    ("drafts/a.txt", "drafts/a.txt"),
    ("./drafts//a.txt", "drafts/a.txt"),
    ("drafts\\sub\\a b.txt", "drafts/sub/a%20b.txt"),
    ("/srv/repo/a#1.txt", "file:///srv/repo/a%231.txt"),
    ("C:\\Users\\budi\\surat.docx", "file:///C:/Users/budi/surat.docx"),
    ("-", "stdin"),
    ("naskah/berkas%.txt", "naskah/berkas%25.txt"),
])
def test_artifact_uri(path, uri):
    assert artifact_uri(path) == uri
    parts = urlsplit(uri)
    assert " " not in uri and "\\" not in uri
    assert parts.scheme in ("", "file")


def test_sarif_errors_are_notifications():
    data = json.loads(render(sample_report(), "sarif", lang="id"))
    inv = data["runs"][0]["invocations"][0]
    assert inv["executionSuccessful"] is True
    notes = inv["toolExecutionNotifications"]
    assert [n["level"] for n in notes] == ["error", "error"]
    assert {n["properties"]["code"] for n in notes} == {"limit", "encrypted"}
    enc = next(n for n in notes if n["properties"]["code"] == "encrypted")
    assert "terenkripsi" in enc["message"]["text"]
    assert enc["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "arsip/rahasia.docx"
    descriptors = {d["id"] for d in data["runs"][0]["tool"]["driver"]["notifications"]}
    assert {n["descriptor"]["id"] for n in notes} <= descriptors


def test_sarif_fingerprint_tracks_value_not_spacing():
    def fp(text):
        r = Policy.default().apply(FileResult("a.txt", "text/plain", findings=[finding("ID_NIK", text, 0)]))
        return json.loads(render(Report([r]), "sarif"))["runs"][0]["results"][0]["partialFingerprints"]

    assert fp("3171012304850001") == fp("3171 0123 0485 0001") == fp("3171-0123-0485-0001")
    assert fp("3171012304850001") != fp("3171012304850002")


def test_sarif_fingerprint_salt_from_environment(monkeypatch):
    unsalted = render(sample_report(), "sarif")
    monkeypatch.setenv("DLP_FINGERPRINT_SALT", "rahasia-ci")
    salted = render(sample_report(), "sarif")
    a = json.loads(unsalted)["runs"][0]["results"][0]["partialFingerprints"]
    b = json.loads(salted)["runs"][0]["results"][0]["partialFingerprints"]
    assert a != b


def test_sarif_empty_report():
    data = json.loads(render(Report(), "sarif"))
    sarif_validate(data)
    assert data["runs"][0]["results"] == [] and data["runs"][0]["properties"]["verdict"] == "safe"


# -- text ----------------------------------------------------------------------------------
def test_text_worst_file_first_and_summary_last():
    out = render(sample_report(), "text", lang="en")
    heads = [line for line in out.splitlines() if line and not line.startswith(" ")]
    assert heads[:3] == ["DO NOT SHARE  drafts/surat-undangan.txt  (text/plain)",
                         "DO NOT SHARE  lampiran/nota dinas.pdf  (application/pdf)",
                         "DO NOT SHARE  - (standard input)  (text/plain)"]
    assert heads[3].startswith("NEEDS REVIEW  arsip/rahasia.docx")
    assert heads[4].startswith("SAFE TO SHARE  drafts/clean note.txt")
    assert heads[-1] == "Do not share — 5 files: 1 safe, 1 review, 3 block, 2 with errors"


def test_text_findings_worst_first_allowed_last():
    out = render(sample_report(), "text", lang="en")
    block = out.split("drafts/surat-undangan.txt")[1].split("\n\n")[0]
    rows = [line.split()[0] for line in block.splitlines()[1:] if line.startswith("  ") and line[2] != " "
            and not line.strip().startswith("→")]
    assert rows == ["block", "review", "info", "allowed"]


def test_text_languages():
    en = render(sample_report(), "text", lang="en")
    id_ = render(sample_report(), "text", lang="id")
    assert "DO NOT SHARE" in en and "JANGAN DIBAGIKAN" in id_
    assert "File is encrypted" in en and "File terenkripsi" in id_
    assert "Remove the NIK" in en and "Hapus NIK" in id_
    assert "blokir" in id_ and "tinjau" in id_ and "diizinkan" in id_


def test_text_without_terminal_has_no_colour(monkeypatch):
    monkeypatch.setenv("FORCE_COLOR", "1")  # must not matter: the caller decides
    assert not ANSI.search(render(sample_report(), "text", color=False))


def test_text_colour_on_a_terminal(monkeypatch):
    out = render(sample_report(), "text", color=True)
    assert ANSI.search(out)
    assert re.sub(r"\x1b\[[0-9;]*m", "", out) == render(sample_report(), "text", color=False)
    monkeypatch.setenv("NO_COLOR", "1")
    assert not ANSI.search(render(sample_report(), "text", color=True))


def test_text_neutralises_control_characters_in_matched_text():
    nasty = "a\x1b[31mb\nc"
    r = Policy.default().apply(FileResult("a.txt", "text/plain", findings=[finding("SECRET", nasty, 0)]))
    out = render(Report([r]), "text")
    assert "\x1b" not in out
    assert "a�[31mb⏎c" in out


def test_text_long_match_is_shortened():
    key = "-----BEGIN RSA PRIVATE KEY-----\n" + "MIIEow" * 40 + "\n-----END RSA PRIVATE KEY-----"
    r = Policy.default().apply(FileResult("id_rsa", "text/plain", findings=[finding("SECRET", key, 0)]))
    out = render(Report([r]), "text")
    line = next(x for x in out.splitlines() if "BEGIN RSA" in x)
    assert "…" in line and len(line) < 160


def test_sarif_lines_for_plain_text_files(tmp_path):
    text = "Yth. Humas\r\nkontak: budi@contoh.go.id\n\nNIK 3171012304850001\n"
    path = tmp_path / "draf.txt"
    path.write_bytes(text.encode("utf-8"))
    email, nik = text.index("budi@"), text.index("3171")
    r = FileResult(str(path), "text/plain", size=len(text.encode("utf-8")),
                   findings=[finding("EMAIL_ADDRESS", "budi@contoh.go.id", email),
                             finding("ID_NIK", "3171012304850001", nik)])
    report = Report([Policy.default().apply(r)])
    regions = [x["locations"][0]["physicalLocation"]["region"]
               for x in json.loads(render(report, "sarif", redact=True))["runs"][0]["results"]]
    assert (regions[0]["startLine"], regions[0]["startColumn"], regions[0]["endColumn"]) == (2, 9, 26)
    assert (regions[1]["startLine"], regions[1]["startColumn"], regions[1]["endLine"]) == (4, 5, 4)
    assert all("snippet" not in reg for reg in regions)
    # The file changed since the scan: offsets only, no guessed lines.
    path.write_bytes(("X" + text[1:]).replace("budi", "siti").encode("utf-8"))
    regions = [x["locations"][0]["physicalLocation"]["region"]
               for x in json.loads(render(report, "sarif"))["runs"][0]["results"]]
    assert all("startLine" not in reg and "charOffset" in reg for reg in regions)
