"""Settings, read from the environment with the prefix ROUNDTABLE_."""

from functools import cached_property
from pathlib import Path

from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="ROUNDTABLE_", extra="ignore")

    host: str = "127.0.0.1"
    port: int = 8000
    data_dir: Path = Path("data")
    database_url: str | None = None
    redis_url: str | None = None
    public_url: str | None = None
    # Comma-separated origins allowed to open a socket; empty means same origin only.
    allowed_origins: str = ""
    organiser_key: str | None = None
    # Comma-separated "token:webhook_secret" pairs for recording services.
    recorder_tokens: str = ""
    # Identifies this process's sockets in the database (several processes share one).
    node_id: str = "local"

    hand_grace_seconds: int = 60
    chat_rate_count: int = 5
    chat_rate_window_seconds: float = 5.0
    # Above this a socket message is refused by closing the connection; below it, bad input gets an error ack.
    max_socket_message_bytes: int = 2 * 1024 * 1024
    max_recording_bytes: int = 2 * 1024**3
    # Webhooks to recording services: first retry after the base delay, doubling up to the maximum.
    webhook_retry_base_seconds: float = 2.0
    webhook_retry_max_seconds: float = 600.0
    webhook_timeout_seconds: float = 10.0
    timer_interval_seconds: float = 0.5
    # An anonymous question reaches the moderators after a random delay between these two (drawn and stored at
    # submission, released by the timer), so that its arrival cannot be tied to its author's joining.
    anonymous_question_delay_min_seconds: float = 20.0
    anonymous_question_delay_max_seconds: float = 120.0
    # A recording nobody has decided on when the meeting ends is deleted this long after, as if someone had
    # asked for privacy (the console prompts the moderator to open the closing ballot).
    undecided_recording_days: float = 7.0
    # A meeting's personal data are deleted this many days after it ends, unless the organiser sets another
    # period when creating it (shown to participants when they join).
    retention_days: int = 30
    # A series' updates go out as one e-mail digest once the oldest not yet sent has waited this long.
    series_digest_minutes: float = 60.0
    # How many formats of their own one organiser may keep (each is a stored definition of up to MAX_REQUEST_BYTES).
    max_custom_formats_per_organiser: int = 200
    log_level: str = "info"

    # Request bodies above this are refused with 413 while they stream in (recording media have their own limit).
    max_request_bytes: int = 1024 * 1024
    # Rate limits, in the `limits` notation ("N/second;M/minute": every part holds). Counted in Redis when set.
    # Many people may share one address (a venue's network), so the per-address limits are generous.
    rate_limit_http_per_ip: str = "100/second;3000/minute"
    rate_limit_join_per_ip: str = "60/minute;600/hour"
    rate_limit_connect_per_ip: str = "20/second;600/minute"
    rate_limit_command_per_person: str = "10/second;300/minute"
    rate_limit_command_per_ip: str = "200/second"
    rate_limit_question_per_person: str = "10/minute"
    # Giving, changing or taking back one's e-mail address, per address.
    rate_limit_mail_address_per_ip: str = "10/minute;100/hour"
    # In a larger meeting a participant's snapshot names only the people with a part to play, and counts the rest
    # (moderators always get everyone).
    people_listed_up_to: int = 200
    # In a storm of connects, a token lookup waits this long for the tokens of the sockets still shaking hands, so that
    # they are looked up, recorded and given their snapshots together (app/realtime/welcome.py); 0: never waits.
    welcome_gather_seconds: float = 0.03
    # A socket that has not connected with a token within this time is closed.
    socket_connect_timeout_seconds: float = 10.0
    # Remembered command answers (for a repeated command_id) are deleted after this age.
    command_answer_max_age_hours: float = 24.0
    # Comma-separated host names, addresses or networks (CIDR) that webhook callbacks may reach although they are
    # loopback, link-local or private; by default callbacks go only to public addresses.
    callback_allowed_hosts: str = ""

    # E-mail (docs/adr/0012-mail-outbox.md). Without a mail server URL nothing is sent: mails stay queued and the
    # moderators see them as not sent. smtp://[user:pass@]host[:port] (plain, port 25), smtp+starttls://... (port
    # 587, STARTTLS required), smtps://... (implicit TLS, port 465).
    smtp_url: str | None = None
    mail_from: str = "Roundtable <roundtable@localhost>"
    # A mail that could not be handed over is tried again after the base delay, doubling up to the maximum; after
    # the maximum number of attempts (or at once when the server refuses it for good, 5xx) it counts as failed.
    mail_retry_base_seconds: float = 30.0
    mail_retry_max_seconds: float = 3600.0
    mail_max_attempts: int = 10
    mail_timeout_seconds: float = 30.0

    @cached_property
    def resolved_database_url(self) -> str:
        if self.database_url:
            return self.database_url
        return f"sqlite+aiosqlite:///{(self.data_dir / 'roundtable.db').resolve()}"

    @cached_property
    def resolved_public_url(self) -> str:
        return (self.public_url or f"http://{self.host}:{self.port}").rstrip("/")

    @cached_property
    def origins(self) -> list[str]:
        return [o.strip() for o in self.allowed_origins.split(",") if o.strip()]

    @property
    def is_sqlite(self) -> bool:
        return self.resolved_database_url.startswith("sqlite")
