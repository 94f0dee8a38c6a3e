"""partnergraph: a knowledge graph of international partnerships in Japanese higher education."""

__version__ = "0.1.0"

from .api import PartnerGraph, open_graph  # noqa: E402

__all__ = ["PartnerGraph", "open_graph", "__version__"]
