"""Export stage: the graph in the store written to files (RDF formats and network formats)."""
