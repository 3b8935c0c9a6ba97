"""What every command payload and request body is: unknown fields are refused, strings are trimmed.

Strings are trimmed here, before pydantic checks them, rather than with pydantic's `str_strip_whitespace`: with
that setting, a string field that also has a `min_length` keeps every string it validates alive for good
(pydantic-core 2.50.4 and 2.50.5). That was the soak's slow memory growth, about 100 bytes per chat message
(docs/adr/0026-trimmed-inputs.md). The length limits then apply to the trimmed string, as before.
"""

from typing import Any

from pydantic import BaseModel, ConfigDict, field_validator


def trimmed(value: Any) -> Any:
    """A string without the white space around it; in a list, each string so."""
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, list):
        return [item.strip() if isinstance(item, str) else item for item in value]
    return value


class Input(BaseModel):
    model_config = ConfigDict(extra="forbid")

    @field_validator("*", mode="before")
    @classmethod
    def _trimmed(cls, value: Any) -> Any:
        return trimmed(value)
