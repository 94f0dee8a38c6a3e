"""partnergraph: a knowledge graph of international partnerships in Japanese higher education."""

__version__ = "0.1.0"
