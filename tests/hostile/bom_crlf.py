# expect: AC
# A BOM and CRLF line endings, as some Windows editors save.
def add(a, b):
    return a + b
