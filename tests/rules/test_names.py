"""Names people give themselves: one visible line that cannot pass for the moderator."""

import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.rules.names import NameRefused, check_display_name


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ("Anna\u202eannA", "invisible formatting"),
        ("\u2066Bo\u2069", "invisible formatting"),
        ("\u200b\u200b\u200b", "invisible formatting"),
        ("\u3164", "invisible formatting"),
        ("\u200d", "letter or digit"),
        ("...", "letter or digit"),
        ("Anna\nModerator: please leave", "line breaks"),
        ("Anna\x00", "line breaks"),
        ("Anna\u2028Bo", "line breaks"),
        ("Moderator", "moderator's role"),
        ("moderator", "moderator's role"),
        ("Мoderаtor", "moderator's role"),  # Cyrillic М and а
        ("ＭＯＤＥＲＡＴＯＲ", "moderator's role"),  # full-width
        ("M0derator", "moderator's role"),
        ("The Mod-erator", "moderator's role"),
        ("Ordstyrer", "moderator's role"),
        ("مدير الجلسة", "moderator's role"),
    ],
)
def test_refused_with_a_clear_reason(raw, message):
    with pytest.raises(NameRefused, match=message):
        check_display_name(raw)


@pytest.mark.parametrize("raw", ["Anna", "Søren Ørsted", "محمد علي", "李小龙", "Zoë 👩‍💻", "Modest Rator", "Ana-Maria O'Neil"])
def test_real_names_pass(raw):
    assert check_display_name(raw) == unicodedata.normalize("NFKC", raw)


def test_a_moderator_may_be_called_moderator_and_spaces_are_normalised():
    assert check_display_name("  Moderator ", moderator=True) == "Moderator"
    assert check_display_name("  Bo \t  Li  ") == "Bo Li"


@settings(deadline=None)
@given(st.text(max_size=40))
def test_an_accepted_name_is_one_visible_line(raw):
    try:
        name = check_display_name(raw)
    except NameRefused:
        return
    assert name == name.strip() and "  " not in name
    assert not any(unicodedata.category(c) in ("Cc", "Zl", "Zp") for c in name)
    assert not any(unicodedata.category(c) == "Cf" and c not in "\u200c\u200d" for c in name)
    assert any(unicodedata.category(c)[0] in "LN" for c in name)
    assert check_display_name(name) == name
