"""The meeting's summary for the moderator, the floor history it draws on, follow-up items and name opt-ins.

What it never holds: chat text beyond resources and the questions asked in the chat, and anything
about who voted how on the recording.
"""

from collections import Counter
from collections.abc import Callable
from typing import Any

from sqlmodel import col, select

from app import clock, i18n, ids, rooms
from app import markdown as md
from app.db import UnitOfWork
from app.events import SummaryNameSet
from app.formats.definition import text_in
from app.models import (
    Breakout,
    BreakoutRoom,
    ChatKind,
    ChatMessage,
    FloorTurn,
    Meeting,
    Participant,
    Question,
    Role,
    SummaryName,
)
from app.services import agreements, boards, chat, followups, formats, questions, roster, scales, stages

# The floor history (hooked into hands.give_floor and the end of a turn) ---------------------------


async def floor_started(uow: UnitOfWork, *, meeting: Meeting, participant_id: str) -> None:
    uow.session.add(
        FloorTurn(id=ids.new_id(), meeting_id=meeting.id, participant_id=participant_id, question_id=meeting.current_question_id, started_at=uow.now)
    )


async def floor_ended(uow: UnitOfWork, *, meeting: Meeting) -> None:
    statement = select(FloorTurn).where(FloorTurn.meeting_id == meeting.id, FloorTurn.ended_at == None)  # noqa: E711
    for turn in (await uow.session.exec(statement)).all():
        turn.ended_at = uow.now


# Being named in the summary ---------------------------------------------------------------------


async def names_shared(uow: UnitOfWork, *, participant_ids: set[str]) -> set[str]:
    """Those of these people who asked to be named in the summary."""
    statement = select(SummaryName.participant_id).where(col(SummaryName.participant_id).in_(participant_ids), col(SummaryName.share).is_(True))
    return set((await uow.session.exec(statement)).all())


async def set_name_shared(uow: UnitOfWork, *, meeting: Meeting, actor: Participant, share: bool) -> None:
    row = await uow.session.get(SummaryName, actor.id)
    if row is None:
        uow.session.add(SummaryName(participant_id=actor.id, meeting_id=meeting.id, share=share))
    else:
        row.share = share
    # Only the person's own sockets learn it: whether someone wants to be named is theirs.
    await uow.change(meeting.id, SummaryNameSet(share=share), to=rooms.person(actor.id))


# The summary ------------------------------------------------------------------------------------


def _format_name(meeting: Meeting) -> str:
    key = f"summary.format.{meeting.format}"
    if key in i18n.EN:
        return i18n.text(meeting.language, key)
    try:
        return text_in(formats.of_meeting(meeting).name, meeting.language)
    except (KeyError, ValueError):
        return meeting.format


def _iso(value: Any) -> str | None:
    return clock.iso(value) if value is not None else None


