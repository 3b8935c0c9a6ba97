"""Updates between meetings go out as one digest per batch: held until the oldest has waited the delay, each update
mailed once, to every contact person of the roster (the clock is the test's)."""

from datetime import datetime

from sqlmodel import select

from app import timers
from app.db import UnitOfWork
from app.models import Language, MailKind, OutgoingMail, UpdateAuthor
from app.services import invitations, series
from tests.harness import Harness


async def test_updates_are_mailed_once_per_batch_after_the_delay(h: Harness) -> None:
    async def make(uow: UnitOfWork) -> str:
        made = await series.create(
            uow, organiser_id="bootstrap", name="Drop-in Northeast", format="open", language=Language.en, coordinator_name="Rose",
            coordinator_email="rose@ra.example", time_zone="Europe/London", rule="FREQ=MONTHLY", start_local=datetime(2026, 4, 1, 10, 0),
            duration_minutes=90, context="", digest_by_mail=True,
            roster=[series.EntryIn(name="Refugee Action", contacts=(series.ContactIn(name="Rita", email="rita@ra.example"),)),
                    series.EntryIn(name="City Council", contacts=(series.ContactIn(name="Carl", email="carl@city.example", language=Language.da),))],
        )
        return made.id

    series_id = await h.edge.apply(make)

    async def post(text: str) -> None:
        async def run(uow: UnitOfWork) -> None:
            found = await series.get(uow, organiser_id="bootstrap", series_id=series_id)
            await invitations.post_update(uow, series=found, author=UpdateAuthor.coordinator, author_name="Rose", invitation_id=None, text=text, url=None)

        await h.edge.apply(run)

    assert h.settings.series_digest_minutes == 60

    async def send() -> int:
        """A round of the server's timers: how many digests it queued."""
        before = len(await digests())
        await h.tick(timers.configured(h.settings))
        return len(await digests()) - before

    async def digests() -> list[OutgoingMail]:
        async def read(uow: UnitOfWork) -> list[OutgoingMail]:
            return list((await uow.session.exec(select(OutgoingMail).where(OutgoingMail.kind == MailKind.digest).order_by(OutgoingMail.created_at))).all())

        return await h.read(read)

    await post("Housing leaflet in Arabic")
    h.clock.advance(600)
    await post("Next time: data sharing")
    h.clock.advance(1800)
    assert await send() == 0
    h.clock.advance(1801)
    assert await send() == 2
    first = await digests()
    assert sorted(m.recipient for m in first) == ["carl@city.example", "rita@ra.example"]
    assert all("Housing leaflet in Arabic" in m.body_text and "Next time: data sharing" in m.body_text for m in first)
    assert {m.recipient: m.subject for m in first}["carl@city.example"] == "Nyt fra Drop-in Northeast"
    # Nothing more until a new update has waited too.
    assert await send() == 0
    await post("Minutes are out")
    h.clock.advance(3599)
    assert await send() == 0
    h.clock.advance(2)
    assert await send() == 2
    second = (await digests())[2:]
    assert all("Minutes are out" in m.body_text and "Housing leaflet" not in m.body_text for m in second)
