"""uvicorn's websocket protocol with a lighter queue for the messages the application has yet to read, and a way to
write a frame serialised once for many sockets."""

from typing import Any

from uvicorn.protocols.websockets.websockets_sansio_impl import WebSocketsSansIOProtocol
from websockets.frames import Frame, Opcode
from websockets.protocol import State

from app.realtime.queues import PacketQueue


def text_frame(text: str) -> bytes:
    """A complete, unmasked text frame, as the server side writes it when no extension is negotiated.

    A server's frames carry no mask, so the same message is the same bytes on every socket: a broadcast can
    serialise it once."""
    return Frame(Opcode.TEXT, text.encode()).serialize(mask=False)


class WebSocketProtocol(WebSocketsSansIOProtocol):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # uvicorn uses put_nowait, get and empty, which PacketQueue has (app/realtime/queues.py says why it is lighter).
        self.queue = PacketQueue()  # type: ignore[assignment]

    def write_now(self, frame: bytes) -> bool:
        """Writes a frame from `text_frame` as `send` would write its text, if `send` would write it at once.

        Refuses (and writes nothing) whenever `send` would do anything else: before the handshake, after a close, with
        an extension that changes frames (compression), or while the transport's buffer is over its high-water mark,
        where `send` waits. The caller then sends the ordinary way."""
        conn = self.conn
        if (
            self.handshake_complete
            and not self.close_sent
            and not self.disconnected
            and self.initial_response is None
            and self.writable.is_set()
            and conn.state is State.OPEN
            and not conn.extensions
            and not conn.expect_continuation_frame
            and not self.transport.is_closing()
        ):
            self.transport.write(frame)
            return True
        return False
