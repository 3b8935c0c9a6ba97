"""Forms over HTTP, on a real server: a moderator makes one from a template, participants answer with the token
they joined with — after the meeting has ended too —, errors come in one shape and change nothing."""

from typing import Any


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


async def test_a_moderator_opens_a_form_and_participants_answer_it_after_the_end(api, connect) -> None:
    meeting = await api.create_meeting()
    anna = await api.join(meeting["join_code"], "Anna", "Barnahus Oslo")
    bo = await api.join(meeting["join_code"], "Bo")
    mod, base = bearer(meeting["moderator_token"]), f"/api/v1/meetings/{meeting['id']}/forms"

    templates = (await api.http.get("/api/v1/form-templates")).json()["templates"]
    assert {t["id"] for t in templates} >= {"learning_feedback", "learning_follow_up", "pne_consultation_before", "pne_consultation_after"}

    refused = await api.http.post(base, json={"template": "pne_consultation_before"}, headers=bearer(anna["token"]))
    assert refused.status_code == 403 and refused.json()["error"]["code"] == "forbidden"
    draft = await api.http.post(base, json={"template": "pne_consultation_before"}, headers=mod)
    assert draft.status_code == 201, draft.text
    form = draft.json()
    assert form["state"] == "draft" and form["audience"] == "everyone"
    # A draft is the moderators' alone.
    assert (await api.http.get(base, headers=bearer(anna["token"]))).json() == []
    early = await api.http.post(f"{base}/{form['id']}/answers", json={"answers": {"topics": "x"}}, headers=bearer(anna["token"]))
    assert early.status_code == 409 and early.json()["error"]["code"] == "form_not_open"

    # The moderator edits the copy (the template stays as it is), then opens it.
    definition = form["definition"]
    definition["questions"][0]["text"]["en"] = "Which topics should the keynotes take up?"
    edited = await api.http.patch(f"{base}/{form['id']}", json={"definition": definition}, headers=mod)
    assert edited.status_code == 200 and edited.json()["definition"]["questions"][0]["text"]["en"].startswith("Which topics should")
    opened = await api.http.post(f"{base}/{form['id']}/open", json={}, headers=mod)
    assert opened.status_code == 200 and opened.json()["state"] == "open"

    moderator = await connect(meeting["moderator_token"], "moderator")
    await moderator.ok("meeting.start")
    await moderator.ok("meeting.end")

    # After the end: Anna's token reads the meeting and its forms and answers them.
    assert (await api.http.get(f"/api/v1/meetings/{meeting['id']}", headers=bearer(anna["token"]))).json()["status"] == "ended"
    [listed] = (await api.http.get(base, headers=bearer(anna["token"]))).json()
    assert listed["id"] == form["id"] and listed["for_me"] and not listed["answered"]
    answered = await api.http.post(f"{base}/{form['id']}/answers", json={"answers": {"topics": "Interpreters", "questions": "Who pays?"}}, headers=bearer(anna["token"]))
    assert answered.status_code == 201 and answered.json() == {"form_id": form["id"], "answered": True}
    assert (await api.http.get(f"{base}/{form['id']}", headers=bearer(anna["token"]))).json()["answered"]

    # Errors: one shape, a clear message, nothing kept.
    cases: list[tuple[dict[str, Any], int, str]] = [
        ({"answers": {"topics": "Interpreters"}}, 409, "already_answered"),
    ]
    bad_for_bo: list[tuple[dict[str, Any], int, str]] = [
        ({"answers": {"topics": "x" * 4001}}, 422, "invalid_input"),
        ({"answers": {"colour": "blue"}}, 422, "unknown_question"),
        ({"answers": {}}, 422, "invalid_input"),
        ({"answers": {"topics": 5}}, 422, "invalid_input"),
        ({"answer": {"topics": "x"}}, 422, "invalid_input"),
    ]
    for body, status, code in cases:
        response = await api.http.post(f"{base}/{form['id']}/answers", json=body, headers=bearer(anna["token"]))
        assert response.status_code == status and response.json()["error"]["code"] == code, response.text
    for body, status, code in bad_for_bo:
        response = await api.http.post(f"{base}/{form['id']}/answers", json=body, headers=bearer(bo["token"]))
        assert response.status_code == status and response.json()["error"]["code"] == code, (body, response.text)
        assert response.json()["error"]["message"]
    assert not (await api.http.get(f"{base}/{form['id']}", headers=bearer(bo["token"]))).json()["answered"]
    # Someone answered: the questions stay as they were asked.
    frozen = await api.http.patch(f"{base}/{form['id']}", json={"anonymous": True}, headers=mod)
    assert frozen.status_code == 409 and frozen.json()["error"]["code"] == "form_has_answers"

    # Another meeting's token learns nothing of this meeting's forms.
    other = await api.create_meeting()
    stranger = await api.join(other["join_code"], "Cai")
    assert (await api.http.get(base, headers=bearer(stranger["token"]))).status_code == 404
    closed = await api.http.post(f"{base}/{form['id']}/close", json={}, headers=mod)
    assert closed.status_code == 200 and closed.json()["state"] == "closed"
    late = await api.http.post(f"{base}/{form['id']}/answers", json={"answers": {"topics": "Late"}}, headers=bearer(bo["token"]))
    assert late.status_code == 409 and late.json()["error"]["code"] == "form_closed"


