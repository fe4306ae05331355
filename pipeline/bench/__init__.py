"""``python -m pipeline.bench``: the performance benchmark (``make bench``).

Generates a deterministic corpus (:mod:`.corpus`), measures naravard's ingest, queries and exports
each in its own process (:mod:`.measure`) next to a baseline from the same run (:mod:`.baselines`),
and prints and saves the figures (:mod:`.report`).
"""
