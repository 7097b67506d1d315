"""Run recursive code with room to recurse: in a thread with a large stack and a raised recursion
limit, so deep input ends in a result or a RecursionError, never in a crashed process.

Used for the SPARQL grammar (recursive descent over nested queries) and for resolving a
document's references (pronouns whose antecedents hold pronouns, as deep as the text goes).

    >>> def depth(n): return 0 if n == 0 else 1 + depth(n - 1)
    >>> deep_call(depth, 20_000)
    20000
"""

from __future__ import annotations

import sys
import threading

STACK = 512 * 1024 * 1024  # virtual memory: only the pages a recursion touches are used
RECURSION = 60_000  # Python frames; about 8 KB of stack each at most


def deep_call(function, *args, recursion: int = RECURSION):
    """``function(*args)`` run in a thread with a large stack, the recursion limit raised to
    ``recursion`` meanwhile; its result, or the exception it raised."""
    outcome: dict = {}

    def run():
        try:
            outcome["value"] = function(*args)
        except BaseException as exc:  # handed to the caller
            outcome["error"] = exc

    old_stack, old_limit = threading.stack_size(STACK), sys.getrecursionlimit()
    sys.setrecursionlimit(max(old_limit, recursion))
    try:
        thread = threading.Thread(target=run, name="deep-call")
        thread.start()
        thread.join()
    finally:
        threading.stack_size(old_stack)
        sys.setrecursionlimit(old_limit)
    if "error" in outcome:
        raise outcome["error"]
    return outcome["value"]
