"""Rows on their way into a table, typed as the table declares its columns.

DuckDB reads a pandas object column by guessing its type from the first rows it samples: a
column whose first thousand values are None (3,000 JSONL records without a title or date
after a few pages with them) is guessed to be of type "NULL", and the first real value
after them fails the insert ("Failed to cast value: VARCHAR -> NULL"). Frames therefore go in
as Arrow tables whose schema is the target table's own, so what is stored never depends on
which rows happen to come first.
"""

from __future__ import annotations

import duckdb
import numpy as np
import pandas as pd
import pyarrow as pa


def table_schema(con: duckdb.DuckDBPyConnection, table: str, columns: list[str]) -> pa.Schema:
    """The Arrow types of the table's columns (JSON comes out as string, as DuckDB reads it)."""
    return con.execute(f"SELECT {', '.join(columns)} FROM {table} LIMIT 0").arrow().schema


def typed_table(con: duckdb.DuckDBPyConnection, table: str, frame: pd.DataFrame) -> pa.Table:
    """The frame as an Arrow table with the target table's column types; a value that does not
    fit its column (text in an INTEGER column) raises here, naming the column."""
    schema = table_schema(con, table, list(frame.columns))
    arrays = []
    for name in frame.columns:
        kind = schema.field(name).type
        try:
            arrays.append(pa.array(_values(frame[name], kind), type=kind, from_pandas=True))
        except (pa.ArrowInvalid, pa.ArrowTypeError, TypeError, ValueError) as exc:
            raise ValueError(f"{table}.{name}: value does not fit {kind}: {exc}") from exc
    return pa.Table.from_arrays(arrays, schema=schema)


def _values(column: pd.Series, kind: pa.DataType):
    """What pa.array converts without guessing: nullable pandas columns as objects with None."""
    if isinstance(column.dtype, pd.api.extensions.ExtensionDtype):
        return column.astype(object).where(column.notna(), None)
    if pa.types.is_timestamp(kind) and isinstance(column.dtype, pd.DatetimeTZDtype):
        return column.dt.tz_convert("UTC").dt.tz_localize(None)
    return column


def vectors_array(vectors: list[np.ndarray], kind: pa.DataType = pa.list_(pa.float32())) -> pa.Array:
    """Vectors as one Arrow list column straight from their numbers (no Python list per vector,
    which takes ~30 bytes a number)."""
    flat = np.concatenate([np.asarray(v, dtype=np.float32).ravel() for v in vectors]) if vectors \
        else np.zeros(0, dtype=np.float32)
    offsets = np.zeros(len(vectors) + 1, dtype=np.int32)
    np.cumsum([np.asarray(v).size for v in vectors], out=offsets[1:])
    return pa.ListArray.from_arrays(pa.array(offsets), pa.array(flat)).cast(kind)
