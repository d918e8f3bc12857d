# expect: AC
"""Swaps in an __init__ for the judge's ListNode that records every value. The judge used to
run it while it built the input (outside the timed call), so it saw the whole input there;
inputs are now built without running any of the class's code: it sees nothing, and the
solution is judged as any other."""
_seen = []


def _init(self, val=0, next=None):
    _seen.append(val)
    self.val = val
    self.next = next


ListNode.__init__ = _init


def reverse_list(head):
    assert not _seen, "the judge ran the solution's __init__ while building the input"
    prev = None
    while head is not None:
        head.next, prev, head = prev, head, head.next
    return prev
