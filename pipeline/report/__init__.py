"""The HTML theme report, built from the DuckDB file alone."""
