"""Roundtable: a real-time facilitation server for live professional exchange sessions."""
