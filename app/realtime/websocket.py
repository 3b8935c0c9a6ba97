"""uvicorn's websocket protocol with a lighter queue for the messages the application has yet to read."""

from typing import Any

from uvicorn.protocols.websockets.websockets_sansio_impl import WebSocketsSansIOProtocol

from app.realtime.queues import PacketQueue


class WebSocketProtocol(WebSocketsSansIOProtocol):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # uvicorn uses put_nowait, get and empty, which PacketQueue has (app/realtime/queues.py says why it is lighter).
        self.queue = PacketQueue()  # type: ignore[assignment]
