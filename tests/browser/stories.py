"""What the story tests of the formats share: the screens people use, the format's own texts in a page's language,
the pages' own words in English and Danish, a meeting made on /organise with its moderator and three participants
(one on a phone), and the board helpers (cards found by their text, added, opened)."""

from collections.abc import Callable
from dataclasses import dataclass, field

from playwright.sync_api import BrowserContext, Locator, Page, expect

from app.formats.catalogue import builtin
from app.formats.definition import FormatDef, text_in
from tests.browser.conftest import assert_accessible, join_via_page
from tests.support import ORGANISER_KEY

PHONE = {"viewport": {"width": 360, "height": 740}, "is_mobile": True, "has_touch": True, "device_scale_factor": 2}
DESKTOP = {"viewport": {"width": 1366, "height": 900}}
WAIT = 20_000  # ms, generous: the machine running these is loaded

# The pages' own words (frontend/src/**/strings.ts, shared/i18n) a story asserts, by language.
WORDS = {
    "en": {
        "live": "Live",
        "ended": "Ended",
        "owner": "Owner: {}",
        "due": "Due: {}",
        "theme": "Theme: {}",
        "anonymous": "anonymous",
        "dots": "{} dots",
        "my_dots": "your dots: {}",
        "gap": "gap: nobody offers this",
        "fact": "fact",
        "opinion": "opinion",
        "you_signed": "You signed the plan.",
        "all_signed": "Everyone asked has signed.",
        "raise_hand": "Raise hand",
        "simple_raise_hand": "I want to say something",
        "hand_down": "Raise your hand to ask for the floor.",
        "simple_hand_down": "Press the button when you want to say something.",
        "next_in_line": "You are next in line.",
        "ask": "Ask a question",
        "simple_ask": "Ask something",
        "by": "from {}",
        "no_question": "No question is on the table.",
        "turns_remaining": "Not had a turn yet: {}",
        "confirm_close": "Close anyway?",
    },
    "da": {
        "live": "I gang",
        "ended": "Afsluttet",
        "owner": "Ansvarlig: {}",
        "due": "Frist: {}",
        "theme": "Tema: {}",
        "anonymous": "anonymt",
        "dots": "{} prikker",
        "my_dots": "dine prikker: {}",
        "gap": "hul: ingen tilbyder dette",
        "fact": "fakta",
        "opinion": "holdning",
        "you_signed": "Du har underskrevet planen.",
        "all_signed": "Alle, der er spurgt, har underskrevet.",
        "raise_hand": "Ræk hånden op",
        "simple_raise_hand": "Jeg vil gerne sige noget",
        "hand_down": "Ræk hånden op for at bede om ordet.",
        "simple_hand_down": "Tryk på knappen, når du vil sige noget.",
        "next_in_line": "Du er den næste i køen.",
        "ask": "Stil et spørgsmål",
        "simple_ask": "Spørg om noget",
        "by": "fra {}",
        "no_question": "Der er intet spørgsmål på bordet.",
        "turns_remaining": "Har ikke haft en tur endnu: {}",
        "confirm_close": "Afslut alligevel?",
    },
    "ar": {
        "live": "جارٍ الآن",
        "ended": "انتهى",
        "owner": "المسؤول: {}",
        "due": "الموعد: {}",
        "raise_hand": "ارفع يدك",
        "simple_raise_hand": "أريد أن أقول شيئًا",
        "hand_down": "ارفع يدك لتطلب الكلمة.",
        "simple_hand_down": "اضغط على الزر عندما تريد أن تقول شيئًا.",
        "next_in_line": "أنت التالي في الدور.",
        "ask": "اطرح سؤالًا",
        "simple_ask": "اسأل شيئًا",
    },
}


@dataclass(frozen=True)
class Texts:
    """A built-in format's texts and the pages' words as a person reading the page in `language` sees them."""

    format: FormatDef
    language: str

    @classmethod
    def of(cls, format_id: str, language: str) -> "Texts":
        return cls(builtin()[format_id], language)

    def name(self) -> str:
        return text_in(self.format.name, self.language)

    def stage(self, stage_id: str) -> str:
        stage = self.format.stage(stage_id)
        assert stage is not None, stage_id
        return text_in(stage.name, self.language)

    def guidance(self, stage_id: str) -> str:
        stage = self.format.stage(stage_id)
        assert stage is not None and stage.guidance is not None, stage_id
        return text_in(stage.guidance, self.language)

    def board(self, board_id: str) -> str:
        board = self.format.board(board_id)
        assert board is not None, board_id
        return text_in(board.name, self.language)

    def column(self, board_id: str, column_id: str) -> str:
        board = self.format.board(board_id)
        assert board is not None, board_id
        [column] = [c for c in board.columns if c.id == column_id]
        return text_in(column.name, self.language)

    def role(self, role_id: str) -> str:
        return text_in(self.format.role(role_id).name, self.language)

    def word(self, key: str, *values: object) -> str:
        return WORDS[self.language][key].format(*values)


def watch(page: Page, who: str, errors: list[str]) -> Page:
    """Collects the page's script errors (a story ends asserting there were none) and accepts its confirmations;
    its clicks, fills and page loads wait as long as the assertions do (a loaded machine)."""
    page.set_default_timeout(WAIT)
    page.on("pageerror", lambda exc: errors.append(f"{who}: {exc}"))
    page.on("dialog", lambda dialog: dialog.accept())
    return page


