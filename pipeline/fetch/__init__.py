"""Live sources of a corpus (feeds, pages and threads, scholarly APIs), fetched politely and
incrementally before ingest. ``stage.fetch`` is the stage; the other modules do one job each:
``http`` (the polite client), ``ratelimit``, ``robots``, ``fetcher`` (conditional requests and
stored copies), ``log`` (the fetch log and raw responses in DuckDB), ``feeds``, ``pages``,
``scholarly``, ``documents`` (pages as RawDocuments), ``manifest`` (``[[sources]]`` tables)."""
