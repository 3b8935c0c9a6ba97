"""After the meeting: the moderator puts the learning conversation's feedback tool out, ends the meeting, and the
participants answer it from their meeting pages — one in Danish, one on a 360-pixel phone with the keyboard —;
the moderator sees the 0–10 distribution as a chart."""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import assert_accessible, create_meeting, join_via_page, no_horizontal_scroll, screenshot

pytestmark = pytest.mark.browser


def test_participants_answer_the_feedback_tool_after_the_end_and_the_moderator_sees_the_distribution(site, new_context):
    meeting = create_meeting(site.url, title="Learning conversation: the school and the family", format="open")
    errors: list[str] = []
    mod = new_context().new_page()
    mod.on("dialog", lambda dialog: dialog.accept())
    mod.goto(meeting["links"]["console"])
    anna = new_context(language="da").new_page()
    bo = new_context(axe=True, viewport={"width": 360, "height": 740}, has_touch=True).new_page()
    join_via_page(anna, meeting["links"]["join"], "Anna", "Skolen")
    join_via_page(bo, meeting["links"]["join"], "Bo", "Health visiting")
    cai = new_context(language="ar", axe=True).new_page()
    join_via_page(cai, meeting["links"]["join"], "Cai", "Refugee council")
    for who, page in {"moderator": mod, "Anna": anna, "Bo": bo, "Cai": cai}.items():
        page.on("pageerror", lambda exc, who=who: errors.append(f"{who}: {exc}"))

    mod.get_by_test_id("start-meeting").click()
    mod.get_by_test_id("form-template").select_option("learning_feedback")
    mod.get_by_role("button", name="Create and open now").click()
    expect(mod.get_by_test_id("console-forms")).to_contain_text("Partnership Learning Conversation Feedback Tool")
    # A draft from another template, its copy edited (the template stays as it was); participants do not see drafts.
    mod.get_by_test_id("form-template").select_option("pne_consultation_before")
    mod.get_by_test_id("form-draft").click()
    draft = mod.locator(".form-row", has_text="Before the session: topics and questions")
    draft.get_by_text("Edit the questions").click()
    draft.get_by_test_id("edit-title").fill("Before the next conversation")
    draft.get_by_label("Question 1").fill("What should we <i>look at</i> next time?")
    draft.get_by_role("button", name="Save").click()
    expect(mod.get_by_test_id("console-forms")).to_contain_text("Before the next conversation")
    mod.get_by_test_id("end-meeting").click()
    expect(mod.get_by_test_id("meeting-status")).to_contain_text("Ended")

    # Anna opens her meeting page after the end: the form is there, in Danish, with the seed's anchors.
    anna.reload()
    card = anna.get_by_test_id("form-card")
    expect(card).to_contain_text("Feedbackværktøj til partnerskabets læringssamtale")
    expect(card).to_contain_text("10 = Læringssamtalen var nyttig")
    expect(card.get_by_label("Dit navn")).to_have_value("Anna")
    card.locator('input[name="scale"][value="8"]').check()
    card.get_by_label("Hvilken forskel har læringssamtalen gjort for DIG?").fill("Jeg <b>lytter</b> mere til skolen.")
    card.get_by_test_id("form-submit").click()
    expect(card.get_by_test_id("form-answered")).to_have_text("Besvaret — tak.")

    # Bo on a phone, with the keyboard only: the same form in English.
    bo.reload()
    card = bo.get_by_test_id("form-card")
    expect(card).to_contain_text(
        "10 = The learning conversation was useful, slowed down my thinking and achieved the agreed aim of the conversation"
    )
    expect(card).to_contain_text("0 = The conversation has not facilitated any change or shift in my thoughts about the situation")
    assert no_horizontal_scroll(bo)
    assert_accessible(bo, "the feedback tool on a phone")
    screenshot(bo, "forms-feedback-phone")
    scale = card.locator('input[name="scale"][value="5"]')
    scale.focus()
    bo.keyboard.press("ArrowRight")  # radios move with the arrow keys: 6
    expect(card.locator('input[name="scale"][value="6"]')).to_be_checked()
    card.get_by_label("What else could have been useful to help you to move up the scale closer to a 10?").fill("A shorter first round.")
    card.get_by_test_id("form-submit").focus()
    bo.keyboard.press("Enter")
    expect(card.get_by_test_id("form-answered")).to_be_visible()

    # Cai reads it in Arabic, right to left.
    cai.reload()
    card = cai.get_by_test_id("form-card")
    expect(card).to_contain_text("أداة التقييم لمحادثة التعلم التشاركية")
    expect(card).to_contain_text("10 = كانت محادثة التعلم مفيدة")
    assert cai.evaluate("document.documentElement.dir") == "rtl"
    assert_accessible(cai, "the feedback tool in Arabic")
    screenshot(cai, "forms-feedback-arabic")

    # The moderator's results: the distribution as a chart, the texts as text.
    mod.locator(".form-row", has_text="Partnership Learning Conversation Feedback Tool").get_by_test_id("show-results").click()
    chart = mod.get_by_test_id("distribution-chart")
    expect(chart).to_be_visible()
    expect(chart.locator('[data-point="8"]')).to_have_attribute("data-count", "1")
    expect(chart.locator('[data-point="6"]')).to_have_attribute("data-count", "1")
    expect(chart.locator('[data-point="7"]')).to_have_attribute("data-count", "0")
    expect(mod.get_by_test_id("median")).to_have_text("Median 7")
    results = mod.get_by_test_id("form-results")
    expect(results).to_contain_text("Jeg <b>lytter</b> mere til skolen. — Anna")
    assert results.locator("b").count() == 0
    screenshot(mod, "forms-results-console")
    assert errors == []
