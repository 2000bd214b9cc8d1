"""The ``coprod`` command: a thin shell over the pipeline (one module per verb).

Errors meant for users (CoprodError) are printed here, in one place, as ``error: ...`` with a
non-zero exit and no traceback.
"""

from __future__ import annotations

import sys

import typer

from pipeline.cli import (evaluate, export, query, refresh, report, review, runs, schedule, search, subtheme, theme,
                          themes)
from pipeline.errors import CoprodError

app = typer.Typer(
    name="coprod",
    help="Find co-production themes in a folder of documents and publish them to DuckDB and HTML.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
app.command("refresh")(refresh.refresh)
app.command("themes")(themes.themes)
app.command("report")(report.report)
app.command("search")(search.search)
app.command("query")(query.query)
app.command("export")(export.export)
app.command("evaluate")(evaluate.evaluate)
app.command("runs")(runs.runs)
app.command("review")(review.review)
app.command("schedule")(schedule.schedule)
app.add_typer(theme.app, name="theme")
app.add_typer(subtheme.app, name="subtheme")


def main(argv: list[str] | None = None) -> int:
    try:
        result = app(args=argv, prog_name="coprod", standalone_mode=False)
    except CoprodError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return exc.exit_code
    except typer.Exit as exc:
        return exc.exit_code
    except typer.Abort:
        print("aborted", file=sys.stderr)
        return 130
    except typer.TyperException as exc:  # usage errors: bad option values, unknown commands
        exc.show()
        return getattr(exc, "exit_code", 2)
    return result if isinstance(result, int) else 0


if __name__ == "__main__":
    sys.exit(main())
