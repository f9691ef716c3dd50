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


# The run regexes: separators tried blanks first, no quantifier giving back (and [0-9] for a text
# without other digits) must find the runs the plain form finds.
_SEP_PLAIN = rf"(?:[ ]{{0,3}}[.{D._DASH}][ ]{{0,3}}(?:\r?\n[ \t]*)?|[ ]{{1,4}}|[ \t]*\r?\n[ \t]*)"
RUN_PLAIN = re.compile(rf"\d(?=[\d \t\r\n.{D._DASH}]{{12}})\d*(?:{_SEP_PLAIN}\d+)*")


@pytest.mark.parametrize("alphabet", ["0123456789" * 3 + " \t\n\r.-\u2013ab", "0123456789" * 2 + " .-\n\t٣",
                                      "01 .-\n", "1 \t\r\n"], ids=["mixed", "unicode-digit", "short", "blanks"])
def test_runs_are_those_of_the_plain_form(alphabet):
    r = random.Random(len(alphabet))
    for _ in range(3000):
        text = "".join(r.choice(alphabet) for _ in range(r.randint(0, 60)))
        plain = [m.span() for m in RUN_PLAIN.finditer(text)]
        assert [m.span() for m in D.RUN_RE.finditer(text)] == plain, text
        if not re.search(r"[^\x00-\x7f](?<=\d)", text):
            assert [m.span() for m in D._RUN_RE_09.finditer(text)] == plain, text


def junk_plain(digits: str) -> bool:
    up, down = "0123456789" * 3, "9876543210" * 3
    return len(set(digits)) <= 2 or digits in up or digits in down or digits.count("0") >= len(digits) - 3


def test_junk_agrees_with_its_definition():
    r = random.Random(5)
    texts = ["".join(r.choice(alphabet) for _ in range(r.randint(0, 20)))
             for alphabet in ("0123456789", "01", "0", "٣1", "321", "789") for _ in range(3000)]
    texts += [("0123456789" * 3)[i:j] for i in range(30) for j in range(i, 31)]
    texts += [("9876543210" * 3)[i:j] for i in range(30) for j in range(i, 31)]
    assert [D.junk(t) for t in texts] == [junk_plain(t) for t in texts]


def test_row_token_count_is_the_number_of_row_tokens_up_to_two():
    r = random.Random(11)
    pieces = ["3273014905850003", "0812-3456-7890", "12.345.678.9", "x3273014905850003", "3273014905850003x",
              "_3273014905850003", "+6281234567890", "1234", " ", " | ", ", ", "-", ".", "NIK", "\n"]
    for _ in range(2000):
        text = "".join(r.choice(pieces) for _ in range(r.randint(0, 8)))
        sc = Scan(text)
        for need in (1, 2):
            start = 0
            for end in [i for i, c in enumerate(text) if c == "\n"] + [len(text)]:
                n = len(D._row_tokens(text, start, end))
                got = sc.row_token_count(start, end, need)
                assert got == min(n, 2) or (need == 1 and n >= 1 and got >= 1), (text, start, end)
                start = end + 1


SUBST_PIECES = ["nik", "NIK", "kk", "No. KK", "nkk", "ktp", "kependudukan", "Kartu Keluarga",
                "nomor induk kependudukan", ": ", " ", "  ", "-", ".", "|", "\n", "O", "I", "l", "S", "B", "Z", "d",
                "dan", "teknik", ", "]


def _letters_for_digits(digits: str, r: random.Random) -> str:
    """``digits`` with one to three digits written as look-alike letters (0 -> O, 1 -> I ...)."""
    out = list(digits)
    for i in r.sample(range(len(out)), r.randint(1, 3)):
        out[i] = {"0": "O", "1": "I", "5": "S", "8": "B", "2": "Z"}.get(out[i], out[i])
    return "".join(out)


