"""Relevance to the field: off-topic documents are scored, flagged and kept out of the themes.

``prototypes.py`` embeds what the field is about (the taxonomy's concepts) and what its words
mean elsewhere (the taxonomy's ``[[off_field]]`` senses); ``score.py`` scores each document
from its passages against both and against the corpus's own on-topic core; ``filter.py``
flags the passages of off-topic documents so that theme modelling leaves them out, as it
leaves out duplicates and other languages. Documents stay in the database with their verdict
(``document_relevance``).
"""
