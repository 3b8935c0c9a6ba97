"""A real SMTP server for tests (aiosmtpd) on 127.0.0.1: it keeps every message it accepts, parsed."""

import asyncio
import email
import email.policy
import threading
from collections.abc import Iterable
from dataclasses import dataclass, field
from email.message import EmailMessage
from typing import Any

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword

from tests.support import free_port


@dataclass
class Received:
    sender: str
    recipients: list[str]
    message: EmailMessage

    @property
    def text(self) -> str:
        part = self.message.get_body(("plain",))
        assert part is not None
        return part.get_content()

    @property
    def html(self) -> str:
        part = self.message.get_body(("html",))
        assert part is not None
        return part.get_content()


@dataclass
class Collector:
    """aiosmtpd's handler: refuses the addresses in `refuse` for good (550), keeps the rest."""

    refuse: set[str] = field(default_factory=set)
    messages: list[Received] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    async def handle_RCPT(self, server: Any, session: Any, envelope: Any, address: str, rcpt_options: list[str]) -> str:
        if address in self.refuse:
            return "550 5.1.1 No such mailbox"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        parsed = email.message_from_bytes(envelope.content, policy=email.policy.default)
        assert isinstance(parsed, EmailMessage)
        with self.lock:
            self.messages.append(Received(envelope.mail_from, list(envelope.rcpt_tos), parsed))
        return "250 Message accepted for delivery"


class MailServer:
    """Start and stop it at will, on the same port: a mail server that is down, then comes up."""

    def __init__(self, port: int | None = None, *, login: tuple[str, str] | None = None, refuse: Iterable[str] = ()):
        self.port = port or free_port()
        self.login = login
        self.collector = Collector(refuse=set(refuse))
        self.controller: Controller | None = None

    @property
    def url(self) -> str:
        credentials = f"{self.login[0]}:{self.login[1]}@" if self.login else ""
        return f"smtp://{credentials}127.0.0.1:{self.port}"

    @property
    def messages(self) -> list[Received]:
        with self.collector.lock:
            return list(self.collector.messages)

    def _authenticate(self, server: Any, session: Any, envelope: Any, mechanism: str, auth_data: Any) -> AuthResult:
        ok = isinstance(auth_data, LoginPassword) and self.login is not None and (
            auth_data.login.decode(), auth_data.password.decode()
        ) == self.login
        return AuthResult(success=ok, handled=False)

    def start(self) -> "MailServer":
        options: dict[str, Any] = {}
        if self.login:
            options = {"authenticator": self._authenticate, "auth_require_tls": False}
        self.controller = Controller(self.collector, hostname="127.0.0.1", port=self.port, **options)
        self.controller.start()
        return self

    def stop(self) -> None:
        if self.controller is not None:
            self.controller.stop()
            self.controller = None

    async def wait_for(self, count: int, within: float = 30) -> list[Received]:
        """Wait until `count` messages have arrived (a real server sends on its own schedule)."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + within
        while len(self.messages) < count:
            assert loop.time() < deadline, f"{len(self.messages)} of {count} mails arrived"
            await asyncio.sleep(0.05)
        return self.messages
