# expect: RE
# message: ListNode.val is no longer a plain attribute
"""Makes `val` a property of the judge's ListNode, whose setter would run whenever the judge
sets a node's value while it builds an input (outside the timed call). The judge checks
for that before it builds one, and the test fails saying so."""
_seen = []


def _get(self):
    return self.__dict__["_val"]


def _set(self, value):
    _seen.append(value)
    self.__dict__["_val"] = value


ListNode.val = property(_get, _set)


def reverse_list(head):
    prev = None
    while head is not None:
        head.next, prev, head = prev, head, head.next
    return prev
