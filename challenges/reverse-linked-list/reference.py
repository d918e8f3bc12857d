"""Reference solution for reverse-linked-list."""

from typing import Optional


def reverse_list(head: Optional[ListNode]) -> Optional[ListNode]:
    """Reverse the list in place and return its new head.

    One pass that turns each ``next`` pointer around: O(n) time, O(1) extra space, and no
    recursion (lists are far longer than Python's recursion limit).
    """
    prev = None
    node = head
    while node is not None:
        following = node.next
        node.next = prev
        prev = node
        node = following
    return prev