async def build(uow: UnitOfWork, *, meeting: Meeting) -> dict[str, Any]:
    people = list((await uow.session.exec(select(Participant).where(Participant.meeting_id == meeting.id))).all())
    by_id = {p.id: p for p in people}
    named = {
        row.participant_id for row in (await uow.session.exec(select(SummaryName).where(SummaryName.meeting_id == meeting.id, SummaryName.share == True))).all()  # noqa: E712
    }

    def who(participant_id: str | None) -> str | None:
        """A person's name when they opted in; otherwise their organisation, if they gave one."""
        person = by_id.get(participant_id) if participant_id else None
        if person is None:
            return None
        if person.id in named:
            return f"{person.display_name} ({person.organisation})" if person.organisation else person.display_name
        return person.organisation

    attendees = [p for p in people if p.role == Role.participant and p.removed_at is None]
    organisations = Counter((p.organisation or "").strip() for p in attendees if (p.organisation or "").strip())
    question_rows = (await uow.session.exec(questions.released(meeting.id).order_by(col(Question.position)))).all()
    floor_rows = (await uow.session.exec(select(FloorTurn).where(FloorTurn.meeting_id == meeting.id).order_by(col(FloorTurn.started_at)))).all()
    chat_questions = (
        await uow.session.exec(
            select(ChatMessage)
            .where(ChatMessage.meeting_id == meeting.id, ChatMessage.kind == ChatKind.question, ChatMessage.hidden_at == None)  # noqa: E711
            .order_by(col(ChatMessage.seq))
        )
    ).all()
    breakout_rows = (await uow.session.exec(select(Breakout).where(Breakout.meeting_id == meeting.id).order_by(col(Breakout.started_at)))).all()
    room_counts = Counter((await uow.session.exec(select(BreakoutRoom.breakout_id).where(BreakoutRoom.meeting_id == meeting.id))).all())
    return {
        "meeting": {
            "id": meeting.id,
            "title": meeting.title,
            "format": meeting.format,
            # The format's name in the meeting's language (an organiser's own format has no catalogue entry).
            "format_name": _format_name(meeting),
            "language": meeting.language,
            "status": meeting.status,
            "date": (meeting.started_at or meeting.scheduled_for or meeting.created_at).date().isoformat(),
            "scheduled_for": _iso(meeting.scheduled_for),
            "started_at": _iso(meeting.started_at),
            "ended_at": _iso(meeting.ended_at),
        },
        "participants": {
            "count": len(attendees),
            "organisations": [{"name": name, "participants": n} for name, n in sorted(organisations.items(), key=lambda i: i[0].casefold())],
            # Only those who opted in to be named.
            "named": sorted((who(p.id) or p.display_name for p in attendees if p.id in named), key=str.casefold),
        },
        "questions": [
            {
                "id": q.id,
                "text": q.text,
                "status": q.status,
                "keynote": q.keynote,
                "asked_by": None if q.anonymous else who(q.author_id),
                "answered_at": _iso(q.answered_at),
            }
            for q in question_rows
        ],
        "turns": [
            {"stage": t.stage, "by": who(t.participant_id), "status": t.status, "question_id": t.question_id, "started_at": _iso(t.started_at)}
            for t in await stages.turns_for_summary(uow, meeting)
        ],
        "floor": [
            {
                "by": who(f.participant_id),
                "question_id": f.question_id,
                "started_at": _iso(f.started_at),
                "seconds": round((f.ended_at - f.started_at).total_seconds(), 1) if f.ended_at else None,
            }
            for f in floor_rows
        ],
        "breakouts": [
            {"kind": b.kind, "rooms": room_counts.get(b.id, 0), "started_at": _iso(b.started_at), "ended_at": _iso(b.ended_at)} for b in breakout_rows
        ],
        "resources": [
            {"title": r.title, "url": r.url, "note": r.text if r.text != r.url else "", "shared_by": who(r.author.participant_id)}
            for r in await chat.resources(uow, meeting=meeting, include_rooms=True)
        ],
        "chat_questions": [{"text": m.text, "asked_at": _iso(m.created_at)} for m in chat_questions],
        # The format's boards as the group left them (not private ones; app/services/boards.py).
        "boards": await boards.for_summary(uow, meeting=meeting, who=who),
        # In a meeting of a series: each roster entry, and whether anyone came for it.
        "roster": await roster.for_summary(uow, meeting=meeting),
        "followups": [
            {
                "text": f.text,
                "kind": f.kind,
                "status": f.status,
                "owner": f.owner,
                "due_on": f.due_on.isoformat() if f.due_on else None,
                "carried": f.carried_from_id is not None,
                "review": f.review,
                "recorded_at": _iso(f.created_at),
            }
            for f in await followups.of_meeting(uow, meeting=meeting)
        ],
        # The format's agreement and scales (null / empty when it has none): counts, names only with consent, spreads only.
        "agreement": await agreements.summary_part(uow, meeting=meeting, named=lambda pid: who(pid) if pid in named else None),
        "scales": await scales.summary_part(uow, meeting=meeting),
    }


