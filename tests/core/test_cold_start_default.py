"""dlp._startup tier 2 by default: no real spaCy in a one-draft check, the same findings.

The spaCy stand-in is on by default only for presidio-analyzer releases dlp
has verified (:data:`dlp._startup.STUB_VERIFIED`).  Checked here, each in a
fresh interpreter (the hooks act on the first import of Presidio):

* a ``dlp scan -`` process with the default hooks imports no real spaCy, and
  one with ``DLP_STUB_SPACY=0`` does;
* both report the same findings, for one draft holding every kind of value
  dlp reports and for each synthetic text on its own (made with the number
  factories of ``tests/classifiers``);
* an installed Presidio outside the verified range (a real Presidio package
  beside a ``.dist-info`` of another version) silently gets real spaCy.

To verify another Presidio release: install it (or put it first on
``PYTHONPATH``) and run this module; then widen ``STUB_VERIFIED``.
"""
from __future__ import annotations

import datetime as dt
import importlib.util
import json
import os
import random
import string
import subprocess
import sys
import textwrap
from functools import lru_cache
from pathlib import Path

import pytest
from core_helpers import dlp_env

from dlp import _startup

FACTORIES = "dlp_tests_classifiers_factories"  # the name tests/classifiers/conftest.py registers
if FACTORIES not in sys.modules:
    _spec = importlib.util.spec_from_file_location(
        FACTORIES, Path(__file__).resolve().parent.parent / "classifiers" / "factories.py")
    _mod = importlib.util.module_from_spec(_spec)
    sys.modules[FACTORIES] = _mod
    _spec.loader.exec_module(_mod)
F = sys.modules[FACTORIES]

FLAGS = ("DLP_STUB_SPACY", "DLP_NO_FAST_START")


def env(**extra) -> dict:
    """:func:`dlp_env` without the developer's own start-up switches, plus ``extra``."""
    e = {k: v for k, v in dlp_env().items() if k not in FLAGS}
    e.update(extra)
    return e


# -- synthetic texts: every kind of value dlp reports, and near-misses --------------------
def _texts() -> list[str]:
    rnd = random.Random(20240611)
    alnum = string.ascii_uppercase + string.ascii_lowercase + string.digits
    aws = "AKIA" + "".join(rnd.choice(string.ascii_uppercase + string.digits) for _ in range(16))
    password = "Tr9k!Ln#" + "".join(rnd.choice(alnum) for _ in range(6))
    nik = F.make_nik("3273", 14, dt.date(1991, 7, 9), female=True, serial=rnd.randint(1, 9999))
    nik2 = F.random_niks(1, seed=rnd.randint(0, 10**6))[0]
    kk = F.make_kk("3578", 3, dt.date(2016, 2, 18), serial=rnd.randint(1, 9999))
    nip = F.make_nip(dt.date(1987, 11, 2), (2012, 3), female=False, serial=rnd.randint(1, 999))
    npwp = F.make_npwp("09", rnd.randint(100000, 999999), kpp="427")
    card = F.make_card("4539" + "".join(rnd.choice(string.digits) for _ in range(11)))
    mobile = F.mobile("0813", "".join(rnd.choice(string.digits) for _ in range(8)))
    return [
        "Sifat   : Rahasia\nLampiran: 1 berkas\nHal     : Data peserta pelatihan",
        "Nomor : B-417/KU.01/XI/2024\nYth. Ibu Sulastri Wijayanti\ndi tempat",
        f"Data peserta: NIK {nik}, tinggal di Kota Bandung.",
        f"nik pemohon {F.spaced(nik2)} sesuai KTP",
        f"Nomor KK {kk} atas nama kepala keluarga",
        f"Disposisi kepada Sdr. Arief Budiman, NIP {F.fmt_nip(nip)}",
        f"NPWP badan: {npwp}",
        f"untuk konfirmasi hubungi {mobile} (WA) atau surel arief.budiman@contoh.go.id",
        f"bayar pakai kartu kredit {F.spaced(card)} exp 09/27",
        "server arsip di 10.20.30.40, cadangan 192.168.17.5",
        f"AWS_ACCESS_KEY_ID={aws}\nDB_PASSWORD={password}",
        "Nama Lengkap       : RIZAL FAUZAN\nJabatan            : Analis Kebijakan",
        # near-misses: whatever the recognizers make of them, the same with either spaCy
        "teknik elektronik unik, kode 1234 5678, versi 2.2.366, rapat pukul 10.30",
        "surat ini tidak rahasia; lihat pasal 17 ayat (1), nomor antrean 0042",
    ]


TEXTS = _texts()
DRAFT = "\n\n".join(TEXTS)
KINDS = {"ID_NIK", "ID_KK", "ID_NIP", "ID_NPWP", "PHONE_NUMBER", "CREDIT_CARD", "EMAIL_ADDRESS", "IP_ADDRESS",
         "ID_LETTER_NUMBER", "CLASSIFICATION_MARKING", "SECRET", "PERSON"}

