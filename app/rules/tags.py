"""Topic tags of a meeting, as the organiser's desk keeps and searches them: one visible line each, case-folded
(so that "SSP" and "ssp" are one tag and search ignores case), no duplicates, in the order given."""

from app.rules.names import NameRefused, clean_text

MAX_TAGS = 10
MAX_TAG_LENGTH = 40


class TagsRefused(ValueError):
    """Why the tags cannot be kept; the message names the rule."""


def normalise_tags(raw: list[str]) -> list[str]:
    if len(raw) > MAX_TAGS:
        raise TagsRefused(f"at most {MAX_TAGS}.")
    tags: list[str] = []
    for item in raw:
        try:
            tag = clean_text(item, what="A tag").casefold()
        except NameRefused as exc:
            raise TagsRefused(str(exc)) from None
        if not tag or len(tag) > MAX_TAG_LENGTH:
            raise TagsRefused(f"each tag has 1 to {MAX_TAG_LENGTH} characters.")
        if tag not in tags:
            tags.append(tag)
    return tags
