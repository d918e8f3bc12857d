# expect: WA
"""Recursive reversal that never clears the old head's `next`: the result ends in a 2-cycle."""


def reverse_list(head):
    if head is None or head.next is None:
        return head
    new_head = reverse_list(head.next)
    head.next.next = head
    return new_head
