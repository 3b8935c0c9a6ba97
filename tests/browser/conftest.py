"""Browser tests: a server of their own, built pages, and helpers for axe-core and screenshots."""

import json
import subprocess
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect

from tests.support import ORGANISER_KEY, ROOT, ServerProcess

FRONTEND = ROOT / "frontend"
AXE = FRONTEND / "node_modules" / "axe-core" / "axe.min.js"
SCREENSHOTS = ROOT / "test-results" / "screenshots"


@pytest.fixture(scope="session", autouse=True)
def delete_output_dir() -> None:
    """Replaces pytest-playwright's own, which can empty test-results/ in the middle of a run;
    the screenshots of the last run are replaced one by one instead."""
    for old in SCREENSHOTS.glob("*.png"):
        old.unlink()


@pytest.fixture(scope="session")
def built_frontend() -> Path:
    """The pages must be built (make frontend); build them here when they are not."""
    if not (FRONTEND / "dist" / "meeting.html").exists() or not AXE.exists():
        subprocess.run(["make", "-s", "frontend"], cwd=ROOT, check=True)
    return FRONTEND / "dist"


@pytest.fixture(scope="session")
def site(built_frontend: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServerProcess]:
    process = ServerProcess(tmp_path_factory.mktemp("browser-server")).start(timeout=90)
    yield process
    process.stop()


@pytest.fixture
def new_context(browser: Browser) -> Iterator:
    """Opens browser contexts (one per person) and closes them afterwards."""
    opened: list[BrowserContext] = []

    def make(language: str | None = None, axe: bool = False, **options) -> BrowserContext:  # type: ignore[no-untyped-def]
        context = browser.new_context(**options)
        context.set_default_timeout(10_000)
        if axe:
            # An init script runs before the page's own and is exempt from its CSP, which would
            # refuse the inline <script> that page.add_script_tag() writes.
            context.add_init_script(path=str(AXE))
        if language:
            context.add_init_script(f"localStorage.setItem('roundtable.language', {json.dumps(language)})")
        opened.append(context)
        return context

    yield make
    for context in opened:
        context.close()


def create_meeting(base_url: str, title: str = "Ask the audience: intake interviews", format: str = "ask_the_audience", language: str = "en") -> dict:
    response = httpx.post(
        f"{base_url}/api/v1/meetings",
        json={"title": title, "format": format, "language": language},
        headers={"Authorization": f"Bearer {ORGANISER_KEY}"},
        timeout=30,  # the first request to a just-started server on a loaded machine can be slow
    )
    assert response.status_code == 201, response.text
    return response.json()


def join(site: ServerProcess, meeting: dict, name: str) -> dict:
    """Someone joins without a page (through the API), as most of a large meeting does in these tests."""
    response = httpx.post(f"{site.url}/api/v1/join", json={"join_code": meeting["join_code"], "display_name": name}, timeout=30)
    assert response.status_code in (200, 201), response.text
    return response.json()


def join_via_page(page: Page, join_url: str, name: str, organisation: str = "", question: str = "", anonymous: bool = False) -> None:
    page.goto(join_url)
    page.get_by_test_id("join-name").fill(name)
    if organisation:
        page.get_by_test_id("join-organisation").fill(organisation)
    if question:
        page.get_by_test_id("join-question").fill(question)
        if anonymous:
            page.get_by_test_id("join-anonymous").check()
    page.get_by_test_id("join-submit").click()
    page.wait_for_url("**/meeting/*")
    page.get_by_test_id("meeting-title").wait_for()


def approved_questions(new_context, meeting: dict, asked: dict[str, str]) -> tuple[Page, dict[str, Page]]:  # type: ignore[no-untyped-def]
    """The moderator starts the meeting; each person joins on a page of their own with a question (`asked`: name to
    question), which the moderator approves. The console and each person's page."""
    mod = new_context().new_page()
    mod.goto(meeting["links"]["console"])
    mod.get_by_test_id("start-meeting").click()
    expect(mod.get_by_test_id("end-meeting")).to_be_visible()
    pages = {}
    for name, question in asked.items():
        pages[name] = new_context().new_page()
        join_via_page(pages[name], meeting["links"]["join"], name, question=question)
    pending = mod.get_by_test_id("questions-pending")
    for question in asked.values():
        pending.locator("li", has_text=question).locator('[data-action="question.approve"]').click()
    expect(mod.get_by_test_id("questions-approved").locator("li[data-question]")).to_have_count(len(asked))
    return mod, pages


def axe_violations(page: Page) -> list[dict]:
    """Runs axe-core on the page as it is now; returns the violations, briefly."""
    assert page.evaluate("typeof window.axe !== 'undefined'"), "open the page in new_context(axe=True)"
    result = page.evaluate("async () => (await axe.run(document, {resultTypes: ['violations']})).violations")
    return [
        {"id": v["id"], "impact": v["impact"], "help": v["help"], "targets": [n["target"] for n in v["nodes"]][:5]}
        for v in result
    ]


def assert_accessible(page: Page, state: str) -> None:
    violations = axe_violations(page)
    assert violations == [], f"axe found problems on {state}: {json.dumps(violations, indent=1)}"


def screenshot(page: Page, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)


def no_horizontal_scroll(page: Page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
