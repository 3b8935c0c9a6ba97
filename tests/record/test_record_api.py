"""The take-home record over HTTP on a real server: the moderator publishes it after the end, participants read and
download it with the token they joined with; before that, and from another meeting, nothing."""

import asyncio
import json
import re
from typing import Any

from tests.record.real import SECRETS, bearer, ended_meeting


def paths(meeting_id: str) -> dict[str, str]:
    base = f"/api/v1/meetings/{meeting_id}/record"
    return {"json": base, "md": f"{base}.md", "html": f"{base}.html", "publish": f"{base}/publish", "release": f"{base}/release"}


async def three_formats(api: Any, meeting_id: str, token: str) -> tuple[dict[str, Any], str, str]:
    p = paths(meeting_id)
    data = await api.http.get(p["json"], headers=bearer(token))
    md = await api.http.get(p["md"], headers=bearer(token))
    page = await api.http.get(p["html"], headers=bearer(token))
    for response in (data, md, page):
        assert response.status_code == 200, response.text
    assert md.headers["content-type"].startswith("text/markdown") and "attachment" in md.headers["content-disposition"]
    assert page.headers["content-type"].startswith("text/html")
    return data.json(), md.text, page.text


def assert_nothing_private(data: dict[str, Any], *texts: str) -> None:
    for text in (json.dumps(data, ensure_ascii=False), *texts):
        for secret in SECRETS:
            assert secret not in text
        # Who voted: neither a voter nor a ballot is in it; Bo did not opt in to be named, and wrote the anonymous card.
        for absent in ("voter", "ballot", '"consent'):
            assert absent not in text
        # Bo's organisation may stand for him; his name never.
        assert not re.search(r"\bbo\b(?!('|&#x27;)s office)", text)
    assert data.get("chat_questions") is None


async def test_published_after_the_end_participants_read_and_download_it(api, connect, server) -> None:
    meeting = await ended_meeting(api, connect, server, lead_first=False)
    p, mod_token = paths(meeting["id"]), meeting["moderator_token"]
    anna, bo = meeting["people"]["anna"]["token"], meeting["people"]["bo"]["token"]

    # Before publication: a clear refusal, for each format.
    for kind in ("json", "md", "html"):
        early = await api.http.get(p[kind], headers=bearer(bo))
        assert early.status_code == 404 and early.json()["error"]["code"] == "record_not_published", early.text
    # A participant cannot publish; a format without a lead cannot release to one.
    refused = await api.http.post(p["publish"], json={}, headers=bearer(anna))
    assert refused.status_code == 403 and refused.json()["error"]["code"] == "forbidden"
    no_lead = await api.http.post(p["release"], json={}, headers=bearer(mod_token))
    assert no_lead.status_code == 409 and no_lead.json()["error"]["code"] == "record_no_lead"
    # Bad choices change nothing.
    for body, code in (({"forms": ["nope"]}, "not_found"), ({"include": {"chat": True}}, "invalid_input"), ({"forms": ["x"] * 21}, "invalid_input")):
        bad = await api.http.post(p["publish"], json=body, headers=bearer(mod_token))
        assert bad.json()["error"]["code"] == code and bad.json()["error"]["message"], bad.text
    assert (await api.http.get(p["json"], headers=bearer(bo))).status_code == 404

    # The moderator publishes with the named form's and the anonymous form's results, without the follow-up part.
    choices = {"forms": [meeting["named_form"], meeting["anonymous_form"]], "include": {"followups": False}}
    published = await api.http.post(p["publish"], json=choices, headers=bearer(mod_token))
    assert published.status_code == 200, published.text
    assert published.json()["published_at"] and published.json()["lead_released_at"] is None
    event = await meeting["moderator"].wait_event("record.published")
    assert event["data"]["everyone"] is True
    again = await api.http.post(p["publish"], json=choices, headers=bearer(mod_token))
    assert again.status_code == 409

    data, md, page = await three_formats(api, meeting["id"], bo)
    assert data["meeting"]["title"] == "Learning conversation: Sam" and data["record"]["published_at"]
    assert "followups" not in data and "## Follow-up" not in md
    # Boards as the group left them: Anna's name (she opted in), the anonymous card without an author, dots as a total.
    [signs] = [b for b in data["boards"] if b["id"] == "signs"]
    cards = {c["text"]: c for column in signs["columns"] for c in column["cards"]}
    assert cards["Attendance is up"]["by"] == "anna (anna's office)"
    assert cards["Nobody listens to the mother"]["by"] is None and cards["Nobody listens to the mother"]["anonymous"]
    assert "- Nobody listens to the mother (anonymous)" in md and "Nobody listens to the mother (anonymous)" in page
    assert [r["title"] for r in data["resources"]] == ["Checklist"] and "https://example.org/checklist" in md
    # The named form: counts, the median, texts without the respondents' names; the anonymous one: not shown (1 answer).
    named, anonymous = data["forms"]
    [scale] = [q for q in named["questions"] if q["id"] == "useful_scale"]
    assert (named["count"], scale["median"], scale["distribution"][9], scale["distribution"][7]) == (2, 8.0, 1, 1)
    [texts] = [q for q in named["questions"] if q["id"] == "useful"]
    assert sorted(t["text"] for t in texts["texts"]) == ["Meeting the school", "The map of who does what"]
    assert all(t["by"] is None for t in texts["texts"])
    assert anonymous["shown"] is False and anonymous["questions"] == [] and "ANON-TEXT" not in md + page + json.dumps(data)
    assert "## Form results" in md and "median 8" in md and "“Meeting the school”" in page
    assert_nothing_private(data, md, page)
    # The printable page: escaped text only, no script, a print stylesheet.
    assert "<script" not in page and "@media print" in page and 'lang="en" dir="ltr"' in page
    # Opened in the browser: the participant page posts the token in a form; the page has its own strict policy.
    opened = await api.http.post(p["html"], data={"token": bo})
    assert opened.status_code == 200 and opened.text == page and opened.headers["content-disposition"].startswith("inline")
    assert opened.headers["content-security-policy"].startswith("default-src 'none'; style-src 'sha256-")
    assert (await api.http.post(p["html"], data={})).status_code == 401

    # Another meeting's token learns nothing of this one.
    other = await api.create_meeting()
    stranger = await api.join(other["join_code"], "Dee")
    for kind in ("json", "md", "html"):
        response = await api.http.get(p[kind], headers=bearer(stranger["token"]))
        assert response.status_code == 404 and response.json()["error"]["code"] == "not_found"
    assert (await api.http.post(p["publish"], json={}, headers=bearer(other["moderator_token"]))).status_code == 404
    assert (await api.http.post(p["html"], data={"token": stranger["token"]})).status_code == 404
    assert (await api.http.get(p["json"])).status_code == 401


