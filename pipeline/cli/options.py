"""Options shared by the verbs that run the pipeline (``refresh``, ``evaluate``, ``schedule``)."""

from __future__ import annotations

from pipeline.settings import Settings


def with_theme_options(settings: Settings, n_themes: int | None, min_theme_size: int | None) -> Settings:
    """Settings with --themes and --min-theme-size applied when given."""
    if n_themes:
        settings = settings.replace("themes", n_themes=n_themes)
    if min_theme_size:
        settings = settings.replace("themes", min_theme_size=min_theme_size)
    return settings


def with_parallel_options(settings: Settings, dask_address: str | None, workers: int | None) -> Settings:
    """Settings with --dask-address or --workers applied when given (either replaces the
    other's setting from the file)."""
    if dask_address:
        settings = settings.replace("parallel", dask_address=dask_address, workers=0)
    if workers:
        settings = settings.replace("parallel", workers=workers, dask_address="")
    return settings
