"""A meeting whose format has every kind of board, and the few steps the tests take to set one up."""

import json
from typing import Any

from app.db import UnitOfWork
from app.models import Meeting, Participant
from tests.harness import Harness, MeetingHandle, Person

COLUMNS = [
    {"id": "well", "name": {"en": "What is working well", "da": "Hvad går godt"}},
    {"id": "worried", "name": {"en": "What are we worried about"}},
    {"id": "next", "name": {"en": "What needs to happen"}},
]

# A format with a Signs of Safety board (anonymous, fact/opinion), a brainstorm with dot voting, owners and
# themes, a who-does-what map, a private note and a personal plan; stages that open some of them.
DEFINITION: dict[str, Any] = {
    "id": "boards_test",
    "name": {"en": "Boards"},
    "stages": [
        {"id": "opening", "name": {"en": "Opening"}},
        {"id": "capture", "name": {"en": "Capture"}, "boards": ["signs", "ideas", "map", "note"]},
        {"id": "agree", "name": {"en": "The plan"}, "boards": ["plan"]},
    ],
    "boards": [
        {"id": "signs", "name": {"en": "Signs of Safety"}, "columns": COLUMNS, "anonymous": True, "tags": ["fact", "opinion"]},
        {
            "id": "ideas", "name": {"en": "Solutions"}, "themes": True, "owners": True, "voting": {"budget": 3, "per_card": 2},
            "columns": [{"id": "ideas", "name": {"en": "Ideas"}}, {"id": "recommendations", "name": {"en": "Recommendations"}}],
        },
        {"id": "map", "kind": "map", "name": {"en": "Who does what"}, "themes": True, "columns": [{"id": "services", "name": {"en": "Services"}}]},
        {"id": "note", "name": {"en": "Facilitator's note"}, "private": True, "columns": [{"id": "note", "name": {"en": "Note"}}]},
        {
            "id": "plan", "kind": "plan", "name": {"en": "Personal plan"},
            "columns": [
                {"id": "improve", "name": {"en": "How the situation can be improved"}},
                {"id": "initiatives", "name": {"en": "Which initiatives start"}},
                {"id": "partners", "name": {"en": "Where public partners help"}},
                {"id": "network", "name": {"en": "What the network offers"}},
            ],
        },
    ],
    "roles": [
        {"id": "focal", "name": {"en": "Focal person"}, "rights": ["propose_card", "sign_plan"]},
        {"id": "network", "name": {"en": "Network member"}, "rights": ["propose_card", "vote_cards", "sign_plan"]},
        {"id": "lead", "name": {"en": "Lead worker"}, "rights": ["propose_card", "see_private"]},
        {"id": "scribe", "name": {"en": "Scribe"}, "rights": ["edit_cards"]},
        {"id": "observer", "name": {"en": "Observer"}, "observer": True},
    ],
}


async def use_definition(h: Harness, meeting: MeetingHandle, definition: dict[str, Any] = DEFINITION) -> None:
    """Keep this definition with the meeting, as a meeting made from an organiser's own format keeps it."""

    async def keep(uow: UnitOfWork) -> None:
        row = await uow.session.get(Meeting, meeting.id)
        assert row is not None
        row.format_definition = json.dumps(definition)

    await h.edge.apply(keep)


async def enter_stage(h: Harness, meeting: MeetingHandle, stage: str) -> None:
    """The moderator moves the meeting to this stage of its format (a stage it is in already: nothing)."""
    answer = await h.command(meeting.moderator, "stage.set", stage=stage)
    assert answer["ok"] or answer["error"]["code"] == "already_in_stage", answer


async def give_role(h: Harness, person: Person, role: str) -> None:
    async def give(uow: UnitOfWork) -> None:
        row = await uow.session.get(Participant, person.id)
        assert row is not None
        row.format_role = role

    await h.edge.apply(give)


async def boards_meeting(h: Harness, *names: str, stage: str = "capture") -> tuple[MeetingHandle, dict[str, Person]]:
    """A live meeting of the boards format, in `stage`, with these people connected (fresh snapshots)."""
    meeting, people = await h.meeting(*names, connect=False)
    await use_definition(h, meeting)
    await enter_stage(h, meeting, stage)
    for person in [meeting.moderator, *people.values()]:
        await h.connect(person)
    return meeting, people


def cards_of(snapshot: dict[str, Any], board: str | None = None) -> list[dict[str, Any]]:
    cards = snapshot["meeting"]["boards"]["cards"]
    return [c for c in cards if board is None or c["board_id"] == board]


def texts(snapshot: dict[str, Any], board: str, column: str) -> list[str]:
    cards = [c for c in cards_of(snapshot, board) if c["column_id"] == column]
    return [c["text"] for c in sorted(cards, key=lambda c: c["position"])]
