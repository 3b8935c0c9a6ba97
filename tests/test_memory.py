"""Freed memory goes back to the system (app/memory.py).

In a child process, so that nothing else the tests hold moves its memory: many 100 KB blocks (below glibc's
threshold for blocks of their own, so they come from the heap, as a join storm's strings did) with a small
block kept between every two, then the big ones freed. The heap's pages stay with the process until
`give_back` returns them; the process then holds at least 60 MB less.
"""

import subprocess
import sys

CHILD = """
import sys
sys.path.insert(0, ".")
from app import memory

def rss_mb():
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * 4096 / 2**20

kept, freed = [], []
for i in range(1500):
    freed.append(bytearray(100_000))
    kept.append(bytearray(600))
del freed
before = rss_mb()
returned = memory.give_back()
after = rss_mb()
print(f"{before:.1f} {after:.1f} {returned}")
"""


def test_memory_freed_after_a_burst_of_large_strings_goes_back_to_the_system() -> None:
    out = subprocess.run([sys.executable, "-c", CHILD], capture_output=True, text=True, check=True, timeout=60).stdout.split()
    before, after, returned = float(out[0]), float(out[1]), out[2] == "True"
    assert returned
    assert before - after >= 60, f"RSS {before:.1f} -> {after:.1f} MB"


CYCLES = """
import gc, sys
sys.path.insert(0, ".")
from app import memory

def rss_mb():
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * 4096 / 2**20

# As `python -m app serve` runs: the collector's first threshold raised, what was loaded frozen.
gc.set_threshold(50_000, 20, 100)
gc.freeze()
class Node:
    def __init__(self):
        self.me = self
        self.payload = bytearray(3_000)
# 12,000 cycles, each an object holding itself and 3 KB: too few allocations for the collector to run on its own.
for _ in range(12_000):
    Node()
before = rss_mb()
memory.give_back()
after = rss_mb()
print(f"{before:.1f} {after:.1f}")
"""


def test_reference_cycles_left_between_collections_are_freed_and_given_back() -> None:
    """A meeting at its steady pace allocates too little for the collector to run on its own for minutes; the
    cycles its statements and sockets leave behind stayed in memory until then."""
    out = subprocess.run([sys.executable, "-c", CYCLES], capture_output=True, text=True, check=True, timeout=60).stdout.split()
    before, after = float(out[0]), float(out[1])
    assert before - after >= 25, f"RSS {before:.1f} -> {after:.1f} MB"
