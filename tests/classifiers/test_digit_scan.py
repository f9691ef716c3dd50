"""The shared digit scan (dlp.classifiers._digits.Scan): caches that must not change answers.

The scan caches per line (labels, the table header naming a row's columns)
and per layout of a number (``9999 9999 9999 9999``): these tests check that
an answer does not depend on what was asked before, nor on another text
having the same layout.
"""
from __future__ import annotations

import itertools

import pytest

import dlp_tests_classifiers_factories as F  # registered by conftest.py
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