MARK = "@@dlp-probe@@"
PROBE = f"""
import json, sys
import dlp.cli  # installs the start-up hooks, as the dlp command does
from dlp import _startup
code = dlp.cli.main(["scan", "--format", "json", "-"])  # the draft on standard input
from dlp.analyze import Analyzer
analyzer = Analyzer()
per_text = [sorted([f.entity_type, f.start, f.end, f.score, f.text] for f in analyzer.analyze_text(t))
            for t in json.loads(sys.argv[1])]
sys.stdout.flush()
print()
print({MARK!r} + json.dumps({{"exit": code, "hooked": sorted(_startup._INSTALLED), "per_text": per_text,
      "spacy": sorted(n for n in sys.modules if n == "spacy" or n.startswith("spacy."))}}))
"""


@lru_cache(maxsize=None)
def scan(stub: str | None) -> tuple[dict, dict]:
    """``dlp scan --format json -`` of :data:`DRAFT` and per-text findings, in a fresh process.

    ``stub`` is the value of ``DLP_STUB_SPACY`` (None: unset, the default).
    Returns (the JSON report, the probe: exit code, hooked modules, per-text findings, spaCy modules).
    """
    extra = {} if stub is None else {"DLP_STUB_SPACY": stub}
    proc = subprocess.run([sys.executable, "-c", PROBE, json.dumps(TEXTS)], input=DRAFT.encode("utf-8"),
                          capture_output=True, env=env(**extra), timeout=180)
    out = proc.stdout.decode("utf-8")
    assert proc.returncode == 0 and MARK in out, proc.stderr.decode("utf-8", "replace")[-3000:]
    report, _, probe = out.rpartition(MARK)
    return json.loads(report), json.loads(probe)


def _installed_is_verified() -> bool:
    return _startup.stub_verified(_startup.presidio_version())


needs_verified = pytest.mark.skipif(not _installed_is_verified(),
                                    reason="installed presidio-analyzer is outside STUB_VERIFIED: the default "
                                           "is real spaCy (see test_outside_the_range_falls_back)")


# -- the default: no real spaCy ------------------------------------------------------------
@needs_verified
def test_default_scan_imports_no_real_spacy():
    report, probe = scan(None)
    assert probe["exit"] == 1  # the draft holds NIKs: block
    assert "presidio_analyzer" in probe["hooked"]
    assert probe["spacy"] == []  # neither spacy.language, spacy.lang.* nor anything else of spaCy
    assert report["files"][0]["findings"]


def test_stub_off_imports_real_spacy_without_its_cli():
    report, probe = scan("0")
    assert "presidio_analyzer" not in probe["hooked"] and "spacy" in probe["hooked"]
    assert {"spacy", "spacy.language", "spacy.tokens", "spacy.vocab"} <= set(probe["spacy"])
    assert "spacy.cli" not in probe["spacy"]  # tier 1 still trims spaCy's command line
    assert report["files"][0]["findings"]


# -- the same findings with the stand-in and with real spaCy ------------------------------------
def test_the_draft_covers_every_kind():
    """The comparison below means something only if every kind of finding is in it."""
    report, _ = scan("0")
    found = {f["entity_type"] for f in report["files"][0]["findings"]}
    assert KINDS <= found, sorted(KINDS - found)


@needs_verified
def test_same_report_with_stand_in_and_real_spacy():
    stub_report, _ = scan(None)
    real_report, _ = scan("0")
    assert stub_report == real_report


@needs_verified
def test_same_findings_per_text_with_stand_in_and_real_spacy():
    _, stub = scan(None)
    _, real = scan("0")
    assert len(stub["per_text"]) == len(TEXTS)
    for text, a, b in zip(TEXTS, stub["per_text"], real["per_text"]):
        assert a == b, text
    assert sum(map(len, stub["per_text"])) >= len(KINDS)


def test_forced_stand_in_gives_the_same_report():
    """``DLP_STUB_SPACY=1`` (whatever the version) is the stand-in too: same report as real spaCy."""
    report, probe = scan("1")
    assert probe["spacy"] == []
    assert report == scan("0")[0]


# -- the verified range ----------------------------------------------------------------------------
@pytest.mark.parametrize("version, verified", [
    ("2.2.364", True),
    ("2.2.365", True),
    ("2.2.366", True),
    (" 2.2.366\n", True),
    ("2.2.363", False),        # no NoOpNlpEngine yet: dlp cannot run on it at all
    ("2.2.367", False),        # newer than checked: real spaCy until someone checks it
    ("2.3.0", False),
    ("3.0.0", False),
    ("2.2.36", False),
    ("2.2.366rc1", False),     # pre-, post-, dev and local versions are not the release checked
    ("2.2.366.post1", False),
    ("2.2.366.dev0", False),
    ("2.2.366+local", False),
    ("2.2", False),
    ("", False),
    (None, False),
])
def test_stub_verified(version, verified):
    assert _startup.stub_verified(version) is verified


