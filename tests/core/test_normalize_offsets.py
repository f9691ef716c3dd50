"""Normalization folds evasions away and maps every offset back to the original text."""
from __future__ import annotations

import random
import unicodedata

import pytest

from dlp.normalize import INVISIBLE, fold_char, normalize

ZW = "\u200b"   # zero-width space
SHY = "\u00ad"  # soft hyphen
NBSP = "\u00a0"


def fullwidth(s: str) -> str:
    return "".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else c for c in s)


# (original, expected normalized text, normalized span, original text that span maps to)
CASES = [
    pytest.param("NIK: " + fullwidth("3171012304850001") + ".", "NIK: 3171012304850001.", (5, 21),
                 fullwidth("3171012304850001"), id="full-width digits"),
    pytest.param("3171" + ZW + "0123" + ZW + "0485" + ZW + "0001", "3171012304850001", (0, 16),
                 "3171" + ZW + "0123" + ZW + "0485" + ZW + "0001", id="zero-width inside keeps them in span"),
    pytest.param("x 3171" + ZW + "0123 y", "x 31710123 y", (6, 10), "0123", id="zero-width before span"),
    pytest.param("x " + ZW + "3171 y", "x 3171 y", (2, 6), "3171", id="zero-width just before span excluded"),
    pytest.param("bu" + SHY + "di@contoh.go.id", "budi@contoh.go.id", (0, 17), "bu" + SHY + "di@contoh.go.id",
                 id="soft hyphen"),
    pytest.param("\ufeffNIK 12", "NIK 12", (4, 6), "12", id="BOM at start"),
    pytest.param("ﬁle 3171", "file 3171", (5, 9), "3171", id="ligature before: offsets shift"),
    pytest.param("ﬁle", "file", (1, 4), "ﬁle", id="span starting inside ligature covers it"),
    pytest.param("ﬁle", "file", (0, 1), "ﬁ", id="span ending inside ligature covers it"),
    pytest.param("0812" + NBSP + "3456" + NBSP + "7890", "0812 3456 7890", (0, 14),
                 "0812" + NBSP + "3456" + NBSP + "7890", id="no-break spaces fold one for one"),
    pytest.param("Bùdi ３１ ok", "Bùdi 31 ok", (5, 7), "３１", id="mixed: NFKC-stable accents kept"),
    pytest.param("٣١٧١٠١", "317101", (0, 6), "٣١٧١٠١", id="Arabic-Indic digits"),
    pytest.param("nik ꧓꧑꧗꧑", "nik 3171", (4, 8), "꧓꧑꧗꧑", id="Javanese digits"),
    pytest.param("①②③", "123", (1, 2), "②", id="circled digits"),
    pytest.param("a\u202eb\u202cc", "abc", (0, 3), "a\u202eb\u202cc", id="bidi override removed"),
    pytest.param("Tel: ＋６２ ８１２", "Tel: +62 812", (5, 8), "＋６２", id="full-width plus"),
    pytest.param("㎏ 12", "kg 12", (3, 5), "12", id="compatibility expansion before span"),
]


@pytest.mark.parametrize("original,text,span,mapped", CASES)
def test_fold_and_map_back(original, text, span, mapped):
    n = normalize(original)
    assert n.text == text
    s, e = n.span(*span)
    assert original[s:e] == mapped


def test_ascii_text_is_untouched_and_unmapped():
    text = "NIK 3171012304850001, e-mail budi@contoh.go.id"
    n = normalize(text)
    assert n.text is text
    assert n.segments is None and n.index is None
    assert n.span(4, 20) == (4, 20)


def test_non_ascii_but_normal_text_has_no_map():
    text = "Surat “penting” – dari Bùdi"
    n = normalize(text)
    assert n.text == text and n.segments is None


def test_everything_invisible():
    n = normalize(ZW * 3 + SHY)
    assert n.text == ""
    assert n.span(0, 0) == (4, 4)


def test_empty_span_maps_to_a_point():
    n = normalize("ab" + ZW + "cd")
    assert n.span(2, 2) == (3, 3)
    assert n.span(4, 4) == (5, 5)  # end of text maps to end of original


def test_every_invisible_character_is_removed():
    for ch in INVISIBLE:
        assert normalize("1" + ch + "2").text == "12", f"U+{ord(ch):04X} not removed"


def test_map_is_segments_not_one_entry_per_character():
    # A long extract with a few no-break spaces: the map stays small.
    text = ("Nomor telepon kantor 022 7208000. " * 30000) + NBSP + "x" + NBSP
    n = normalize(text)
    assert n.text.endswith(" x ")
    assert len(n.segments) <= 3


ALPHABET = ["a", "B", "7", " ", ".", "@", ZW, SHY, NBSP, "\ufeff", "ﬁ", "３", "٣", "é", "ü", "①", "㎏", "“", "\u2060"]


@pytest.mark.parametrize("seed", range(40))
def test_random_mixtures_keep_the_map_consistent(seed):
    rnd = random.Random(seed)
    original = "".join(rnd.choice(ALPHABET) for _ in range(rnd.randint(0, 60)))
    n = normalize(original)
    if n.segments is None:
        assert n.text == original
        return
    index = n.index
    assert len(index) == len(n.text)
    # Each normalized character comes from an original character that folds to
    # something containing it, and the map never goes backwards.
    for i, o in enumerate(index):
        assert n.text[i] in fold_char(original[o]) or n.text[i] == original[o]
        if i:
            assert index[i - 1] <= o
    # Every original character that does not vanish is represented.
    kept = {o for o in index}
    for o, ch in enumerate(original):
        assert (o in kept) == (fold_char(ch) != "")
    # The normalized text is the concatenation of the folded characters.
    assert n.text == "".join(fold_char(c) if not c.isascii() else c for c in original)
    # Any normalized span maps to an original span whose folding contains it.
    for _ in range(10):
        a = rnd.randint(0, len(n.text))
        b = rnd.randint(a, len(n.text))
        s, e = n.span(a, b)
        assert 0 <= s <= e <= len(original)
        folded = "".join(fold_char(c) if not c.isascii() else c for c in original[s:e])
        assert n.text[a:b] in folded


