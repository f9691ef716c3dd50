"""The shared digit scan (dlp.classifiers._digits.Scan): caches that must not change answers.

The scan caches per line (labels, the table header naming a row's columns)
and per layout of a number (``9999 9999 9999 9999``): these tests check that
an answer does not depend on what was asked before, nor on another text
having the same layout.
"""
from __future__ import annotations

import itertools
import random
import re

import pytest

import dlp_tests_classifiers_factories as F  # registered by conftest.py
from dlp.classifiers import _digits as D
from dlp.classifiers._digits import Scan

NIK, KK = F.make_nik("3273", 1), F.make_kk("3171", 2)
TABLE = f"No | NIK | No. KK\n1 | {NIK} | {KK}\n2 | {F.make_nik('3578', 3)} | {F.make_kk('3273', 4)}\n"
WRAPPED = f"NIK | No. KK\n{NIK[:9]}\n{NIK[9:]} | {KK}\n"
FORM = f"Nama: Budi\nNIK: {F.spaced(NIK)}\nNPWP {F.make_npwp()} dan KK {KK}\n"


def label_of(sc: Scan, start: int, end: int):
    lab = sc.label_for(start, end)
    return lab and (lab.start, lab.end, lab.cat, lab.how)


@pytest.mark.parametrize("text", [TABLE, WRAPPED, FORM], ids=["table", "wrapped", "form"])
def test_labels_do_not_depend_on_the_order_of_lookups(text):
    spans = [(w.start, w.end) for w in Scan(text).windows(13, 19)]
    assert spans
    fresh = {span: label_of(Scan(text), *span) for span in spans}  # each asked first, alone
    for order in itertools.islice(itertools.permutations(spans), 24):
        sc = Scan(text)
        assert {span: label_of(sc, *span) for span in order} == fresh


def test_table_columns_name_their_numbers():
    sc = Scan(TABLE)
    cats = {TABLE[w.start:w.end]: label_of(sc, w.start, w.end) for w in sc.windows(16)}
    assert cats[NIK][2:] == ("NIK", "column")
    assert cats[KK][2:] == ("KK", "column")


def test_same_layout_in_two_texts_gives_windows_at_each_texts_offsets():
    a = f"NIK {F.spaced(NIK)}"
    b = f"xx\nNomor KTP: {F.spaced(F.make_nik('3578', 3))} ya"
    for text in (a, b, a):  # the second and third reuse the layout worked out for the first
        (w,) = Scan(text).windows(16)
        assert text[w.start:w.end].replace(" ", "") == w.digits
        assert w.groups == (4, 4, 4, 4) and w.tight


# --- the fast forms must answer as the plain forms they replace ---------------------------

# The table-cell token as first written: _ROW_TOKEN is an unrolled, faster form of it.
ROW_TOKEN_PLAIN = re.compile(r"(?<![\w.\-])\+?\d(?:[.\-]?\d){8,}(?!\w)")


def _random_texts(alphabet: str, n: int, seed: int):
    r = random.Random(seed)
    for _ in range(n):
        yield "".join(r.choice(alphabet) for _ in range(r.randint(0, 40)))


@pytest.mark.parametrize("alphabet", ["0123456789" * 4 + ".-+ \n\ta_é٣x,", "0123456789" * 8 + ".-", "0123456789+.-a"],
                         ids=["mixed", "digits", "plus"])
def test_row_tokens_start_where_the_plain_form_does(alphabet):
    for text in _random_texts(alphabet, 4000, seed=len(alphabet)):
        for lo, hi in ((0, len(text)), (len(text) // 3, len(text))):
            assert D._row_tokens(text, lo, hi) == [m.start() for m in ROW_TOKEN_PLAIN.finditer(text, lo, hi)], text


def luhn_plain(digits: str) -> bool:
    total = 0
    for i, ch in enumerate(reversed(digits)):
        d = ord(ch) - 48
        if i & 1:
            d = d * 2 - 9 if d > 4 else d * 2
        total += d
    return total % 10 == 0


def test_luhn_agrees_with_the_digit_by_digit_definition():
    texts = list(_random_texts("0123456789", 3000, seed=7)) + ["0", "٣" * 16, "4539٣5521"]
    assert [D.luhn_ok(t) for t in texts] == [luhn_plain(t) for t in texts]
    card = F.make_card()
    assert D.luhn_ok(card) and not D.luhn_ok(card[:-1] + str((int(card[-1]) + 1) % 10))


def test_card_issuer_prefixes_never_overlap():
    """check_card finds the brand with one combined regex: that needs at most one brand per prefix."""
    for digits in itertools.product("0123456789", repeat=4):
        number = "".join(digits) + "0" * 12
        assert sum(bool(rx.match(number)) for _, rx, _ in D._CARD_BRANDS) <= 1, number


@pytest.mark.parametrize("text", [f"NIK {NIK}", f"nik: {NIK}", f"KTP\n{NIK}", f"NIK {NIK} İ"],
                         ids=["start", "lower", "above", "length-changing-lower"])
def test_label_at_the_very_start_of_the_text_is_found(text):
    (w,) = Scan(text).windows(16)
    lab = Scan(text).label_for(w.start, w.end)
    assert lab is not None and lab.cat == "NIK" and text[lab.start:lab.end].lower().endswith(("nik", "ktp"))