def board(page: Page, board_id: str) -> Locator:
    return page.locator(f"[data-board='{board_id}']")


def card(page: Page, text: str, board_id: str | None = None) -> Locator:
    # By its own text: an open card's tools list the other cards' texts (merge targets).
    return (board(page, board_id) if board_id else page).get_by_test_id("board-card").filter(has=page.locator("p.card-text", has_text=text))


def add_card(page: Page, board_id: str, text: str, column: str | None = None) -> None:
    where = board(page, board_id)
    if column:
        where.get_by_test_id("card-column-new").select_option(label=column)
    where.get_by_test_id("card-text").fill(text)
    where.get_by_test_id("card-add").click()
    expect(card(page, text, board_id)).to_be_visible(timeout=WAIT)


def open_tools(page: Page, text: str, board_id: str | None = None) -> Locator:
    tools = card(page, text, board_id).get_by_test_id("card-tools")
    if tools.get_attribute("open") is None:
        tools.locator("summary").click()
    return card(page, text, board_id).get_by_test_id("card-tools")


def sign_in(page: Page, site) -> None:  # type: ignore[no-untyped-def]
    page.goto(f"{site.url}/organise")
    page.get_by_test_id("organiser-key").fill(ORGANISER_KEY)
    page.get_by_test_id("sign-in").click()


def organise(site, new_context, format_id: str, title: str, language: str) -> tuple[str, str]:  # type: ignore[no-untyped-def]
    """The organiser signs in on /organise, picks the format and makes the meeting; returns (console, join) links."""
    organiser = new_context(language, axe=True, **DESKTOP).new_page()
    organiser.set_default_timeout(WAIT)
    sign_in(organiser, site)
    picker = organiser.get_by_test_id("meeting-format")
    expect(picker.locator(f"option[value={format_id}]")).to_have_count(1, timeout=WAIT)
    picker.select_option(format_id)
    organiser.get_by_test_id("meeting-title-input").fill(title)
    organiser.get_by_test_id("meeting-language").select_option(language)
    assert_accessible(organiser, f"organise: a {format_id} about to be made ({language})")
    organiser.get_by_test_id("create-meeting").click()
    expect(organiser.get_by_test_id("created")).to_contain_text(title, timeout=WAIT)
    return organiser.get_by_test_id("console-link").input_value(), organiser.get_by_test_id("join-link").input_value()


@dataclass
class Story:
    """A meeting as its people see it: the moderator's console and three participants' pages, the first on a phone."""

    language: str
    join_link: str
    mod: Page
    people: list[Page]
    errors: list[str] = field(default_factory=list)

    @property
    def everyone(self) -> list[Page]:
        return [self.mod, *self.people]

    def join(self, *who: tuple[str, str] | tuple[str, str, str]) -> None:
        """Each participant joins, in order: (name, organisation) by the meeting's link, or by a link of their own."""
        for page, (name, organisation, *link) in zip(self.people, who, strict=True):
            join_via_page(page, link[0] if link else self.join_link, name, organisation)
            expect(page.locator("html")).to_have_attribute("lang", self.language)

    def start(self, first_stage: str) -> None:
        self.mod.get_by_test_id("start-meeting").click()
        self.stage_is(first_stage)

    def stage_is(self, name: str) -> None:
        for page in self.everyone:
            expect(page.get_by_test_id("stage-name")).to_have_text(name, timeout=WAIT)

    def next_stage(self, name: str) -> None:
        self.mod.get_by_test_id("stage-next").click()
        self.stage_is(name)

    def end(self, ended: str) -> None:
        self.mod.get_by_test_id("end-meeting").click()
        for page in self.people:
            expect(page.get_by_test_id("meeting-status")).to_contain_text(ended, timeout=WAIT)
        assert self.errors == []


def open_story(
    new_context: Callable[..., BrowserContext], console: str, join: str, title: str, language: str, names: tuple[str, str, str], errors: list[str] | None = None
) -> Story:
    """The moderator opens the console; three people have their browsers ready, the first on a 360 px phone
    (axe runs on the phone and in the console). Script errors on any of their pages fail the story."""
    errors = [] if errors is None else errors
    mod = watch(new_context(language, axe=True, **DESKTOP).new_page(), "moderator", errors)
    phone = watch(new_context(language, axe=True, **PHONE).new_page(), names[0], errors)
    others = [watch(new_context(language).new_page(), name, errors) for name in names[1:]]
    mod.goto(console)
    expect(mod.get_by_test_id("meeting-title")).to_contain_text(title, timeout=WAIT)
    return Story(language, join, mod, [phone, *others], errors)


def seed_story(site, new_context, format_id: str, title: str, language: str, names: tuple[str, str, str]) -> tuple[Story, Texts]:  # type: ignore[no-untyped-def]
    """A built-in format's meeting made on /organise, its console open and its three participants' browsers ready."""
    console, join = organise(site, new_context, format_id, title, language)
    return open_story(new_context, console, join, title, language, names), Texts.of(format_id, language)
