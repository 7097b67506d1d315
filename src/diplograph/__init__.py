"""diplograph: English news -> a knowledge graph of geopolitical actors and relations.

The pipeline, one module a stage: :mod:`~diplograph.ingest` -> :mod:`~diplograph.nlp`
-> :mod:`~diplograph.resolve` -> :mod:`~diplograph.extract` -> :mod:`~diplograph.graph`
-> :mod:`~diplograph.export` (rdf, html, graphml) / :mod:`~diplograph.query`.

The functions behind the CLI commands live in :mod:`diplograph.api`::

    from diplograph.api import build, extract, query, evaluate
"""

__version__ = "0.1.0"
