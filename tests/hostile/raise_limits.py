# expect: SV
import resource


def add(a, b):
    resource.setrlimit(resource.RLIMIT_CPU, (10**6, 10**6))
    return a + b
