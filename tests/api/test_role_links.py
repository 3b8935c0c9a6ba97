"""POST /api/v1/meetings/{id}/role-links: a moderator's invitation in a role; joining with it gives the role."""

from urllib.parse import urlsplit


async def test_a_moderator_makes_a_role_link_and_joining_with_it_gives_the_role(api, connect):
    meeting = await api.create_meeting(format="open")
    auth = {"Authorization": f"Bearer {meeting['moderator_token']}"}
    made = await api.http.post(f"/api/v1/meetings/{meeting['id']}/role-links", json={"role": "moderator"}, headers=auth)
    assert made.status_code == 201, made.text
    link = urlsplit(made.json()["link"])
    # The code rides in the fragment, which browsers never send to a server.
    assert link.path == f"/join/{meeting['join_code']}" and link.fragment == f"role={made.json()['code']}"

    joined = await api.http.post("/api/v1/join", json={"join_code": meeting["join_code"], "display_name": "Sofie", "role_code": made.json()["code"]})
    assert joined.status_code == 201, joined.text
    sofie = await connect(joined.json()["token"], "Sofie")
    assert sofie.snapshot["you"]["role"] == "moderator" and sofie.snapshot["you"]["format_role"] == "moderator"


async def test_role_links_are_for_moderators_of_that_meeting_and_roles_of_its_format(api):
    meeting = await api.create_meeting(format="open")
    other = await api.create_meeting(format="open")
    anna = await api.join(meeting["join_code"], "Anna")
    url = f"/api/v1/meetings/{meeting['id']}/role-links"
    as_participant = await api.http.post(url, json={"role": "moderator"}, headers={"Authorization": f"Bearer {anna['token']}"})
    assert as_participant.status_code == 403 and as_participant.json()["error"]["code"] == "forbidden"
    foreign = await api.http.post(url, json={"role": "moderator"}, headers={"Authorization": f"Bearer {other['moderator_token']}"})
    assert foreign.status_code == 404
    unknown = await api.http.post(url, json={"role": "judge"}, headers={"Authorization": f"Bearer {meeting['moderator_token']}"})
    assert unknown.status_code == 422 and unknown.json()["error"]["code"] == "invalid_input"


async def test_a_forged_or_other_meetings_code_is_refused(api):
    meeting = await api.create_meeting(format="open")
    other = await api.create_meeting(format="open")
    made = await api.http.post(
        f"/api/v1/meetings/{other['id']}/role-links", json={"role": "moderator"}, headers={"Authorization": f"Bearer {other['moderator_token']}"}
    )
    for code in (made.json()["code"], "moderator.AAAAAAAAAAAAAAAA.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", "x"):
        refused = await api.http.post("/api/v1/join", json={"join_code": meeting["join_code"], "display_name": "Mallory", "role_code": code})
        assert refused.status_code == 403 and refused.json()["error"]["code"] == "role_link_invalid", code
    summary = await api.http.get(f"/api/v1/meetings/{meeting['id']}", headers={"Authorization": f"Bearer {meeting['moderator_token']}"})
    assert summary.json()["participants"] == 1
