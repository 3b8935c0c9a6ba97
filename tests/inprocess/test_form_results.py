"""Results: the moderator sees the feedback's distribution; the organiser's collated view shows the feedback and the
8-week follow-up together. Anonymous answers: every channel a moderator or organiser has — results, counts, the
order of texts, timing, exports — is tried for a link to an author, and none gives one."""

import csv
import io
import json
from datetime import date, timedelta
from typing import Any

from sqlmodel import select

from app.db import UnitOfWork
from app.models import BOOTSTRAP_ORGANISER_ID, FormAnswer, Meeting, Participant
from app.services import form_results, forms
from tests.harness import Harness, MeetingHandle, Person
from tests.inprocess.forms_support import answer, create, give_role, listed, make_learning_conversation


async def results(h: Harness, meeting: MeetingHandle, form_id: str) -> dict[str, Any]:
    async def read(uow: UnitOfWork) -> dict[str, Any]:
        row = await uow.session.get(Meeting, meeting.id)
        assert row is not None
        return (await form_results.of_meeting_form(uow, meeting=row, form_id=form_id)).model_dump(mode="json")

    return await h.read(read)


async def collated(h: Harness, **filters: Any) -> form_results.Collated:
    filters = {"organiser_id": BOOTSTRAP_ORGANISER_ID, "format": None, "series": None, "date_from": None, "date_to": None, **filters}
    return await h.read(lambda uow: form_results.collate(uow, **filters))


def feedback_of(name: str, scale: int, difference: str) -> dict[str, Any]:
    return {"name": name, "date": "2026-03-02", "scale": scale, "ack_you": difference}


async def test_the_moderator_sees_the_distribution_and_the_organiser_sees_feedback_and_follow_up_together(h: Harness) -> None:
    meeting, people = await h.meeting("Anna", "Bo", "Cai")
    await make_learning_conversation(h, meeting)
    await give_role(h, people["Cai"], "lead_worker")
    await h.ok(meeting.moderator, "meeting.end")
    [feedback] = await listed(h, people["Anna"])
    for name, scale in [("Anna", 7), ("Bo", 9), ("Cai", 7)]:
        await h.pass_time(600)
        assert await answer(h, people[name], feedback["id"], feedback_of(name, scale, f"{name}: slower thinking")) == {"ok": True}

    shown = await results(h, meeting, feedback["id"])
    assert shown["shown"] and shown["count"] == 3 and not shown["anonymous"]
    scale = next(q for q in shown["questions"] if q["id"] == "scale")
    assert scale["distribution"] == [0, 0, 0, 0, 0, 0, 0, 2, 0, 1, 0] and scale["median"] == 7.0
    difference = next(q for q in shown["questions"] if q["id"] == "ack_you")
    # A named form: each text with who wrote it, in the order they came.
    assert [(t["by"], t["text"]) for t in difference["texts"]] == [("Anna", "Anna: slower thinking"), ("Bo", "Bo: slower thinking"), ("Cai", "Cai: slower thinking")]

    ended = h.now
    await h.pass_until(ended + timedelta(weeks=8))
    follow_up = next(f for f in await listed(h, people["Cai"]) if f["template"] == "learning_follow_up")
    assert await answer(h, people["Cai"], follow_up["id"], {"for_child": "Back at school.", "for_me": "I ask earlier."}) == {"ok": True}

    everything = await collated(h, format="learning_conversation")
    groups = {g.template: g for g in everything.groups}
    assert set(groups) == {"learning_feedback", "learning_follow_up"}
    assert groups["learning_feedback"].count == 3 and groups["learning_follow_up"].count == 1
    [child] = [q for q in groups["learning_follow_up"].questions if q.id == "for_child"]
    assert child.texts is not None and [t.text for t in child.texts] == ["Back at school."]
    # The date range and the format select; an empty selection is empty, not an error.
    day = ended.date()
    assert len((await collated(h, date_from=day, date_to=day)).groups) == 2
    assert (await collated(h, date_from=day + timedelta(days=1))).groups == []
    assert (await collated(h, format="tour_de_table")).groups == []
    lines = list(csv.DictReader(io.StringIO(form_results.csv_of(everything.forms))))
    medians = [r for r in lines if r["measure"] == "median" and r["question_id"] == "scale"]
    assert [r["value"] for r in medians] == ["7.0"]
    assert {r["respondent"] for r in lines if r["measure"] == "text" and r["question_id"] == "for_me"} == {"Cai"}


