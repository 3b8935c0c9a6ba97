"""Format definitions with roles for the tests: small ones made here, and every built-in format that defines roles."""

from typing import Any

from app.formats import catalogue
from app.formats.definition import FormatDef, Right


def text(en: str) -> dict[str, str]:
    return {"en": en}


EVERYTHING = sorted(Right)
TAKING_PART = ["raise_hand", "ask_question", "chat", "queued", "propose_card", "vote_cards", "scale"]


def role(id: str, *, base: str = "participant", rights: list[str] | None = None, **more: Any) -> dict[str, Any]:
    return {"id": id, "name": text(id.replace("_", " ").title()), "base": base, "rights": rights if rights is not None else TAKING_PART, **more}


# A network group conference with turns: the focal person is not queued; a family member has a simple view.
CONFERENCE = FormatDef.model_validate(
    {
        "id": "tour_de_table",
        "name": text("Conference (test)"),
        "stages": [
            {"id": "preparation", "name": text("Preparation")},
            {"id": "opening", "name": text("Opening")},
            {"id": "rounds", "name": text("Rounds"), "turns": "rounds"},
            {"id": "closing", "name": text("Closing")},
        ],
        "roles": [
            role("coordinator", base="moderator", rights=[]),
            role("focal_person", rights=["raise_hand", "ask_question", "chat", "scale", "sign_plan"], view="simple"),
            role("network_member"),
            role("public_partner", rights=["raise_hand", "ask_question", "queued"]),
            role("family_member", rights=["raise_hand", "chat", "queued"], view="simple"),
            role("observer", rights=[], observer=True),
        ],
        "default_role": "network_member",
    }
)

# A learning conversation: the ground rules first, a scale asked in the first stage.
LEARNING = FormatDef.model_validate(
    {
        "id": "learning_test",
        "name": text("Learning conversation (test)"),
        "stages": [
            {"id": "scaling", "name": text("Scaling"), "scale": "situation"},
            {"id": "review", "name": text("Review")},
        ],
        "scales": [{"id": "situation", "question": text("Where is the situation now?"), "low": text("Stuck"), "high": text("Safe")}],
        "agreement": {
            "title": text("Using Signs of Safety means"),
            "principles": [text("We will listen to each other and acknowledge and validate their views"), text("Use plain language that we all understand")],
        },
        "roles": [
            role("facilitator", base="moderator", rights=[]),
            role("agency_representative"),
            role("observer", rights=[], observer=True),
        ],
        "default_role": "agency_representative",
    }
)

# The network's own time: only the focal person and the network take part; the others wait.
NETWORK_TIME = FormatDef.model_validate(
    {
        "id": "network_time_test",
        "name": text("Network time (test)"),
        "stages": [
            {"id": "network_time", "name": text("The network's own time"), "only_roles": ["focal_person", "network_member"]},
            {"id": "plan", "name": text("The plan")},
        ],
        "roles": [
            role("focal_person", rights=["raise_hand", "ask_question", "chat"], view="simple"),
            role("network_member"),
            role("public_partner"),
        ],
        "default_role": "network_member",
    }
)

MADE_HERE = [CONFERENCE, LEARNING]


def with_roles() -> list[FormatDef]:
    """The definitions whose roles the rights tests walk through: those made here and every built-in with roles."""
    return [*MADE_HERE, *(d for d in catalogue.builtin().values() if d.roles)]


def every_role() -> list[tuple[FormatDef, str]]:
    pairs = []
    for definition in with_roles():
        ids = [r.id for r in definition.roles]
        pairs.extend((definition, r) for r in [*ids, *(b for b in ("participant",) if b not in ids)])
    return pairs
