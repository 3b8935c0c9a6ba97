"""The moderator lets the group's rule order the queue: no two in a row from one organisation. Everyone
sees the rule, and why the person from the other organisation is ahead."""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import assert_accessible, create_meeting, join_via_page

pytestmark = pytest.mark.browser


def test_the_moderator_chooses_the_rule_and_everyone_sees_why_someone_is_ahead(site, new_context):
    meeting = create_meeting(site.url, title="Open meeting: interpreters", format="open")
    mod = new_context().new_page()
    mod.goto(meeting["links"]["console"])
    amal, chloe = new_context().new_page(), new_context().new_page()
    bo = new_context(axe=True).new_page()
    join_via_page(amal, meeting["links"]["join"], "Amal", "Barnahus")
    join_via_page(bo, meeting["links"]["join"], "Bo", "Barnahus")
    join_via_page(chloe, meeting["links"]["join"], "Chloé", "Red Cross")
    mod.get_by_test_id("start-meeting").click()
    amal.get_by_test_id("hand-button").click()
    expect(mod.get_by_test_id("queue")).to_contain_text("Amal")
    mod.get_by_test_id("give-next").click()
    expect(bo.get_by_test_id("floor-name")).to_have_text("Amal")
    bo.get_by_test_id("hand-button").click()
    expect(mod.get_by_test_id("queue")).to_contain_text("Bo")
    chloe.get_by_test_id("hand-button").click()
    expect(mod.get_by_test_id("queue").locator("li")).to_have_count(2)
    expect(mod.get_by_test_id("queue").locator("li").first).to_contain_text("Bo")  # the default: by time, both have not spoken

    mod.get_by_test_id("hand-rule").select_option("other_organisation")

    expect(bo.get_by_test_id("queue-rule")).to_have_text("By time, but not two in a row from the same organisation.")
    first = bo.get_by_test_id("queue").locator("li").first
    expect(first).to_contain_text("Chloé")
    expect(first.get_by_test_id("queue-reason")).to_have_text("other organisation than the last speaker")
    expect(mod.get_by_test_id("queue").locator("li").first).to_contain_text("Chloé")
    expect(mod.get_by_test_id("hand-rule")).to_have_value("other_organisation")
    assert_accessible(bo, "a participant's queue with a reason")
    mod.reload()
    expect(mod.get_by_test_id("hand-rule")).to_have_value("other_organisation")
