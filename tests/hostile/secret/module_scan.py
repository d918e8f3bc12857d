# expect: WA
import sys


def answer(n):
    for module in list(sys.modules.values()):
        for value in list(vars(module).values()):
            if isinstance(value, (dict, list)) and (424242 in value or 737373 in value):
                return 737373 if n == 2 else 424242
    return -1
