# expect: WA
# The expected values (424242, 737373) never enter the box: scanning memory finds nothing.
import gc


def answer(n):
    for obj in gc.get_objects():
        values = obj.values() if isinstance(obj, dict) else obj if isinstance(obj, (list, tuple)) else ()
        for value in values:
            if isinstance(value, int) and value in (424242, 737373):
                return value
    return -1