def test_fold_char_matches_nfkc_for_plain_letters():
    for ch in "ÀÉÎÕÜçñ":
        assert fold_char(ch) == unicodedata.normalize("NFKC", ch)


def test_findings_point_at_the_original_text():
    """End to end through the analyzer: an e-mail written with full-width letters and
    a zero-width space is found, and its text/offsets are those of the original."""
    from dlp.analyze import Analyzer

    original = "Hubungi " + fullwidth("budi") + ZW + ".santoso@contoh.go.id segera."
    findings = Analyzer().analyze_text(original)
    emails = [f for f in findings if f.entity_type == "EMAIL_ADDRESS"]
    assert len(emails) == 1
    f = emails[0]
    assert original[f.start:f.end] == f.text
    assert f.text == fullwidth("budi") + ZW + ".santoso@contoh.go.id"


@pytest.mark.parametrize("original, expected", [
    ("> NIK 3273260309\n> 681625", "  NIK 3273260309\n  681625"),
    (">> dua\n> > tiga\n  > empat", "   dua\n    tiga\n    empat"),
    ("Ｎ\n> 681625", "N\n  681625"),                       # the same after NFKC
    ("a -> b\nx >= 1\n=> hasil", "a -> b\nx >= 1\n=> hasil"),  # not at a line's start: kept
    # a link's percent-escapes
    ("text=NIK%20saya%203273260309681625%2C%20ya", "text=NIK   saya   3273260309681625,     ya"),
    ("Ｎ%20x", "N   x"),                                    # the same after NFKC
    ("diskon 20% untuk 2C", "diskon 20% untuk 2C"),        # no escaped blank: kept
])
def test_quote_marks_and_escapes_become_blanks_and_offsets_stay(original, expected):
    n = normalize(original)
    assert n.text == expected
    assert n.span(0, len(n.text)) == (0, len(original))


def test_a_number_wrapped_in_a_quoted_reply_is_found_in_the_original():
    """A draft pasted from a mail thread: the quoted message wrapped the NIK over two quoted lines."""
    from dlp.analyze import Analyzer

    nik = "3273260309681625"
    original = f"Pada 2 Nov, Budi menulis:\n> Mohon dicek data warga:\n> NIK {nik[:10]}\n> {nik[10:]} a.n. Siti\n"
    found = [f for f in Analyzer().analyze_text(original) if f.entity_type == "ID_NIK"]
    assert [f.text for f in found] == [f"{nik[:10]}\n> {nik[10:]}"]
    assert original[found[0].start:found[0].end] == found[0].text


def test_keycap_digits_are_read_and_the_span_keeps_the_last_keycap():
    """Emoji digits ("0" + U+FE0F + U+20E3, a broadcast poster's favourite) read as digits; a finding
    ending on one takes in its keycap marks, so the whole emoji is masked in a safe copy."""
    from dlp.analyze import Analyzer

    keycap = "\ufe0f\u20e3"
    phone = "".join(d + keycap for d in "081322191559")
    original = f"Pemesanan kolektif hubungi {phone} ya"
    n = normalize(original)
    assert "hubungi 081322191559 ya" in n.text
    assert n.span(n.text.index("0813"), n.text.index(" ya")) == (original.index(phone), original.index(" ya"))
    found = [f for f in Analyzer().analyze_text(original) if f.entity_type == "PHONE_NUMBER"]
    assert [f.text for f in found] == [phone]


def test_a_number_in_a_prefill_link_is_found_in_the_original():
    from dlp.analyze import Analyzer

    nik = "3171076702803223"
    original = f"https://wa.me/6281290018822?text=Halo%2C%20NIK%20saya%20{nik}%20belum%20terdaftar"
    found = [f for f in Analyzer().analyze_text(original) if f.entity_type == "ID_NIK"]
    assert [f.text for f in found] == [nik]


@pytest.mark.parametrize("original, joined", [
    ("[12/03/24, 10.14.07] Eka: nik saya 35780502\n[12/03/24, 10.14.19] Eka: 11792011", True),
    ("11/04/24 16.21 - Eka: nik saya 3578050211\n11/04/24 16.21 - Eka: 792011", True),
    ("[12/03/24, 10.14.07] Eka: jam 10\n[12/03/24, 10.14.19] Eka: 11 orang", False),   # not digits alone
    ("[12/03/24, 10.14.07] Eka: oke\n[12/03/24, 10.14.19] Eka: 11792011", False),      # no digits before
])
def test_a_number_sent_in_two_chat_messages_reads_as_one(original, joined):
    n = normalize(original)
    second = original.split("\n")[1]
    assert (n.text.split("\n")[1].lstrip() == second.split(": ", 1)[1]) is joined
    assert len(n.text) == len(original)


def test_a_nik_sent_in_two_chat_messages_is_found():
    from dlp.analyze import Analyzer

    original = "[12/03/24, 10.14.07] Eka Kusuma: Pak, nik saya 35780502\n[12/03/24, 10.14.19] Eka Kusuma: 11792011\n"
    found = [f for f in Analyzer().analyze_text(original) if f.entity_type == "ID_NIK"]
    assert [f.text for f in found] == ["35780502\n[12/03/24, 10.14.19] Eka Kusuma: 11792011"]
