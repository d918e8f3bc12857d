# expect: AC
# Code that needs the module's __builtins__, as every module has (datetime.strptime's lazy
# import reads it).
import datetime


def add(a, b):
    assert datetime.datetime.strptime("2024-01-02", "%Y-%m-%d").day == 2
    assert __builtins__ is not None
    return a + b
