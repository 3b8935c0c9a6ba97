"""Socket.IO: connect auth, the one command dispatcher, publishing of events after commit."""
