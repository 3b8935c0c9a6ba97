"""A definition's validation errors as one message for people, each naming its field by path
("stages.2.boards.0: ..."), as POST /api/v1/formats answers them."""

from pydantic import ValidationError


def describe(error: ValidationError, *, limit: int = 5) -> str:
    lines = []
    for item in error.errors()[:limit]:
        where = ".".join(str(part) for part in item["loc"])
        message = item["msg"].removeprefix("Value error, ")
        lines.append(f"{where}: {message}" if where else message)
    more = error.error_count() - limit
    if more > 0:
        lines.append(f"and {more} more")
    return "; ".join(lines)
