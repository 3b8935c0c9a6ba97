"""Freed memory goes back to the system.

A join storm sends each newcomer a snapshot of a few hundred kilobytes (a meeting of a thousand) and everyone
the presence changes: the process grew from 140 to 640 MB while a thousand connected. Nearly all of it is
freed once sent, but glibc's allocator keeps the pages, scattered between long-lived objects: after the storm
the process stayed 200 to 500 MB larger than what it held, a different figure each run.
`malloc_trim` returns the free pages of every arena; with it the same storm settled at about 195 MB. Where the
C library has no `malloc_trim` (not glibc), this does nothing.

Before trimming, the young generations' reference cycles are collected. With the collector's first threshold at
50,000 (docs/adr/0004-runtime-settings-for-fanout.md), a meeting in its steady pace (a few commands a second) went
minutes without a collection: the cycles that statements and sockets leave behind, about 10,000 objects a
minute at 500 people, waited for one, and the process grew by some 10 MB in its first five minutes and kept the
pages. Collected every few seconds they are freed young (docs/adr/0025-young-cycles-collected-every-few-seconds.md).
"""

import asyncio
import contextlib
import ctypes
import ctypes.util
import gc

# Seconds between two trims. A trim that finds nothing to return takes under 2 ms at a thousand connections;
# one that returns 400 MB after a join storm took 18 ms (measured on this machine).
TRIM_INTERVAL_SECONDS = 2.0
# The generations collected before each trim: the two young ones. What lives past them (sockets, caches) is
# looked at only by the collector's own full collections, which cost over 100 ms at 500 people.
YOUNG = 1


def _trim_function() -> "ctypes._NamedFuncPointer | None":
    name = ctypes.util.find_library("c")
    if name is None:
        return None
    try:
        return ctypes.CDLL(name).malloc_trim
    except (OSError, AttributeError):
        return None


_malloc_trim = _trim_function()


def give_back() -> bool:
    """Frees the young objects' reference cycles, then returns free memory to the system; True when some was
    returned."""
    gc.collect(YOUNG)
    return bool(_malloc_trim(0)) if _malloc_trim is not None else False


async def run(stopping: asyncio.Event, interval: float = TRIM_INTERVAL_SECONDS) -> None:
    while not stopping.is_set():
        give_back()
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(stopping.wait(), interval)
