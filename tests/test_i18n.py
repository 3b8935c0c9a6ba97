"""The server's own texts: every meeting language has every key, with the same placeholders."""

import string

import pytest

from app import i18n
from app.models import Language


def placeholders(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def test_every_meeting_language_has_a_catalogue() -> None:
    assert set(i18n.CATALOGUES) == set(Language)


@pytest.mark.parametrize("language", [lang for lang in Language if lang != Language.en])
def test_every_catalogue_has_every_key_with_the_same_placeholders(language: Language) -> None:
    catalogue = i18n.CATALOGUES[language]
    assert sorted(set(i18n.EN) - set(catalogue)) == [], f"missing in {language}"
    assert sorted(set(catalogue) - set(i18n.EN)) == [], f"unknown keys in {language}"
    for key, english in i18n.EN.items():
        assert placeholders(catalogue[key]) == placeholders(english), key
        assert catalogue[key].strip(), key


def test_a_text_is_in_the_meeting_language() -> None:
    assert i18n.text(Language.da, "breakout.room", n=2) == "Rum 2"
    assert i18n.text("ar", "breakout.room", n=2) == "الغرفة 2"
    assert i18n.text(Language.en, "breakout.room", n=2) == "Room 2"
