"""Full-text search (issue 12), by concern:

- analysis.py: text to terms, one analyzer for the index and the query;
- query.py: what the reader typed, as clauses, and each engine's query built from them;
- models.py / index.py: the index rows and keeping them in step (import, glosses);
- engine.py: running a search on SQLite FTS5 or PostgreSQL, ranked and paged in the database;
- results.py: hits as readers see them (labels, snippets, grouping by document).
"""
