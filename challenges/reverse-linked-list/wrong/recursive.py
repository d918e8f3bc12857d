# The classic recursive answer: one Python frame per node, so lists far longer than the
# recursion limit (1000) raise RecursionError.
def reverse_list(head):
    if head is None or head.next is None:
        return head
    new_head = reverse_list(head.next)
    head.next.next = head
    head.next = None
    return new_head
