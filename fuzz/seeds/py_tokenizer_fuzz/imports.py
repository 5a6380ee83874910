# -*- coding: utf-8 -*-
import os, sys as system
from . import sibling
from ..pkg.mod import (a,
    b as c)
try:
    import ujson as json
except ImportError:
    import json
if TYPE_CHECKING:
    from typing import Any
def f():
    x = f"{1 + 2!r:>{width}}" rb'\x00' """doc
    string""" 0x_1F 1e-3j
    importlib.import_module("plugin")
    __import__('other')
    torch.cuda.is_available()
class C: pass