async def test_an_anonymous_answer_cannot_be_linked_to_its_author(h: Harness) -> None:
    names = ["Anna", "Bo", "Cai", "Dan", "Eva"]
    meeting, people = await h.meeting(*names)
    form = await create(h, meeting, template_id="pne_consultation_after", opens_at=h.now)
    assert form.anonymous
    # Each person's answer is recognisable: a score and a text of their own.
    mine = {name: {"useful_scale": i * 2, "useful": f"written answer {i}"} for i, name in enumerate(names)}
    seen: list[dict[str, Any]] = []

    async def answer_and_look(person: Person, name: str) -> None:
        await h.pass_time(60)
        assert await answer(h, person, form.id, mine[name]) == {"ok": True}
        seen.append(await results(h, meeting, form.id))
        await h.tick()
        seen.append(await results(h, meeting, form.id))

    # Counts: nothing at all (not a count) until three answers are in; then it moves only in batches of 3 or more.
    for name in names[:2]:
        await answer_and_look(people[name], name)
    assert all(r["shown"] is False and r["count"] is None and r["questions"] == [] for r in seen)
    await answer_and_look(people["Cai"], "Cai")
    assert seen[-2]["count"] is None and seen[-1]["count"] == 3
    await answer_and_look(people["Dan"], "Dan")
    await answer_and_look(people["Eva"], "Eva")
    assert [r["count"] for r in seen[-4:]] == [3, 3, 3, 3]
    # The moderators' list shows the count of the results, never who answered.
    [listed_form] = await listed(h, meeting.moderator)
    assert listed_form["answers"] == 3 and not set(json.dumps(listed_form).split('"')) & {p.id for p in people.values()}
    await h.pass_until(form.deadline)
    final = await results(h, meeting, form.id)
    assert final["count"] == 5 and final["state"] == "closed"

    # Order: the texts come in a fresh random order, not in the order people answered.
    orders = set()
    for _ in range(30):
        again = await results(h, meeting, form.id)
        [useful] = [q for q in again["questions"] if q["id"] == "useful"]
        orders.add(tuple(t["text"] for t in useful["texts"]))
        assert all(t["by"] is None for t in useful["texts"])
    assert len(orders) > 1
    assert sorted(next(iter(orders))) == sorted(f"written answer {i}" for i in range(len(names)))

    # Exports: no person, no time finer than the day, and never a score and a text on one line.
    everything = await collated(h)
    export = form_results.csv_of(everything.forms) + everything.model_dump_json()
    for person in people.values():
        assert person.id not in export and person.name not in export
    lines = list(csv.DictReader(io.StringIO(form_results.csv_of(everything.forms))))
    assert all(line["respondent"] == "" for line in lines)
    assert all(not (line["measure"] == "text" and line["count"]) for line in lines)

    # Storage: the results' rows carry no person and all the same day (the release's), so neither key nor time orders them.
    async def rows(uow: UnitOfWork) -> list[FormAnswer]:
        return list((await uow.session.exec(select(FormAnswer).where(FormAnswer.form_id == form.id))).all())

    stored = await h.read(rows)
    assert {r.respondent_id for r in stored} == {None}
    assert {(r.submitted_at.hour, r.submitted_at.minute, r.submitted_at.second) for r in stored} == {(0, 0, 0)}


async def test_a_person_who_erases_their_data_takes_their_named_answers_with_them(h: Harness) -> None:
    meeting, people = await h.meeting("Anna", "Bo", "Cai")
    form = await create(h, meeting, template_id="pne_consultation_before", opens_at=h.now)
    for name in ("Anna", "Bo"):
        assert await answer(h, people[name], form.id, {"topics": f"{name}'s topic"}) == {"ok": True}

    async def export(uow: UnitOfWork) -> dict[str, Any]:
        from app.services import privacy

        person = await uow.session.get(Participant, people["Anna"].id)
        assert person is not None
        return await privacy.export_person(uow, person=person)

    [mine] = (await h.read(export))["form_answers"]
    assert mine["form_id"] == form.id and mine["answers"] == {"topics": "Anna's topic"}

    async def erase(uow: UnitOfWork) -> None:
        from app.services import privacy

        person = await uow.session.get(Participant, people["Anna"].id)
        assert person is not None
        await privacy.erase_person(uow, person=person)

    await h.edge.apply(erase)
    shown = await results(h, meeting, form.id)
    [topics] = [q for q in shown["questions"] if q["id"] == "topics"]
    assert [t["text"] for t in topics["texts"]] == ["Bo's topic"]


async def test_collated_results_skip_an_anonymous_form_with_fewer_than_three_answers(h: Harness) -> None:
    meeting, people = await h.meeting("Anna", "Bo")
    form = await create(h, meeting, template_id="pne_consultation_after", opens_at=h.now)
    for name in ("Anna", "Bo"):
        assert await answer(h, people[name], form.id, {"useful_scale": 3}) == {"ok": True}

    async def close(uow: UnitOfWork) -> None:
        row = await uow.lock_meeting(meeting.id)
        await forms.close(uow, meeting=row, form_id=form.id)

    await h.edge.apply(close)
    await h.tick()
    everything = await collated(h, date_from=date(2026, 3, 2))
    assert everything.groups == []
    [alone] = everything.forms
    assert alone.shown is False and alone.count is None and alone.questions == []
    assert form_results.csv_of(everything.forms).count("\n") == 1  # the header only


async def test_collated_by_series_takes_the_forms_of_the_series_meetings(h: Harness) -> None:
    from app.models import Series, SeriesMeeting

    first, first_people = await h.meeting("Anna", "Bo")
    second, second_people = await h.meeting("Cai")
    outside, outside_people = await h.meeting("Dan")

    async def make_series(uow: UnitOfWork) -> None:
        uow.session.add(Series(id="series-1", organiser_id="organiser", name="Network meetings", format="open", coordinator_name="Kim",
                               coordinator_email="kim@example.org", time_zone="Europe/Copenhagen", rule="FREQ=WEEKLY", start_local="2026-03-02T10:00",
                               created_at=uow.now))
        await uow.session.flush()
        for number, handle in enumerate((first, second), start=1):
            uow.session.add(SeriesMeeting(meeting_id=handle.id, series_id="series-1", number=number, starts_at=uow.now + timedelta(days=7 * number), created_at=uow.now))

    await h.edge.apply(make_series)
    for handle, people in ((first, first_people), (second, second_people), (outside, outside_people)):
        form = await create(h, handle, template_id="pne_consultation_before", opens_at=h.now)
        for person in people.values():
            assert await answer(h, person, form.id, {"topics": f"{person.name}'s topic"}) == {"ok": True}
    [group] = (await collated(h, series="series-1")).groups
    assert group.forms == 2 and group.meetings == 2 and group.count == 3
    [topics] = [q for q in group.questions if q.id == "topics"]
    assert sorted(t.text for t in topics.texts or []) == ["Anna's topic", "Bo's topic", "Cai's topic"]
