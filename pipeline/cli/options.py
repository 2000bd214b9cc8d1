"""Options shared by the verbs that run the pipeline (``refresh``, ``evaluate``)."""

from __future__ import annotations

from pipeline.settings import Settings


def with_theme_options(settings: Settings, n_themes: int | None, min_theme_size: int | None) -> Settings:
    """Settings with --themes and --min-theme-size applied when given."""
    if n_themes:
        settings = settings.replace("themes", n_themes=n_themes)
    if min_theme_size:
        settings = settings.replace("themes", min_theme_size=min_theme_size)
    return settings
