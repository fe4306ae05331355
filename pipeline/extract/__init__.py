"""Extract stage: a Document becomes an Extraction (concepts, mentions, relations).

The cascade, in order:

1. thesaurus matching: SKOS concepts from ``ontology/thesaurus`` (principles, shifts, goals, focus
   areas, success factors, driving forces, initiatives, known reports and bodies), over lemmatised
   and compound-split tokens (:mod:`.thesaurus`, :mod:`.morph`);
2. shifts: "från X till Y" in sentences and lists, and the parser's diagram pairs (:mod:`.shifts`);
3. named entities beyond the thesaurus: actors, reports and places by patterns and the gazetteer
   (:mod:`.entities`);
4. resolution: one concept per real thing within the document and across documents (:mod:`.resolve`);
5. relations: statements the text makes, and co-occurrence (:mod:`.relations`).

``load_knowledge`` compiles the ontology data once; ``extract`` is a pure function of a Document and
that Knowledge.
"""
