"""Command line: `python -m app serve | migrate | create-meeting | organiser-key | organiser add|list|revoke | recorder-token |
wire-schema`."""

import argparse
import asyncio
import gc
import sys
from datetime import datetime
from typing import Any

from app import migrate, organiser
from app.config import Settings
from app.db import Database
from app.formats import catalogue
from app.models import Language


def server_options() -> dict[str, Any]:
    """uvicorn's options besides the application and its address."""
    from app.realtime.websocket import WebSocketProtocol

    return {
        "ws": WebSocketProtocol,
        "ws_per_message_deflate": False,
        # engine.io pings every socket itself (25 s, answered within 20 s) and closes the silent ones; uvicorn's
        # own ping would be a second timer per connection doing the same.
        "ws_ping_interval": None,
        "proxy_headers": False,
    }


def serve(settings: Settings) -> None:
    import uvicorn

    from app.main import create_app

    key, created = organiser.load_or_create(settings)
    base = settings.resolved_public_url
    print(f"\nRoundtable is starting on {base}/", flush=True)
    print(f"  Open {base}/organise to create a meeting.")
    if settings.organiser_key:
        print("  Organiser key: taken from ROUNDTABLE_ORGANISER_KEY.")
    else:
        where = organiser.key_file(settings)
        print(f"  Organiser key ({'generated now, ' if created else ''}kept in {where}):\n    {key}")
    print("  Or from a shell: .venv/bin/python -m app create-meeting --title 'My session' --format tour_de_table\n", flush=True)
    # Many small objects per socket make the default collector run constantly; raise its first threshold.
    gc.set_threshold(50_000, 20, 100)
    app = create_app(settings)
    # What is loaded by now (modules, classes, the app: about 210,000 objects) lives as long as the process. Out of
    # the collector's sight, a full collection comes once the garbage kept since the last one is a quarter of far
    # fewer objects: in a soak, the cycles that statements leave were kept up to ten minutes and 20 MB before.
    gc.freeze()
    uvicorn.run(app, host=settings.host, port=settings.port, log_level=settings.log_level, **server_options())


def create_meeting(settings: Settings, args: argparse.Namespace) -> None:
    from app.api.meetings import console_link
    from app.services import meetings

    async def run() -> None:
        settings.data_dir.mkdir(parents=True, exist_ok=True)
        await asyncio.to_thread(migrate.upgrade, settings.resolved_database_url)
        db = Database(settings.resolved_database_url)
        async with db.unit_of_work() as uow:
            created = await meetings.create_meeting(
                uow,
                title=args.title,
                format=args.format,
                scheduled_for=datetime.fromisoformat(args.scheduled_for.replace("Z", "")) if args.scheduled_for else None,
                language=Language(args.language),
                moderator_name=args.moderator_name,
                hand_grace_seconds=settings.hand_grace_seconds,
            )
        await db.dispose()
        base = settings.resolved_public_url
        print(f"Meeting:   {created.meeting.title} ({created.meeting.id})")
        print(f"Console:   {console_link(base, created.meeting.id, created.moderator_token)}")
        print(f"Invite:    {base}/join/{created.meeting.join_code}")
        print(f"Join code: {created.meeting.join_code}")
        print(f"Moderator token: {created.moderator_token}")

    asyncio.run(run())


def organiser_command(settings: Settings, args: argparse.Namespace) -> int:
    """Organisers' keys: `add NAME` prints the new key once (only its hash is kept), `list`, `revoke ID`."""
    from app.errors import DomainError
    from app.services import organisers

    async def run() -> int:
        settings.data_dir.mkdir(parents=True, exist_ok=True)
        await asyncio.to_thread(migrate.upgrade, settings.resolved_database_url)
        db = Database(settings.resolved_database_url)
        try:
            async with db.unit_of_work() as uow:
                if args.action == "add":
                    made, key = await organisers.add(uow, name=args.name)
                    print(f"Organiser {made.name} ({made.id}). The key, shown once (only its hash is kept):")
                    print(f"  {key}")
                elif args.action == "revoke":
                    gone = await organisers.revoke(uow, organiser_id=args.id)
                    print(f"Organiser {gone.name} ({gone.id}) revoked: the key no longer works; the meetings stay.")
                else:
                    for o in await organisers.all_organisers(uow):
                        state = f"revoked {o.revoked_at:%Y-%m-%d %H:%M}" if o.revoked_at else "active"
                        kind = "  (bootstrap key)" if o.key_hash is None else ""
                        print(f"{o.id}\t{o.name}\t{o.created_at:%Y-%m-%d %H:%M}\t{state}{kind}")
        except DomainError as exc:
            print(f"error: {exc.message}", file=sys.stderr)
            return 1
        finally:
            await db.dispose()
        return 0

    return asyncio.run(run())


def recorder_token(settings: Settings) -> None:
    from app.services import recorder_tokens as tokens

    token, secret = tokens.create(settings)
    print("A new recording-service token (shown once; only its hash is kept, in "
          f"{tokens.token_file(settings)}; restart the server to use it):")
    print(f"  token:          {token}")
    print(f"  webhook secret: {secret}")
    print("Or give both to another server in ROUNDTABLE_RECORDER_TOKENS:")
    print(f"  {token}:{secret}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m app", description="Roundtable server")
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("serve", help="apply migrations and start the server")
    sub.add_parser("migrate", help="apply database migrations")
    sub.add_parser("organiser-key", help="print the organiser key")
    people = sub.add_parser("organiser", help="organisers' keys: add NAME, list, revoke ID")
    actions = people.add_subparsers(dest="action", required=True)
    actions.add_parser("add", help="add an organiser and print their key once").add_argument("name")
    actions.add_parser("list", help="list the organisers")
    actions.add_parser("revoke", help="revoke an organiser's key at once").add_argument("id")
    sub.add_parser("recorder-token", help="create a recording-service token and its webhook secret")
    sub.add_parser("wire-schema", help="print the JSON Schema of the snapshot, events, commands and error codes")
    create = sub.add_parser("create-meeting", help="create a meeting and print its links")
    create.add_argument("--title", required=True)
    create.add_argument("--format", choices=sorted(catalogue.builtin()), default="open")
    create.add_argument("--language", choices=[lang.value for lang in Language], default="en")
    create.add_argument("--scheduled-for", help="ISO 8601 UTC time")
    create.add_argument("--moderator-name", default="Moderator")
    args = parser.parse_args(argv)
    settings = Settings()
    if args.command == "serve":
        serve(settings)
    elif args.command == "migrate":
        settings.data_dir.mkdir(parents=True, exist_ok=True)
        migrate.upgrade(settings.resolved_database_url)
    elif args.command == "organiser-key":
        print(organiser.load_or_create(settings)[0])
    elif args.command == "organiser":
        return organiser_command(settings, args)
    elif args.command == "recorder-token":
        recorder_token(settings)
    elif args.command == "create-meeting":
        create_meeting(settings, args)
    elif args.command == "wire-schema":
        from app import wire

        wire.main()
    return 0


if __name__ == "__main__":
    sys.exit(main())
