# expect: WA
"""Stops while `cur.next` exists, so the last node is never linked in (and [x] gives None)."""
from typing import Optional


def reverse_list(head: Optional[ListNode]) -> Optional[ListNode]:
    prev, cur = None, head
    while cur is not None and cur.next is not None:
        nxt = cur.next
        cur.next = prev
        prev, cur = cur, nxt
    return prev