def test_letters_for_digits_found_the_same_from_the_labels_and_from_the_stems():
    """_substituted reads the NIK and KK labels once every block has been looked at, else searches the stems."""
    r = random.Random(3)
    seen = 0
    for i in range(3000):
        if i % 2:  # free text
            text = "".join(r.choice(SUBST_PIECES) if r.random() < 0.5
                           else "".join(r.choice("0123456789OIlSBZ  .-") for _ in range(r.randint(1, 20)))
                           if r.random() < 0.6 else _letters_for_digits(r.choice([NIK, KK]), r)
                           for _ in range(r.randint(1, 14)))
        else:  # labels, a lead, numbers with or without letters, and what may follow them
            text = "".join(r.choice(["NIK", "No. KK", "ktp", "nomor induk kependudukan", "teknik"])
                           + r.choice([" ", ": ", "", "-", " :"])
                           + r.choice([NIK, KK, _letters_for_digits(NIK, r),
                                       NIK[:15] + r.choice("OIS"), NIK[:15] + " O", NIK[:15]])
                           + r.choice([" ", "\n", ", hp", "O", ".I", " dan", "", " sudah", " lahir", " S|x", " Sſ",
                                       " dil.", " so1", " Bo"]) for _ in range(r.randint(1, 5)))
        stems = D._substituted(Scan(text))  # nothing looked up yet: the stem search
        sc = Scan(text)
        for b in range(len(text) // sc.BLOCK + 1):
            sc._block(b)
        assert sc.found_labels() is not None
        assert D._substituted(sc) == stems, text
        seen += bool(stems)
    assert seen > 30  # the table does reach the letters-for-digits findings


def test_example_words_skip_only_what_the_regex_would_not_find():
    r = random.Random(4)
    words = ["contoh", "CONTOH", "Misalnya", "example", "e.g.", "format", "dummy", "sampel", "Sample", "xsample",
             "ſample", "NIK", " ", ":", "é", "a"]
    window = D.Window(0, 0, "3273014905850003", (16,), (), True)
    for _ in range(5000):
        text = "".join(r.choice(words) for _ in range(r.randint(0, 12)))
        lab = D.Label(r.randint(0, len(text)), 0, "NIK", "NIK", "line")
        expected = not D._EXAMPLE.search(text, max(0, lab.start - 40), lab.start)
        assert D.reportable_mistype(Scan(text), window, lab) == expected, (text, lab.start)


@pytest.mark.parametrize("text", [TABLE, WRAPPED, FORM, "1. Budi, NIP 19700926 199210 2 988, NIK " + NIK + ", HP 08123",
                                  "Pajak | Nama\n" + F.fmt_nip(F.make_nip()) + " | x\n"],
                         ids=["table", "wrapped", "form", "letter", "npwp-column"])
def test_a_number_no_label_can_name_gets_no_label_of_that_kind(text):
    """may_be_named says no only where label_for's answer is of none of the kind's categories (and then
    maybe_labelled, which asks it first, says no too)."""
    sc = Scan(text)
    asked = 0
    for w in sc.windows(13, 19):
        lab = sc.label_for(w.start, w.end)
        for kind, cats in D.MISTYPE_CATEGORIES.items():
            if not sc.may_be_named(w.start, w.end, kind):
                asked += 1
                assert lab is None or (lab.cat not in cats and not set(lab.also) & set(cats)), (kind, lab)
                assert not sc.maybe_labelled(w.start, w.end, kind)
    assert asked


def test_known_label_is_label_for_once_its_line_is_read():
    sc = Scan(TABLE)
    first, second = sc.windows(16)[:2]  # the NIK and the KK of the first row
    assert sc.known_label(first.start, first.end) is D.UNKNOWN
    lab = sc.label_for(first.start, first.end)
    assert lab is not None and sc.known_label(first.start, first.end) == lab
    assert sc.known_label(second.start, second.end) == Scan(TABLE).label_for(second.start, second.end)
    assert sc.known_label(second.start, second.end).cat == "KK"


def test_label_for_answers_each_reach_apart():
    """An answer for one reach is not served for another (the lines are kept per reach)."""
    text = f"NIK: Budi Santoso, {NIK}\nlagi {KK}"
    sc = Scan(text)
    w = sc.windows(16)[0]
    assert sc.label_for(w.start, w.end).cat == "NIK"
    assert sc.label_for(w.start, w.end, before=5) is None
    assert sc.label_for(w.start, w.end).cat == "NIK"
    assert Scan(text).label_for(w.start, w.end, before=5) is None
