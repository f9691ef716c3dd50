"""CREDIT_CARD: payment card numbers (credit, debit, prepaid), replacing Presidio's CreditCardRecognizer.

What: 13-19 digits with a known issuer prefix (Visa, Mastercard, American
Express, JCB, Diners, Discover, UnionPay, GPN, Maestro) and a valid Luhn
check digit, written as one number or in the usual groups (4-4-4-4,
4-4-4-4-3, 4-6-5, 4-6-4).  Example: ``4539 5521 6048 3717``.

Why: a full card number leaks money; it travels in travel bookings,
reimbursement forms and screenshots.

Why replace Presidio's recognizer: it calls any Luhn-valid 12-19 digit
string a card, and about one valid NIK in ten passes Luhn, so plain Presidio
reports NIKs as credit cards.  Here a 16-digit number that validates as a NIK
is a NIK unless a card label (``kartu kredit``, ``card number``, ``Visa`` ...)
names it (shared decision, :func:`dlp.classifiers._digits.decide16`); bank
account numbers (``00...``, no issuer prefix) and numbers labelled as an
account, invoice, reference or meeting ID are not cards.  A valid card number
is reported with or without a card label.

Source: ISO/IEC 7812-1 (issuer identification numbers, Luhn check digit);
the schemes' published IIN ranges; Bank Indonesia's GPN (PBI 19/8/PBI/2017).
"""
from __future__ import annotations

from functools import lru_cache

from dlp.classifiers._digits import UNKNOWN, DigitRecognizer, check_card, decide16, labelled


@lru_cache(maxsize=1024)  # asked for every window: the few groupings seen repeat
def card_grouping(groups: tuple[int, ...]) -> bool:
    """One block, or the groupings printed on cards: 4-4-4-4(-3), 4-6-5, 4-6-4."""
    if len(groups) == 1:
        return True
    if groups in ((4, 6, 5), (4, 6, 4)):
        return True
    return all(g == 4 for g in groups[:-1]) and 1 <= groups[-1] <= 4


def _named_otherwise(lab) -> bool:
    """Does the label name its number as something other than a card ("No. Rekening", "NIK", "Invoice")?
    A label after the number does not; nor does a field for either ("No. Rekening/Kartu")."""
    return lab.cat not in ("CARD", "PHONE") and lab.how != "after" and "CARD" not in lab.also


def _decide(sc):
    # the starts of the decided 16-digit windows (two 16-digit windows never share a start)
    decided16 = {d.start for d in sc.memo("16", decide16)}
    out = []
    for w in sc.windows(13, 19):
        if w.start in decided16 and len(w.digits) == 16:
            continue  # a NIK, KK, NPWP or an already decided card
        if not w.tight or not card_grouping(w.groups):
            continue
        # a label looked up already (a 16-digit number decide16 left, in a table column) is tested
        # before the card check: the same answer, and most such numbers are named as accounts
        lab = sc.known_label(w.start, w.end)
        if lab is not None and lab is not UNKNOWN and _named_otherwise(lab):
            continue  # named as an account, a NIK, an invoice ...
        chk = check_card(w.digits)
        if not chk.ok:
            continue
        if lab is UNKNOWN:
            lab = sc.label_for(w.start, w.end)
        if lab and _named_otherwise(lab):
            continue  # named as an account, a NIK, an invoice ...
        word = lab.word if lab and (lab.cat == "CARD" or "CARD" in lab.also) else None
        near_en, near_id = labelled(word)
        out.append((w, 0.95 if word else 0.7, f"Payment card{near_en}: {chk.en}",
                    f"Kartu pembayaran{near_id}: {chk.id}", word))
    return out


class PaymentCardRecognizer(DigitRecognizer):
    """Payment card numbers (Luhn + issuer prefix), never a valid NIK without a card label."""

    ENTITIES = ("CREDIT_CARD",)
    CONTEXT = ("kartu kredit", "kartu debit", "credit card", "debit card", "card number", "nomor kartu",
               "visa", "mastercard", "amex", "jcb", "cvv", "valid thru")
    REPLACES = ("CreditCardRecognizer",)

    def decide(self, sc):
        return self.from_windows(sc, "cards", _decide, "CREDIT_CARD") + self.from16(sc)
