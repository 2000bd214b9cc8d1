"""The DuckDB file: schema, writing a run through a staging copy, and reading it back."""
