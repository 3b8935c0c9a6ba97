"""The recording-service side: service tokens, media storage, the webhook outbox, recordings."""
