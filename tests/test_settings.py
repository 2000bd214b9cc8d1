from pathlib import Path

import pytest

from pipeline.errors import SettingsError
from pipeline.settings import Settings, load_settings


def test_defaults_without_a_file():
    settings = load_settings(None, environ={})
    assert settings == Settings()
    assert settings.embedding.model == "all-MiniLM-L6-v2"
    assert settings.themes.n_themes == 0


def test_toml_file_then_environment_override(tmp_path: Path):
    path = tmp_path / "coprod.toml"
    path.write_text('[themes]\nn_themes = 5\nseed = 7\n[embedding]\nmodel = "/models/mine"\n')
    settings = load_settings(path, environ={"COPROD_THEMES__N_THEMES": "8"})
    assert settings.themes.n_themes == 8
    assert settings.themes.seed == 7
    assert settings.embedding.model == "/models/mine"


def test_unknown_setting_is_named_in_the_error(tmp_path: Path):
    path = tmp_path / "coprod.toml"
    path.write_text("[themes]\nnumber = 5\n")
    with pytest.raises(SettingsError, match=r"unknown setting themes\.number"):
        load_settings(path, environ={})


def test_wrong_type_is_reported(tmp_path: Path):
    with pytest.raises(SettingsError, match=r"themes\.seed must be int"):
        load_settings(None, environ={"COPROD_THEMES__SEED": "forty"})


def test_missing_and_invalid_files(tmp_path: Path):
    with pytest.raises(SettingsError, match="settings file not found"):
        load_settings(tmp_path / "nope.toml", environ={})
    bad = tmp_path / "bad.toml"
    bad.write_text("[themes\n")
    with pytest.raises(SettingsError, match="not valid TOML"):
        load_settings(bad, environ={})


def test_replace_changes_one_section_only():
    settings = Settings().replace("themes", n_themes=4)
    assert settings.themes.n_themes == 4
    assert settings.passages == Settings().passages


def test_the_readme_settings_example_lists_every_field_with_its_default(tmp_path):
    import dataclasses
    import re

    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text()
    block = re.search(r"## Settings.*?```toml\n(.*?)```", readme, re.S).group(1)
    (tmp_path / "readme.toml").write_text(block)
    assert load_settings(tmp_path / "readme.toml", environ={}) == Settings()
    documented = set(re.findall(r"^(\w+) =", block, re.M))
    fields = {f.name for section in dataclasses.fields(Settings)
              for f in dataclasses.fields(getattr(Settings(), section.name))}
    assert fields - documented == set()


def test_the_relevance_filter_is_switched_off_from_the_environment():
    settings = load_settings(environ={"COPROD_RELEVANCE__ENABLED": "false", "COPROD_RELEVANCE__THRESHOLD": "0.1"})
    assert settings.relevance.enabled is False and settings.relevance.threshold == 0.1
    with pytest.raises(SettingsError, match="relevance.enabled must be bool"):
        load_settings(environ={"COPROD_RELEVANCE__ENABLED": "maybe"})


def test_a_theme_method_that_does_not_exist_is_named_with_the_choices():
    with pytest.raises(SettingsError, match=r"themes\.method = 'umap' is not a method; use one of spectral, kmeans"):
        load_settings(None, environ={"COPROD_THEMES__METHOD": "umap"})
    with pytest.raises(SettingsError, match=r"themes\.document_context = 1\.0 must be at least 0 and below 1"):
        load_settings(None, environ={"COPROD_THEMES__DOCUMENT_CONTEXT": "1"})