def markdown(summary: dict[str, Any]) -> str:
    """The summary as Markdown, its headings and labels in the meeting's language."""
    m = summary["meeting"]

    def tr(key: str, **params: object) -> str:
        return i18n.text(m.get("language", "en"), key, **params)

    questions_by_id = {q["id"]: q for q in summary["questions"]}
    lines = [f"# {md.text(m['title'])}", "", f"- {tr('summary.date')}: {m['date']}", f"- {tr('summary.format')}: {md.text(m.get('format_name') or m['format'])}", ""]
    part = summary["participants"]
    lines += [f"## {tr('summary.participants')}", "", tr("summary.participant_count", count=part["count"])]
    if part["organisations"]:
        lines += ["", *(f"- {md.text(o['name'])} ({o['participants']})" for o in part["organisations"])]
    if part["named"]:
        lines += ["", tr("summary.named", names=", ".join(md.text(n) for n in part["named"]))]
    if summary.get("roster"):
        lines += ["", f"## {tr('summary.roster')}", ""]
        lines += [
            f"- {md.text(r['name'])}: {tr('summary.roster.present' if r['present'] else 'summary.roster.missing')}"
            + (f" ({tr('summary.roster.required')})" if r["required"] and not r["present"] else "")
            for r in summary["roster"]
        ]
    lines += ["", f"## {tr('summary.questions')}", ""]
    lines += [
        f"- [{tr('summary.status.' + q['status'])}] {md.text(q['text'])}"
        + (f" ({tr('summary.keynote')})" if q["keynote"] else "")
        + (f", {tr('summary.asked_by', name=md.text(q['asked_by']))}" if q["asked_by"] else "")
        for q in summary["questions"]
    ] or [tr("summary.no_questions")]
    lines += ["", f"## {tr('summary.turns')}", ""]
    turn_lines = []
    for t in summary["turns"]:
        name = md.text(t["by"] or tr("summary.someone"))
        what = tr("summary.passed", name=name) if t["status"] == "passed" else tr("summary.took_turn", name=name)
        question = questions_by_id.get(t["question_id"] or "")
        turn_lines.append(f"- {what}" + (f": {md.text(question['text'])}" if question else ""))
    lines += turn_lines or [tr("summary.no_turns")]
    lines += ["", f"## {tr('summary.floor')}", ""]
    floor_lines = []
    for f in summary["floor"]:
        question = questions_by_id.get(f["question_id"] or "")
        seconds = f" ({tr('summary.seconds', seconds=round(f['seconds']))})" if f["seconds"] is not None else ""
        floor_lines.append(f"- {md.text(f['by'] or tr('summary.someone'))}{seconds}" + (f", {tr('summary.on', text=md.text(question['text']))}" if question else ""))
    lines += floor_lines or [tr("summary.no_floor")]
    # A section left out of the data (the take-home record's choices, app/services/record.py) is left out here too.
    if "resources" in summary:
        lines += ["", f"## {tr('summary.resources')}", ""]
        lines += [
            f"- {md.link(r['title'], r['url'])}" + (f": {md.text(r['note'])}" if r.get("note") else "")
            for r in summary["resources"]
        ] or [tr("summary.no_resources")]
    if "chat_questions" in summary:
        lines += ["", f"## {tr('summary.chat_questions')}", ""]
        lines += [f"- {md.text(q['text'])}" for q in summary["chat_questions"]] or [tr("summary.no_chat_questions")]
    lines += boards.summary_lines(summary.get("boards", []), tr)
    if "followups" not in summary:
        return "\n".join(lines) + "\n"
    lines += ["", f"## {tr('summary.followup')}", ""]
    followup_lines = []
    for f in summary["followups"]:
        details = [tr("summary.followup." + f["status"])]
        if f["owner"]:
            details.append(tr("summary.followup.owner", owner=md.text(f["owner"])))
        if f["due_on"]:
            details.append(tr("summary.followup.due", date=f["due_on"]))
        if f["carried"]:
            details.append(tr("summary.followup.carried"))
        followup_lines.append(f"- {md.text(f['text'])} ({', '.join(details)})")
    lines += followup_lines or [tr("summary.no_followup")]
    lines += _agreement_and_scales(summary, tr)
    return "\n".join(lines) + "\n"


def _agreement_and_scales(summary: dict[str, Any], tr: Callable[..., str]) -> list[str]:
    lines: list[str] = []
    agreement = summary.get("agreement")
    if agreement is not None:
        lines += ["", f"## {tr('summary.agreement')}", "", tr("summary.agreement_count", count=agreement["acknowledged"])]
        if agreement["named"]:
            lines += ["", tr("summary.agreement_named", names=", ".join(md.text(n) for n in agreement["named"]))]
    if summary.get("scales"):
        lines += ["", f"## {tr('summary.scales')}"]
        for scale in summary["scales"]:
            lines += ["", f"### {md.text(scale['question'])}", "", tr("summary.scale_anchors", low=md.text(scale["low"]), high=md.text(scale["high"])), ""]
            spread = scale["spread"]
            if spread is None:
                lines.append(tr("summary.scale_not_revealed", count=scale["answered"]))
            else:
                shown = ", ".join(f"{value}: {count}" for value, count in enumerate(spread["counts"]) if count)
                lines.append(tr("summary.scale_spread", count=scale["answered"], median=f"{spread['median']:g}", spread=shown))
    return lines
