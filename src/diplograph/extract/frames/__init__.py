"""Frames: one module per kind of construction, each reading one cue into relations.

``verb`` ("Egypt condemned Turkey"), ``noun`` ("Russia's invasion of Ukraine"), ``relational``
("a staunch ally of Putin", titles), ``reciprocal`` ("relations have plummeted"), ``speech``
("called the allegations a smear campaign").
"""
