"""Shared links are validated strictly and normalised."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.rules.urls import Allowed, BadUrl, address_allowed, normalise_http_url


@pytest.mark.parametrize(
    "raw",
    [
        "https://example.org/x\r\n\r\n<script>alert(1)</script>",
        "https://example.org/a b",
        "https://example.org/\x00",
        "https://example.org/\u202egpj.exe",
        "https://exa\tmple.org/",
        "javascript:alert(1)",
        "data:text/html,<script>alert(1)</script>",
        "ftp://example.org/",
        "https://",
        "https://user:secret@example.org/",
        "https://example.org:99999/",
        "https:\\\\example.org\\",
        "",
        "https://example.org/" + "a" * 3000,
    ],
)
def test_refused(raw):
    with pytest.raises(BadUrl):
        normalise_http_url(raw)


def test_normalised():
    assert normalise_http_url("  HTTPS://Example.ORG/Path?q=A#F ") == "https://example.org/Path?q=A#F"
    assert normalise_http_url("http://bücher.example/") == "http://xn--bcher-kva.example/"
    assert normalise_http_url("http://[::1]:8080/x") == "http://[::1]:8080/x"


@given(st.text())
def test_an_accepted_link_has_no_control_or_space_characters_and_is_stable(tail):
    try:
        url = normalise_http_url("https://example.org/" + tail)
    except BadUrl:
        return
    assert url.startswith("https://example.org/")
    assert not any(c.isspace() or ord(c) < 32 or ord(c) == 127 for c in url)
    assert normalise_http_url(url) == url


def test_callback_addresses():
    nothing = Allowed.parse("")
    for address in ("127.0.0.1", "::1", "169.254.169.254", "10.0.0.1", "172.16.0.1", "192.168.0.1", "100.64.0.1", "0.0.0.0", "224.0.0.1", "::ffff:10.0.0.1", "fe80::1"):
        assert not address_allowed(address, nothing), address
    for address in ("93.184.216.34", "2606:2800:220:1:248:1893:25c8:1946"):
        assert address_allowed(address, nothing), address
    loopback = Allowed.parse(" 127.0.0.0/8, recorder.internal ,::1")
    assert address_allowed("127.0.0.5", loopback) and address_allowed("::1", loopback)
    assert not address_allowed("10.0.0.1", loopback)
    assert loopback.names == frozenset({"recorder.internal"})
