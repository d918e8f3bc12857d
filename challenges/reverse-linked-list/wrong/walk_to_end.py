# Correct but O(n^2): detaches the last node again and again, walking the whole list each time.
def reverse_list(head):
    new_head = tail = None
    while head is not None:
        before, last = None, head
        while last.next is not None:
            before, last = last, last.next
        if before is None:
            head = None
        else:
            before.next = None
        if new_head is None:
            new_head = tail = last
        else:
            tail.next = last
            tail = last
    return new_head
