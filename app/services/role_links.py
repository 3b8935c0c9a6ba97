"""Role links: an invitation that gives whoever joins with it a role of the meeting's format.

The link carries a role code: the role, a random nonce and an HMAC of (meeting, role, nonce) under a key the
server derives from its organiser key. Nobody can make one without that key, a code of one meeting is worth
nothing in another, and changing the role in a code breaks it. The code rides in the link's fragment, so no
server log records it; the join page sends it in the join request's body.
"""

import base64
import hashlib
import hmac
import re
import secrets

from app.errors import Forbidden
from app.formats.definition import FormatDef, RoleDef

_ROLE = re.compile(r"^[a-z][a-z0-9_]{0,39}$")


class RoleLinkInvalid(Forbidden):
    code, message = "role_link_invalid", "This role link is not valid for this meeting; ask the moderator for a new one."


def key_from(secret: str) -> bytes:
    """The role links' own key, derived from the server's organiser key (never the key itself)."""
    return hmac.new(secret.encode(), b"roundtable role links v1", hashlib.sha256).digest()


def _b64(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


def _signature(key: bytes, meeting_id: str, role: str, nonce: str) -> str:
    message = f"{meeting_id}\n{role}\n{nonce}".encode()
    return _b64(hmac.new(key, message, hashlib.sha256).digest())


def sign(key: bytes, *, meeting_id: str, role: str) -> str:
    nonce = _b64(secrets.token_bytes(12))
    return f"{role}.{nonce}.{_signature(key, meeting_id, role, nonce)}"


def verify(key: bytes, *, meeting_id: str, code: str, definition: FormatDef) -> RoleDef:
    """The role this code gives in this meeting; a forged, altered or other meeting's code is refused."""
    parts = code.split(".")
    if len(code) > 200 or len(parts) != 3 or not _ROLE.match(parts[0]):
        raise RoleLinkInvalid()
    role, nonce, signature = parts
    if not hmac.compare_digest(signature, _signature(key, meeting_id, role, nonce)):
        raise RoleLinkInvalid()
    if role not in {r.id for r in definition.roles} | {"moderator", "participant"}:
        raise RoleLinkInvalid()
    return definition.role(role)
