"""The organiser's collated results on the organise page: the feedback of a learning conversation, chosen by date,
shown with its 0–10 distribution as a chart and the written answers as text."""

import httpx
import pytest
from playwright.sync_api import expect

from tests.browser.conftest import assert_accessible, create_meeting
from tests.support import ORGANISER_KEY

pytestmark = pytest.mark.browser


def test_the_organiser_sees_feedback_collated_with_its_chart(site, new_context):
    meeting = create_meeting(site.url, title="Learning conversation: collated", format="open")
    mod = {"Authorization": f"Bearer {meeting['moderator_token']}"}
    base = f"{site.url}/api/v1/meetings/{meeting['id']}/forms"
    form = httpx.post(base, json={"template": "learning_feedback"}, headers=mod, timeout=30).json()
    assert httpx.post(f"{base}/{form['id']}/open", headers=mod, timeout=30).status_code == 200
    for name, scale in (("Anna", 4), ("Bo", 9)):
        person = httpx.post(f"{site.url}/api/v1/join", json={"join_code": meeting["join_code"], "display_name": name}, timeout=30).json()
        answers = {"name": name, "date": "2026-03-02", "scale": scale, "ack_you": f"<script>alert('{name}')</script>"}
        sent = httpx.post(f"{base}/{form['id']}/answers", json={"answers": answers}, headers={"Authorization": f"Bearer {person['token']}"}, timeout=30)
        assert sent.status_code == 201, sent.text

    page = new_context(axe=True).new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.goto(f"{site.url}/organise")
    page.get_by_test_id("organiser-key").fill(ORGANISER_KEY)
    page.get_by_test_id("sign-in").click()
    page.get_by_test_id("results-format").fill("open")
    page.get_by_role("button", name="Show").click()
    group = page.locator('[data-template="learning_feedback"]')
    expect(group.get_by_test_id("distribution-chart")).to_be_visible()
    expect(group.get_by_test_id("distribution-chart").locator('[data-point="9"]')).to_have_attribute("data-count", "1")
    expect(group).to_contain_text("<script>alert('Anna')</script>")
    assert dialogs == []
    assert_accessible(page, "the organiser's collated results")
