# expect: RE
# message: the judge's ListNode, TreeNode and Node classes were modified
"""The same through the class's raw __dict__ (reachable with gc), which no type flag stops:
the judge notices the change before it builds an input, and the test fails with that."""
import gc

_seen = []


def _init(self, val=0, next=None):
    _seen.append(val)
    self.val = val
    self.next = next


gc.get_referents(ListNode.__dict__)[0]["__init__"] = _init


def reverse_list(head):
    prev = None
    while head is not None:
        head.next, prev, head = prev, head, head.next
    return prev
