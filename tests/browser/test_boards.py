"""Capture boards in real browsers: a card added and voted on, the moderator tagging and moving it with the
keyboard, an anonymous card without a name, the plan signed; axe clean, 360 px, Arabic right to left."""

import secrets
from typing import Any

import httpx
import pytest
from playwright.sync_api import Page, expect

from tests.boards.helpers import DEFINITION
from tests.browser.conftest import assert_accessible, create_meeting, join_via_page, no_horizontal_scroll, screenshot
from tests.support import ORGANISER_KEY, ServerProcess

pytestmark = pytest.mark.browser

# Every board open throughout; whoever joins by the link is a network member (proposes, votes, signs the plan).
OPEN_BOARDS = {**DEFINITION, "stages": [], "default_role": "network"}


def made(site: ServerProcess, definition: dict[str, Any], title: str) -> dict[str, Any]:
    """The organiser makes the format, then a meeting of it (synchronously: the browser tests run their own loop)."""
    made = {**definition, "id": f"boards_{secrets.token_hex(6)}"}
    response = httpx.post(f"{site.url}/api/v1/formats", json=made, headers={"Authorization": f"Bearer {ORGANISER_KEY}"}, timeout=30)
    assert response.status_code == 201, response.text
    return create_meeting(site.url, title=title, format=made["id"])


def board(page: Page, board_id: str):  # type: ignore[no-untyped-def]
    return page.locator(f"[data-board='{board_id}']")


def card(page: Page, text: str):  # type: ignore[no-untyped-def]
    return page.get_by_test_id("board-card").filter(has_text=text)


def test_cards_votes_moderation_and_the_plan_sign_off(site, new_context) -> None:  # type: ignore[no-untyped-def]
    errors: list[str] = []
    meeting = made(site, OPEN_BOARDS, "Network group conference")
    mod = new_context(axe=True, viewport={"width": 1366, "height": 768}).new_page()
    anna = new_context(axe=True, viewport={"width": 360, "height": 740}).new_page()
    bo = new_context().new_page()
    for who, page in (("moderator", mod), ("anna", anna), ("bo", bo)):
        page.on("pageerror", lambda exc, who=who: errors.append(f"{who}: {exc}"))
    mod.goto(meeting["links"]["console"])
    join_via_page(anna, meeting["links"]["join"], "Anna", "Red Cross")
    join_via_page(bo, meeting["links"]["join"], "Bo", "City Council")
    mod.get_by_test_id("start-meeting").click()

    # Anna adds a card; its text is shown as text, never as markup.
    signs = board(anna, "signs")
    signs.get_by_test_id("card-column-new").select_option(label="What is working well")
    signs.get_by_test_id("card-text").fill("School attendance is up <b>again</b>")
    signs.get_by_test_id("card-add").click()
    for page in (mod, anna, bo):
        expect(card(page, "School attendance is up <b>again</b>")).to_contain_text("by Anna")
    assert board(bo, "signs").locator("b").count() == 0

    # Bo writes without his name: everyone sees the card, nobody his name.
    bo_signs = board(bo, "signs")
    bo_signs.get_by_test_id("card-column-new").select_option(label="What are we worried about")
    bo_signs.get_by_test_id("card-text").fill("Nobody listens to the mother")
    bo_signs.get_by_test_id("card-anonymous").check()
    bo_signs.get_by_test_id("card-add").click()
    for page in (mod, anna):
        expect(card(page, "Nobody listens to the mother")).to_contain_text("anonymous")
        expect(card(page, "Nobody listens to the mother")).not_to_contain_text("Bo")

    # Dot voting: the dots left are shown and follow each dot.
    ideas = board(anna, "ideas")
    ideas.get_by_test_id("card-text").fill("A shared intake form")
    ideas.get_by_test_id("card-add").click()
    bo_ideas = board(bo, "ideas")
    expect(bo_ideas).to_contain_text("Dots left: 3")
    card(bo, "A shared intake form").get_by_test_id("card-vote").click()
    expect(bo_ideas).to_contain_text("Dots left: 2")
    expect(card(anna, "A shared intake form")).to_contain_text("1 dots")
    expect(card(bo, "A shared intake form")).to_contain_text("your dots: 1")

    # The moderator tags Anna's card a fact and moves it to another column, by keyboard only.
    tools = card(mod, "School attendance").get_by_test_id("card-tools")
    tools.locator("summary").focus()
    mod.keyboard.press("Enter")
    fact = tools.get_by_test_id("card-tag-fact")
    fact.focus()
    mod.keyboard.press("Space")
    expect(card(anna, "School attendance")).to_contain_text("fact")
    tools = card(mod, "School attendance").get_by_test_id("card-tools")
    tools.get_by_test_id("card-column").select_option(label="What needs to happen")
    tools.get_by_test_id("card-move").focus()
    mod.keyboard.press("Enter")
    expect(board(anna, "signs").locator("[data-column='next']")).to_contain_text("School attendance")
    screenshot(mod, "boards-console")
    screenshot(anna, "boards-participant-360")
    assert no_horizontal_scroll(anna)

    # The plan: Anna signs, the moderator sees who has and who has not.
    plan = board(anna, "plan")
    plan.get_by_test_id("plan-sign").click()
    expect(plan).to_contain_text("You signed the plan.")
    expect(board(mod, "plan").get_by_test_id("plan-signed")).to_contain_text("Anna")
    expect(board(mod, "plan").get_by_test_id("plan-waiting")).to_have_text("Bo")

    assert_accessible(anna, "the boards on a phone")
    assert_accessible(mod, "the boards in the console")
    assert errors == []


def test_the_boards_read_right_to_left_in_arabic(site, new_context) -> None:  # type: ignore[no-untyped-def]
    meeting = made(site, OPEN_BOARDS, "Drop-in")
    page = new_context(language="ar", axe=True, viewport={"width": 360, "height": 740}).new_page()
    join_via_page(page, meeting["links"]["join"], "Amal", "Red Crescent")
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    board(page, "ideas").get_by_test_id("card-text").fill("خدمة ترجمة مشتركة")
    board(page, "ideas").get_by_test_id("card-add").click()
    expect(card(page, "خدمة ترجمة مشتركة")).to_be_visible()
    expect(page.get_by_test_id("boards")).to_contain_text("أضف البطاقة")
    assert no_horizontal_scroll(page)
    screenshot(page, "boards-arabic-360")
    assert_accessible(page, "the boards in Arabic")
