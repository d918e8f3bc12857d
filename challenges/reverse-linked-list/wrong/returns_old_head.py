# Subtle: reverses every link, then returns the old head (now the last node): a one-node list.
def reverse_list(head):
    prev = None
    node = head
    while node is not None:
        following = node.next
        node.next = prev
        prev = node
        node = following
    return head