async def test_the_lead_worker_gets_it_first_and_everyone_later(api, connect, server) -> None:
    meeting = await ended_meeting(api, connect, server, lead_first=True, language="da")
    p, mod_token = paths(meeting["id"]), meeting["moderator_token"]
    anna, bo = meeting["people"]["anna"], meeting["people"]["bo"]
    anna_page = await connect(anna["token"], "anna again")

    released = await api.http.post(p["release"], json={"forms": [meeting["named_form"]]}, headers=bearer(mod_token))
    assert released.status_code == 200, released.text
    assert released.json()["lead_released_at"] and released.json()["published_at"] is None
    # Anna, the lead worker, is told and reads it; Bo not yet.
    event = await anna_page.wait_event("record.published")
    assert event["data"]["everyone"] is False
    data, md, page = await three_formats(api, meeting["id"], anna["token"])
    assert data["record"]["lead_released_at"] and not data["record"]["published_at"]
    # In the meeting's language: Danish headings, the Danish page.
    assert "## Resultater af skemaer" in md and 'lang="da"' in page and "Referat: Learning conversation: Sam" in page
    assert_nothing_private(data, md, page)
    early = await api.http.get(p["json"], headers=bearer(bo["token"]))
    assert early.status_code == 404 and early.json()["error"]["code"] == "record_not_published"

    # Later the moderator publishes it to everyone: Bo reads it, and everyone connected is told.
    published = await api.http.post(p["publish"], json={"forms": [meeting["named_form"]]}, headers=bearer(mod_token))
    assert published.status_code == 200 and published.json()["published_at"] and published.json()["lead_released_at"]
    assert (await anna_page.wait_event("record.published", lambda e: e["data"]["everyone"]))["data"]["everyone"]
    data, md, page = await three_formats(api, meeting["id"], bo["token"])
    assert [f["form_id"] for f in data["forms"]] == [meeting["named_form"]]
    assert_nothing_private(data, md, page)
    late = await api.http.post(p["release"], json={}, headers=bearer(mod_token))
    assert late.status_code == 409


async def test_publishing_waits_for_the_end_and_a_large_body_is_refused(api, server) -> None:
    meeting = await api.create_meeting()
    p = paths(meeting["id"])
    live = await api.http.post(p["publish"], json={}, headers=bearer(meeting["moderator_token"]))
    assert live.status_code == 409 and live.json()["error"]["code"] == "meeting_not_ended"
    # A body over MAX_REQUEST_BYTES (1 MiB) is refused as it is announced, before any of it is read.
    reader, writer = await asyncio.open_connection("127.0.0.1", server.port)
    writer.write(
        f"POST {p['publish']} HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer {meeting['moderator_token']}\r\n"
        f"Content-Type: application/json\r\nContent-Length: {2 * 1024 * 1024}\r\n\r\n".encode()
    )
    await writer.drain()
    # The head and the body may come in separate reads: read until the server closes (it answers "connection: close").
    answer = (await asyncio.wait_for(reader.read(), 20)).decode()
    writer.close()
    assert answer.startswith("HTTP/1.1 413") and '"too_large"' in answer, answer
    # The moderator may look at it before publishing (what it would hold), participants may not.
    preview = await api.http.get(p["json"], headers=bearer(meeting["moderator_token"]))
    assert preview.status_code == 200 and preview.json()["record"] == {"published_at": None, "lead_released_at": None, "lead_first": False}
