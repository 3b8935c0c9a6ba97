"""Adapters to the world outside the database: media files on disk, webhooks over HTTP."""
