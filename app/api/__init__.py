"""Thin HTTP routes: parse, resolve who asks, call one service, answer."""
