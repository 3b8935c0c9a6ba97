"""Topic tags: what is kept is one visible line per tag, case-folded, without duplicates, in the order given."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.rules.tags import MAX_TAG_LENGTH, MAX_TAGS, TagsRefused, normalise_tags

WORDS = st.text(alphabet=st.characters(categories=["L", "N", "Zs", "P"]), min_size=1, max_size=30).filter(lambda s: s.strip())


def test_case_and_spaces_do_not_make_a_new_tag() -> None:
    assert normalise_tags(["SSP", " ssp ", "Network  meeting", "network meeting", "Skole"]) == ["ssp", "network meeting", "skole"]


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ([f"t{i}" for i in range(MAX_TAGS + 1)], "at most"),
        (["x" * (MAX_TAG_LENGTH + 1)], "1 to"),
        (["   "], "1 to"),
        (["line\nbreak"], "line breaks"),
        (["\u202eevil"], "invisible formatting"),
    ],
)
def test_refused_tags_say_why(raw: list[str], message: str) -> None:
    with pytest.raises(TagsRefused, match=message):
        normalise_tags(raw)


@given(st.lists(WORDS, max_size=MAX_TAGS))
def test_kept_tags_are_normal_unique_and_stable(raw: list[str]) -> None:
    try:
        kept = normalise_tags(raw)
    except TagsRefused:
        return
    assert len(kept) == len(set(kept)) <= len(raw)
    assert all(tag == tag.casefold() and tag == " ".join(tag.split()) and 1 <= len(tag) <= MAX_TAG_LENGTH for tag in kept)
    # Keeping what was kept changes nothing.
    assert normalise_tags(kept) == kept


@given(st.lists(WORDS, max_size=MAX_TAGS))
def test_the_order_given_is_kept(raw: list[str]) -> None:
    try:
        kept = normalise_tags(raw)
    except TagsRefused:
        return
    firsts = [normalise_tags([r])[0] for r in raw]
    assert kept == list(dict.fromkeys(firsts))
