"""Role links: joining with a moderator's role link gives that role; a forged, altered or other meeting's code is refused."""

import pytest

from app.errors import DomainError
from app.services import role_links
from tests.harness import Harness
from tests.roles.definitions import CONFERENCE, LEARNING


def code_for(h: Harness, meeting_id: str, role: str) -> str:
    """What `POST /api/v1/meetings/{id}/role-links` puts in the link (tests/api/test_role_links.py runs the route)."""
    return role_links.sign(role_links.key_from(h.settings.organiser_key or ""), meeting_id=meeting_id, role=role)


async def test_joining_with_a_role_link_gives_the_role(h: Harness) -> None:
    meeting, _ = await h.meeting(definition=CONFERENCE)
    olu = await h.join(meeting, "Olu", role_code=code_for(h, meeting.id, "observer"))
    sofie = await h.join(meeting, "Sofie", role_code=code_for(h, meeting.id, "coordinator"))
    await h.connect(olu)
    you = (await h.snapshot(olu))["you"]
    assert (you["format_role"], you["observer"], you["role"]) == ("observer", True, "participant")
    assert (await h.command(olu, "hand.raise"))["error"]["code"] == "observer_cannot_act"
    # A moderator-based role: the person joins as a moderator (the console opens for them).
    assert (await h.snapshot(sofie))["you"]["role"] == "moderator"
    await h.ok(sofie, "participant.set_role", participant_id=olu.id, role="network_member")


@pytest.mark.parametrize(
    "forge",
    [
        lambda real, other: other,  # another meeting's code
        lambda real, other: real.replace("observer", "coordinator", 1),  # the role changed in the code
        lambda real, other: real[:-2] + ("AA" if not real.endswith("AA") else "BB"),  # a signature guessed
        lambda real, other: "coordinator.abc.def",
        lambda real, other: "not a code",
    ],
    ids=["other_meeting", "role_changed", "signature_changed", "made_up", "garbage"],
)
async def test_a_forged_or_foreign_code_is_refused_and_nobody_joins(h: Harness, forge) -> None:  # type: ignore[no-untyped-def]
    meeting, _ = await h.meeting(definition=CONFERENCE)
    other, _ = await h.meeting(definition=CONFERENCE)
    code = forge(code_for(h, meeting.id, "observer"), code_for(h, other.id, "coordinator"))
    with pytest.raises(DomainError) as refused:
        await h.join(meeting, "Mallory", role_code=code)
    assert refused.value.code == "role_link_invalid" and refused.value.status == 403
    people = (await h.snapshot(meeting.moderator))["meeting"]["participants"]
    assert [p["display_name"] for p in people] == ["Moderator"]


async def test_a_code_signed_with_another_key_is_refused(h: Harness) -> None:
    meeting, _ = await h.meeting(definition=LEARNING, start=False)
    code = role_links.sign(role_links.key_from("some other server"), meeting_id=meeting.id, role="facilitator")
    with pytest.raises(DomainError) as refused:
        await h.join(meeting, "Mallory", role_code=code)
    assert refused.value.code == "role_link_invalid"
