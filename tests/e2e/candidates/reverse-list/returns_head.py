# expect: WA
"""Reverses the links in place but returns the old head, which is now the last node."""
from typing import Optional


def reverse_list(head: Optional[ListNode]) -> Optional[ListNode]:
    prev, cur = None, head
    while cur is not None:
        nxt = cur.next
        cur.next = prev
        prev, cur = cur, nxt
    return head
