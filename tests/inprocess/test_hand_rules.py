"""The group chooses the queue's order: the moderator sets the rule, everyone's queue follows it and says why
someone is ahead; the least-time rule counts time at the floor on the clock."""

from app.db import UnitOfWork
from app.models import Participant
from tests.harness import Harness


def order_and_reasons(queue: dict) -> list[tuple[str, str | None]]:
    return [(e["display_name"], e["reason"]) for e in queue["entries"]]


async def test_least_total_speaking_time_goes_first_and_everyone_sees_why(h: Harness) -> None:
    meeting, people = await h.meeting("anna", "bo", "cai")
    mod = meeting.moderator
    for name, seconds in (("anna", 100), ("bo", 10)):
        await h.ok(mod, "hand.give_floor", participant_id=people[name].id)
        await h.pass_time(seconds)
        await h.ok(mod, "hand.finish_speaking")
    for name in ("anna", "bo", "cai"):
        await h.ok(people[name], "hand.raise")

    await h.ok(mod, "meeting.configure", hand_rule="least_time")

    cai = h.socket(people["cai"])
    [configured] = cai.of("meeting.configured")
    assert configured["data"]["hand_rule"] == "least_time" and configured["data"]["fairness"] is True
    assert configured["data"]["queue"]["rule"] == "least_time"
    assert order_and_reasons(configured["data"]["queue"]) == [("cai", "first_time"), ("bo", "spoken_least"), ("anna", None)]
    snapshot = (await h.snapshot(people["anna"]))["meeting"]
    assert snapshot["settings"]["hand_rule"] == "least_time"
    assert order_and_reasons(snapshot["hands"]) == [("cai", "first_time"), ("bo", "spoken_least"), ("anna", None)]

    # Bo speaks for 95 s more: 105 s in all, now more than Anna; she goes ahead of him.
    await h.ok(mod, "hand.give_floor")  # cai
    await h.ok(mod, "hand.give_floor")  # bo
    await h.pass_time(95)
    await h.ok(mod, "hand.finish_speaking")
    await h.ok(people["bo"], "hand.raise")
    assert order_and_reasons((await h.snapshot(people["cai"]))["meeting"]["hands"]) == [("anna", None), ("bo", None)]
    # Cai's turn was cut at once (0 s): having spoken least, she goes ahead of both.
    await h.ok(people["cai"], "hand.raise")
    assert order_and_reasons((await h.snapshot(people["cai"]))["meeting"]["hands"]) == [("cai", "spoken_least"), ("anna", None), ("bo", None)]


async def test_not_two_in_a_row_from_one_organisation(h: Harness) -> None:
    meeting, people = await h.meeting("anna", "bo", "cai")

    async def organisations(uow: UnitOfWork) -> None:
        for name, org in (("anna", "Barnahus"), ("bo", "barnahus "), ("cai", "Red Cross")):
            person = await uow.session.get(Participant, people[name].id)
            assert person is not None
            person.organisation = org

    await h.edge.apply(organisations)
    mod = meeting.moderator
    await h.ok(mod, "meeting.configure", hand_rule="other_organisation")
    await h.ok(mod, "hand.give_floor", participant_id=people["anna"].id)
    await h.ok(people["bo"], "hand.raise")
    await h.ok(people["cai"], "hand.raise")
    # Anna (Barnahus) has the floor: Cai from another organisation goes ahead of Bo from hers.
    assert order_and_reasons((await h.snapshot(people["bo"]))["meeting"]["hands"]) == [("cai", "other_organisation"), ("bo", None)]
    given = await h.ok(mod, "hand.give_floor")
    assert h.socket(people["bo"]).of("floor.given")[-1]["data"]["speaker"]["display_name"] == "cai"
    assert given["ok"]


async def test_the_old_switch_and_the_rule_are_one_setting(h: Harness) -> None:
    meeting, people = await h.meeting("anna")
    mod = meeting.moderator
    await h.ok(mod, "meeting.configure", fairness=False)
    settings = (await h.snapshot(people["anna"]))["meeting"]["settings"]
    assert (settings["fairness"], settings["hand_rule"]) == (False, "first_come")
    both = await h.command(mod, "meeting.configure", fairness=True, hand_rule="least_time")
    assert both["error"]["code"] == "invalid_input"
    refused = await h.command(people["anna"], "meeting.configure", hand_rule="least_time")
    assert refused["error"]["code"] == "forbidden"
    unknown = await h.command(mod, "meeting.configure", hand_rule="loudest_first")
    assert unknown["error"]["code"] == "invalid_input"
    assert (await h.snapshot(people["anna"]))["meeting"]["settings"]["hand_rule"] == "first_come"
