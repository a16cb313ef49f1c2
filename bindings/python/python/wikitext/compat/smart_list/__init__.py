"""SmartList: a list whose slices are live views (ListProxy) of it."""

from .list_proxy import ListProxy
from .smart_list import SmartList

__all__ = ["ListProxy", "SmartList"]
