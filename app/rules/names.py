"""Names people give themselves: one visible line that cannot pass for someone it is not. Pure; tested with hypothesis
in tests/rules/test_names.py.

Refused, each with its own message: control characters (NUL, line breaks), invisible formatting characters (bidi
overrides and isolates, zero-width spaces), a name with no letter or digit (e.g. only zero-width characters), and
for participants a name that reads as the moderator's role label in any of the pages' languages, also when spelt
with look-alike letters from another script (Cyrillic "Мoderаtor") or in full-width forms.
Normalised: NFKC, runs of white space made one space, trimmed.
"""

import unicodedata

from confusable_homoglyphs import confusables

# The moderator's role label as the pages show it (frontend/src/shared/i18n: en, da, ar).
ROLE_LABELS = ("Moderator", "Ordstyrer", "مدير الجلسة")
# Joiners are kept inside words and scripts that need them (emoji sequences, Persian and Indic spelling).
_JOINERS = {"\u200c", "\u200d"}
# Characters that are letters or symbols to Unicode but show nothing (Hangul fillers, the blank Braille pattern).
_BLANKS = {"\u115f", "\u1160", "\u3164", "\uffa0", "\u2800"}
# Digits that pass for letters in a role label ("M0derator").
_DIGIT_LOOKALIKES = {"0": "o", "1": "l"}


class NameRefused(ValueError):
    pass


def _skeleton(text: str) -> str:
    """Letters only, case-folded, with every character that looks like a Latin one replaced by it."""
    out = []
    for c in unicodedata.normalize("NFKC", text):
        c = _DIGIT_LOOKALIKES.get(c, c)
        if not c.isalpha():
            continue
        found = confusables.is_confusable(c, preferred_aliases=["latin"], greedy=True) if not c.isascii() else False
        if isinstance(found, list) and found and found[0]["homoglyphs"]:
            c = found[0]["homoglyphs"][0]["c"]
        out.append(c.casefold())
    return "".join(out)


_ROLE_SKELETONS = tuple(_skeleton(label) for label in ROLE_LABELS)


def clean_text(raw: str, *, what: str) -> str:
    """NFKC, one line, no control or invisible formatting characters; `what` names the field in messages."""
    text = unicodedata.normalize("NFKC", raw)
    for c in text:
        category = unicodedata.category(c)
        if (category == "Cc" and c != "\t") or category in ("Zl", "Zp"):
            raise NameRefused(f"{what} may not contain line breaks or control characters.")
        if (category == "Cf" and c not in _JOINERS) or c in _BLANKS:
            raise NameRefused(f"{what} may not contain invisible formatting characters (such as text direction overrides).")
    return " ".join(text.split())


def check_display_name(raw: str, *, moderator: bool = False) -> str:
    name = clean_text(raw, what="A name")
    if not any(unicodedata.category(c)[0] in ("L", "N") for c in name):
        raise NameRefused("A name needs at least one letter or digit.")
    if not moderator:
        skeleton = _skeleton(name)
        if any(label in skeleton for label in _ROLE_SKELETONS):
            raise NameRefused("This name reads as the moderator's role; please choose another.")
    return name
