"""partnergraph: a knowledge graph of international partnerships in Japanese higher education."""

__version__ = "0.1.0"

from .api import PartnerGraph, open_graph  # noqa: E402

__all__ = ["PartnerGraph", "open_graph", "__version__"]


def load_ipython_extension(ipython) -> None:
    """``%load_ext partnergraph``: the ``%%sparql`` and ``%sparql`` magics (IPython imported only here)."""
    from .magic import load_ipython_extension as register

    register(ipython)
