# expect: RE
# message: cannot set '__init__' attribute of immutable type 'ListNode'
"""Swaps in an __init__ for the judge's ListNode, which the judge used to run while it built
the input (outside the timed call): it could see every value and build the answer there."""
_seen = []


def _init(self, val=0, next=None):
    _seen.append(val)
    self.val = val
    self.next = next


ListNode.__init__ = _init


def reverse_list(head):
    prev = None
    while head is not None:
        head.next, prev, head = prev, head, head.next
    return prev
