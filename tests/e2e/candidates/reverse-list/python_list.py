# expect: WA
"""Returns the reversed values as a Python list instead of a ListNode chain."""


def reverse_list(head):
    values = []
    while head is not None:
        values.append(head.val)
        head = head.next
    return values[::-1]
