"""Every file in samples/ gets the verdict its README promises."""
import pathlib
import re

import pytest

SAMPLES = pathlib.Path(__file__).resolve().parents[2] / "samples"


def _table() -> dict[str, str]:
    rows = {}
    for line in (SAMPLES / "README.md").read_text(encoding="utf-8").splitlines():
        m = re.match(r"\| `([^`]+)` \|.*\| (safe|review|block) \|$", line)
        if m:
            rows[m.group(1)] = m.group(2)
    return rows


EXPECTED = _table()


def test_readme_lists_every_sample():
    files = {p.name for p in SAMPLES.iterdir() if p.is_file() and p.name not in ("README.md", "make_samples.py", ".dlpignore")}
    assert files == set(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_sample_verdict(name, scanner):
    result = scanner.scan_file(SAMPLES / name)
    assert result.verdict == EXPECTED[name], (
        [(fd.entity_type, fd.text, fd.part, fd.severity) for fd in result.findings], result.errors)
