"""The recording question in the browser: three participants and a moderator; one participant chooses privacy;
everyone sees that the meeting is private, and nobody's page says who chose it."""

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import assert_accessible, create_meeting, join_via_page, screenshot

pytestmark = pytest.mark.browser

NAMES = ["Anna", "Bo", "Carla"]


def test_one_participant_chooses_privacy_and_nobody_learns_who(site, new_context):
    errors: list[str] = []
    dialogs: list[str] = []

    def watch(page: Page, who: str) -> Page:
        page.on("pageerror", lambda exc: errors.append(f"{who}: {exc}"))
        page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        return page

    meeting = create_meeting(site.url, title="Tour de table: a sensitive case", format="tour_de_table")
    mod = watch(new_context(axe=True).new_page(), "moderator")
    mod.goto(meeting["links"]["console"])
    people: dict[str, Page] = {}
    for name in NAMES:
        people[name] = watch(new_context(axe=(name == "Anna")).new_page(), name)
        join_via_page(people[name], meeting["links"]["join"], name)
    everyone = [mod, *people.values()]

    for page in everyone:
        expect(page.get_by_test_id("consent-state")).to_contain_text("Nobody has been asked")
    mod.get_by_test_id("consent-open-opening").click()

    for page in everyone:
        expect(page.get_by_test_id("consent-question")).to_contain_text("May this meeting be recorded?")
        expect(page.get_by_test_id("consent-question")).to_contain_text("Nobody will be told who chose privacy")
    expect(mod.get_by_test_id("consent-tally")).to_have_text("0 of 4 have answered.")
    assert_accessible(people["Anna"], "the opening question")
    screenshot(people["Anna"], "consent-01-question")

    mod.get_by_test_id("consent-yes").click()
    people["Anna"].get_by_test_id("consent-yes").click()
    for page in everyone:
        expect(page.get_by_test_id("consent-tally")).to_have_text("2 of 4 have answered.")
    expect(people["Anna"].get_by_test_id("consent-mine")).to_have_text("You agreed to the recording.")

    # Bo chooses privacy: one tap, no dialog.
    people["Bo"].get_by_test_id("consent-no").click()
    for page in everyone:
        expect(page.get_by_test_id("consent-state")).to_have_text("This meeting is private. It will not be recorded.")
        expect(page.get_by_test_id("consent-question")).to_have_count(0)
        expect(page.get_by_test_id("consent-tally")).to_be_hidden()
    assert dialogs == []
    expect(people["Bo"].get_by_test_id("consent-mine")).to_have_text("You chose privacy.")
    screenshot(mod, "consent-02-private-console")

    # Nobody else's page, the moderator's included, names Bo next to the outcome or says privacy was "chosen" by anyone.
    for who, page in [("moderator", mod), ("Anna", people["Anna"]), ("Carla", people["Carla"])]:
        panel = page.locator("[data-panel='consent']").inner_text()
        assert "Bo" not in panel, who
        assert "chose privacy." not in panel, who
    # A fresh load shows the same to Carla, and to Bo nothing that the server kept about his answer.
    people["Carla"].reload()
    expect(people["Carla"].get_by_test_id("consent-state")).to_have_text("This meeting is private. It will not be recorded.")
    people["Bo"].reload()
    expect(people["Bo"].get_by_test_id("consent-state")).to_have_text("This meeting is private. It will not be recorded.")
    expect(people["Bo"].get_by_test_id("consent-mine")).to_have_count(0)
    assert_accessible(people["Anna"], "a private meeting")

    # In Danish the outcome reads plainly too.
    dansk = watch(new_context(language="da").new_page(), "dansk")
    join_via_page(dansk, meeting["links"]["join"], "Dorte")
    expect(dansk.get_by_test_id("consent-state")).to_have_text("Mødet er privat. Det bliver ikke optaget.")
    assert errors == []
