import os
from typing import Any, Union


def read_file(path: Union[str, os.PathLike], default: Any = None) -> Any:
    """Return the text of the file at `path`, decoded as UTF-8, or `default` if it does not
    exist (FileNotFoundError). Every other error propagates; the file is closed either way.
    """
    pass  # your code here
