"""Materialising the analysts' views for the published run.

The views in views.sql compute their answers from the tables at query time, which on a
file of a million passages takes seconds. Every publish stores each view's result in the
schema ``snapshot`` and points the view at it, so an analyst's query reads a small,
ready table. The next publish re-creates the views from views.sql and snapshots them again.
"""

from __future__ import annotations

import re

import duckdb

from pipeline.store.comments import comment_everything
from pipeline.store.connect import views_sql

SCHEMA = "snapshot"


def view_names() -> list[str]:
    """The views of views.sql, in definition order (later views may use earlier ones)."""
    return re.findall(r"CREATE OR REPLACE VIEW (\w+)", views_sql())


def snapshot_views(con: duckdb.DuckDBPyConnection) -> None:
    con.execute(f"CREATE SCHEMA IF NOT EXISTS {SCHEMA}")
    for name in view_names():
        con.execute(f"CREATE OR REPLACE TABLE {SCHEMA}.{name} AS SELECT * FROM main.{name}")
        con.execute(f"CREATE OR REPLACE VIEW main.{name} AS SELECT * FROM {SCHEMA}.{name}")
    # the views were made anew, and lost their descriptions: every table and view gets them again
    comment_everything(con)
