# Subtle: the loop stops at the last node without turning it around, so the old tail is lost
# (and the answer starts at the second-to-last node).
def reverse_list(head):
    if head is None:
        return None
    prev = None
    node = head
    while node.next is not None:
        following = node.next
        node.next = prev
        prev = node
        node = following
    return prev if prev is not None else node
