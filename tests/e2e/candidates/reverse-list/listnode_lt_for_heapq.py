# expect: AC
"""The LeetCode idiom for putting nodes in a heap: give the judge's ListNode a __lt__. Adding
to the node classes is the solution's business."""
import heapq

ListNode.__lt__ = lambda self, other: self.val < other.val


def reverse_list(head):
    heap = []
    i = 0
    while head is not None:
        heapq.heappush(heap, (-i, head))
        head, i = head.next, i + 1
    prev = dummy = ListNode(0)
    while heap:
        _, node = heapq.heappop(heap)
        prev.next = node
        prev = node
    prev.next = None
    return dummy.next