async def test_bad_forms_are_refused_with_the_reason(api) -> None:
    meeting = await api.create_meeting()
    mod, base = bearer(meeting["moderator_token"]), f"/api/v1/meetings/{meeting['id']}/forms"
    cases = [
        {"template": "no_such_template"},
        {},
        {"template": "pne_consultation_before", "audience": "role:wizard"},
        {"template": "pne_consultation_before", "audience": "person:nobody"},
        {"template": "pne_consultation_before", "audience": "all of them"},
        {"template": "pne_consultation_before", "deadline": "2020-01-01T00:00:00Z"},
        {"definition": {"title": {"en": "T"}, "questions": [{"id": "s", "kind": "scale_0_10", "text": {"en": "How?"}}]}},
        {"definition": {"title": {"en": "T"}, "questions": [{"id": "c", "kind": "single_choice", "text": {"en": "Which?"}, "choices": [{"id": "a", "label": {"en": "A"}}]}]}},
        {"definition": {"title": {"en": "T"}, "questions": []}},
    ]
    for body in cases:
        response = await api.http.post(base, json=body, headers=mod)
        assert response.status_code == 422, (body, response.text)
        assert response.json()["error"]["code"] == "invalid_input" and response.json()["error"]["message"]
    assert (await api.http.get(base, headers=mod)).json() == []


async def test_results_for_the_moderator_and_collated_for_the_organiser_as_json_and_csv(api) -> None:
    from tests.support import ORGANISER_KEY

    meeting = await api.create_meeting(title="Tour =cmd| de table")
    people = [await api.join(meeting["join_code"], name) for name in ("Anna", "Bo", "Cai")]
    mod, base = bearer(meeting["moderator_token"]), f"/api/v1/meetings/{meeting['id']}/forms"
    form = (await api.http.post(base, json={"template": "pne_consultation_after", "anonymous": False}, headers=mod)).json()
    assert (await api.http.post(f"{base}/{form['id']}/open", headers=mod)).status_code == 200
    for person, score in zip(people, (2, 8, 8), strict=True):
        body = {"answers": {"useful_scale": score, "useful": "=HYPERLINK(\"x\")" if score == 2 else "The <b>checklist</b>"}}
        assert (await api.http.post(f"{base}/{form['id']}/answers", json=body, headers=bearer(person["token"]))).status_code == 201

    assert (await api.http.get(f"{base}/{form['id']}/results", headers=bearer(people[0]["token"]))).status_code == 403
    shown = (await api.http.get(f"{base}/{form['id']}/results", headers=mod)).json()
    [scale] = [q for q in shown["questions"] if q["id"] == "useful_scale"]
    assert scale["distribution"][2] == 1 and scale["distribution"][8] == 2 and scale["median"] == 8.0

    exported = await api.http.get(f"{base}/{form['id']}/results?export=csv", headers=mod)
    assert exported.headers["content-type"].startswith("text/csv") and "attachment" in exported.headers["content-disposition"]
    # A text that a spreadsheet would run as a formula is kept as text.
    assert "'=HYPERLINK" in exported.text and "\n" + "=HYPERLINK" not in exported.text

    organiser = {"Authorization": f"Bearer {ORGANISER_KEY}"}
    assert (await api.http.get("/api/v1/results", headers=mod)).status_code == 401
    collated = (await api.http.get("/api/v1/results", params={"format": "open", "from": "2000-01-01"}, headers=organiser)).json()
    assert any(g["template"] == "pne_consultation_after" and g["count"] >= 3 for g in collated["groups"])
    as_file = await api.http.get("/api/v1/results", params={"export": "json"}, headers=organiser)
    assert as_file.headers["content-disposition"] == 'attachment; filename="results.json"' and as_file.json()["forms"]
    as_csv = await api.http.get("/api/v1/results", params={"export": "csv", "language": "da"}, headers=organiser)
    assert as_csv.text.startswith("meeting_id,meeting_title,") and "Hvor nyttig var sessionen for dig?" in as_csv.text
    for params in ({"from": "2026-02-30"}, {"from": "2026-03-02", "to": "2026-03-01"}, {"export": "xml"}):
        refused = await api.http.get("/api/v1/results", params=params, headers=organiser)
        assert refused.status_code == 422 and refused.json()["error"]["code"] == "invalid_input", params
