"""Fetch stage: a Source (or a local file) becomes a Fetched record of raw bytes."""
