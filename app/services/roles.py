"""Who may do what: a person's role in the meeting's format and its rights (app/formats/definition.py)."""

from app.errors import Forbidden
from app.formats.definition import Base, FormatDef, Right, RoleDef
from app.models import Participant, Role


def role_of(definition: FormatDef, person: Participant) -> RoleDef:
    if person.format_role is not None:
        return definition.role(person.format_role)
    if person.role == Role.moderator:
        return definition.role("moderator")
    return definition.role(definition.default_role)


def may(definition: FormatDef, person: Participant, right: Right) -> bool:
    role = role_of(definition, person)
    if role.base == Base.moderator or person.role == Role.moderator:
        return True
    return not role.observer and right in role.rights


def require(definition: FormatDef, person: Participant, right: Right) -> None:
    if not may(definition, person, right):
        raise Forbidden(f"Your role ({role_of(definition, person).name['en']}) does not allow this here.")
