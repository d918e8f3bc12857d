# expect: AC
"""Defines its own ListNode (allowed by the spec) and builds a fresh reversed copy."""


class ListNode:
    def __init__(self, val=0, next=None):
        self.val = val
        self.next = next


def reverse_list(head):
    out = None
    while head is not None:
        out = ListNode(head.val, out)
        head = head.next
    return out