def test_the_range_bounds_are_checked_releases():
    low, high = _startup.STUB_VERIFIED
    assert low <= high
    assert _startup.stub_verified(".".join(map(str, low))) and _startup.stub_verified(".".join(map(str, high)))


@pytest.mark.parametrize("flag, version, expected", [
    ("", "2.2.366", True),
    ("auto", "2.2.366", True),
    ("", "2.3.0", False),
    ("", None, False),
    ("0", "2.2.366", False),
    ("off", "2.2.366", False),
    ("false", "2.2.366", False),
    ("1", "2.3.0", True),
    ("yes", None, True),
])
def test_switch_and_version_decide_the_default(monkeypatch, flag, version, expected):
    monkeypatch.setenv("DLP_STUB_SPACY", flag)
    monkeypatch.setattr(_startup, "presidio_version", lambda: version)
    assert _startup.stub_spacy_default() is expected


def test_the_first_install_call_decides():
    """``install(stub_spacy=False)`` before ``import dlp.cli`` (whose own ``install()`` follows) stays tier 1."""
    code = textwrap.dedent("""
        from dlp import _startup
        print(_startup.install(stub_spacy=False), _startup.install(), _startup.install(stub_spacy=True))
        import dlp.cli
        print(sorted(_startup._INSTALLED))
    """)
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env(), timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.splitlines() == ["['spacy', 'presidio_analyzer.pattern'] [] []",
                                        "['presidio_analyzer.pattern', 'spacy']"]


def _presidio_dir() -> Path:
    spec = importlib.util.find_spec("presidio_analyzer")
    return Path(spec.origin).parent


def _fake_install(root: Path, *versions: str) -> Path:
    """The real presidio_analyzer package (a symlink) beside ``.dist-info`` folders of ``versions``."""
    root.mkdir(parents=True)
    (root / "presidio_analyzer").symlink_to(_presidio_dir(), target_is_directory=True)
    for v in versions:
        info = root / f"presidio_analyzer-{v}.dist-info"
        info.mkdir()
        (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: presidio-analyzer\nVersion: {v}\n")
    return root


def test_version_read_beside_the_package(tmp_path):
    roots = {
        "one": _fake_install(tmp_path / "one", "2.3.1"),
        "two": _fake_install(tmp_path / "two", "2.2.365", "2.2.366"),  # a stale leftover: unknown
        "none": _fake_install(tmp_path / "none"),  # none beside it: importlib.metadata answers
    }
    code = textwrap.dedent("""
        import json, sys
        from dlp import _startup
        out = {}
        for name, root in json.loads(sys.argv[1]).items():
            sys.path.insert(0, root)
            out[name] = _startup.presidio_version()
            sys.path.remove(root)
        out["installed"] = _startup.presidio_version()
        print(json.dumps(out))
    """)
    proc = subprocess.run([sys.executable, "-c", code, json.dumps({k: str(v) for k, v in roots.items()})],
                          capture_output=True, text=True, env=env(), timeout=60)
    assert proc.returncode == 0, proc.stderr
    out = json.loads(proc.stdout)
    assert out["one"] == "2.3.1"
    assert out["two"] is None
    from importlib import metadata

    assert out["installed"] == out["none"] == metadata.version("presidio-analyzer")


def test_outside_the_range_falls_back_to_real_spacy(tmp_path):
    """A real Presidio whose version is not verified: the default loads real spaCy, silently."""
    root = _fake_install(tmp_path / "site", "2.3.0")
    extra = {"PYTHONPATH": os.pathsep.join(filter(None, [str(root), os.environ.get("PYTHONPATH")]))}
    code = textwrap.dedent("""
        import sys
        import dlp.cli  # installs the hooks as the dlp command does
        from dlp import _startup
        print("version:", _startup.presidio_version())
        print("hooked:", sorted(_startup._INSTALLED))
        import presidio_analyzer
        print("from:", presidio_analyzer.__file__)
        from dlp.analyze import Analyzer
        print([f.entity_type for f in Analyzer().analyze_text("surel budi@contoh.go.id")])
        print("real spacy:", "spacy.language" in sys.modules, "cli:", "spacy.cli" in sys.modules)
    """)
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          env=env(**extra), timeout=180)
    assert proc.returncode == 0, proc.stderr
    out = proc.stdout
    assert "version: 2.3.0" in out
    assert "hooked: ['presidio_analyzer.pattern', 'spacy']" in out
    assert f"from: {root}" in out
    assert "['EMAIL_ADDRESS']" in out
    assert "real spacy: True cli: False" in out
    assert not proc.stderr.strip()  # silently
