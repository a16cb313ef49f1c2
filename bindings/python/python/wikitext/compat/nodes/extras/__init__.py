"""The parts of nodes that are not nodes: template parameters, tag attributes."""

from .attribute import Attribute
from .parameter import Parameter

__all__ = ["Attribute", "Parameter"]
