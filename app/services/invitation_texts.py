"""The words of a series' mails (invitation, reminder, digest of updates) in the recipient's language, with the
meeting's date written as people there write it, in the series' time zone.

Whatever people typed (the series' name, its context, an update) goes into the HTML only escaped, and a link only
when it is an http(s) URL.
"""

import html
from dataclasses import dataclass
from datetime import datetime

from app.models import Language
from app.rules import recurrence

WEEKDAYS = {
    Language.en: ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"),
    Language.da: ("mandag", "tirsdag", "onsdag", "torsdag", "fredag", "lørdag", "søndag"),
    Language.ar: ("الاثنين", "الثلاثاء", "الأربعاء", "الخميس", "الجمعة", "السبت", "الأحد"),
}
MONTHS = {
    Language.en: ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"),
    Language.da: ("januar", "februar", "marts", "april", "maj", "juni", "juli", "august", "september", "oktober", "november", "december"),
    Language.ar: ("يناير", "فبراير", "مارس", "أبريل", "مايو", "يونيو", "يوليو", "أغسطس", "سبتمبر", "أكتوبر", "نوفمبر", "ديسمبر"),
}

TEXTS: dict[Language, dict[str, str]] = {
    Language.en: {
        "invitation.subject": "Invitation: {title}, {when}",
        "reminder.subject": "Reminder: {title}, {when}",
        "invitation.intro": "{name}, you are invited to {title} for {organisation}.",
        "reminder.intro": "{name}, we have not had your answer yet: will you come to {title} for {organisation}?",
        "when": "When: {when}. The meeting repeats: the calendar file adds the series to your calendar.",
        "answer": "Answer yes, no or maybe, and join the meeting when it starts, with your own link:",
        "keep": "The link is yours alone: whoever has it can answer and take part as you.",
        "digest.subject": "News from {title}",
        "digest.intro": "{name}, the updates posted to {title} since the last mail:",
        "footer": "You get this mail because {coordinator} ({email}) invited you to {title}.",
    },
    Language.da: {
        "invitation.subject": "Invitation: {title}, {when}",
        "reminder.subject": "Påmindelse: {title}, {when}",
        "invitation.intro": "{name}, du er inviteret til {title} for {organisation}.",
        "reminder.intro": "{name}, vi har endnu ikke fået dit svar: kommer du til {title} for {organisation}?",
        "when": "Hvornår: {when}. Mødet gentages: kalenderfilen lægger hele rækken i din kalender.",
        "answer": "Svar ja, nej eller måske, og deltag i mødet, når det begynder, med dit eget link:",
        "keep": "Linket er kun dit: den, der har det, kan svare og deltage som dig.",
        "digest.subject": "Nyt fra {title}",
        "digest.intro": "{name}, de opdateringer, der er skrevet i {title} siden sidste mail:",
        "footer": "Du får denne mail, fordi {coordinator} ({email}) har inviteret dig til {title}.",
    },
    Language.ar: {
        "invitation.subject": "دعوة: {title}، {when}",
        "reminder.subject": "تذكير: {title}، {when}",
        "invitation.intro": "{name}، أنت مدعو إلى {title} ممثلًا عن {organisation}.",
        "reminder.intro": "{name}، لم يصلنا ردك بعد: هل ستحضر {title} ممثلًا عن {organisation}؟",
        "when": "الموعد: {when}. يتكرر الاجتماع: يضيف ملف التقويم السلسلة كلها إلى تقويمك.",
        "answer": "أجب بنعم أو لا أو ربما، وانضم إلى الاجتماع عند بدئه برابطك الخاص:",
        "keep": "هذا الرابط لك وحدك: من يملكه يستطيع الرد والمشاركة باسمك.",
        "digest.subject": "جديد {title}",
        "digest.intro": "{name}، التحديثات المنشورة في {title} منذ الرسالة الأخيرة:",
        "footer": "تصلك هذه الرسالة لأن {coordinator} ({email}) دعاك إلى {title}.",
    },
}


@dataclass(frozen=True)
class Mail:
    subject: str
    text: str
    html: str


def when_local(instant: datetime, zone: str, language: Language) -> str:
    """"Tuesday 16 March 2027, 14:00 (Europe/Copenhagen)", in the recipient's language, the series' local time."""
    local = recurrence.to_local(instant, zone)
    weekday, month = WEEKDAYS[language][local.weekday()], MONTHS[language][local.month - 1]
    clock = local.strftime("%H:%M")
    if language == Language.da:
        return f"{weekday} den {local.day}. {month} {local.year} kl. {clock} ({zone})"
    if language == Language.ar:
        return f"{weekday} {local.day} {month} {local.year}، {clock} ({zone})"
    return f"{weekday} {local.day} {month} {local.year}, {clock} ({zone})"


def _one_line(value: str) -> str:
    return " ".join(value.split())


def _compose(language: Language, subject: str, paragraphs: list[str], link: str | None, footer: str) -> Mail:
    if link is not None and not link.startswith(("https://", "http://")):
        raise ValueError("a mail's link must be an http(s) URL")
    text = "\n\n".join([*paragraphs, *([link] if link else []), "-- ", footer]) + "\n"
    body = "".join(f"<p>{html.escape(p)}</p>\n" for p in paragraphs)
    if link:
        body += f'<p><a href="{html.escape(link, quote=True)}">{html.escape(link)}</a></p>\n'
    body += f'<hr>\n<p style="color:#555;font-size:small">{html.escape(footer)}</p>\n'
    direction = "rtl" if language == Language.ar else "ltr"
    document = (
        f'<!doctype html>\n<html lang="{language}" dir="{direction}">\n<head><meta charset="utf-8"><title>{html.escape(subject)}</title></head>\n'
        f"<body>\n{body}</body>\n</html>\n"
    )
    return Mail(subject=_one_line(subject)[:300], text=text, html=document)


def invitation(
    *, language: Language, reminder: bool, title: str, name: str, organisation: str, starts_at: datetime, zone: str, context: str,
    link: str, coordinator: str, coordinator_email: str,
) -> Mail:
    t = TEXTS[language]
    title, when = _one_line(title), when_local(starts_at, zone, language)
    paragraphs = [
        t["reminder.intro" if reminder else "invitation.intro"].format(name=name, title=title, organisation=organisation),
        t["when"].format(when=when),
        *([context.strip()] if context.strip() else []),
        t["answer"],
    ]
    footer = t["keep"] + "\n" + t["footer"].format(coordinator=coordinator, email=coordinator_email, title=title)
    subject = t["reminder.subject" if reminder else "invitation.subject"].format(title=title, when=when)
    return _compose(language, subject, paragraphs, link, footer)


def digest(*, language: Language, title: str, name: str, updates: list[str], link: str | None, coordinator: str, coordinator_email: str) -> Mail:
    t = TEXTS[language]
    title = _one_line(title)
    paragraphs = [t["digest.intro"].format(name=name, title=title), *updates]
    footer = t["footer"].format(coordinator=coordinator, email=coordinator_email, title=title)
    return _compose(language, t["digest.subject"].format(title=title), paragraphs, link, footer)
