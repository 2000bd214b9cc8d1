import os
import subprocess
import sys
from pathlib import Path

import pytest

from pipeline.cli import app, main
from tests.conftest import TOPICS


def test_every_command_has_complete_help(capsys):
    assert main(["--help"]) == 0
    overview = capsys.readouterr().out
    commands = [c.name for c in app.registered_commands]
    assert set(commands) >= {"refresh", "themes", "report", "search", "query", "export"}
    for command in commands:
        assert command in overview
        assert main([command, "--help"]) == 0
        text = capsys.readouterr().out
        assert "Usage: coprod " + command in " ".join(text.split())
        options = [p for p in app.registered_commands if p.name == command][0].callback.__defaults__
        for option in options:  # every option documents itself
            assert option.help, (command, option.param_decls)
    from pipeline.cli import theme

    assert "theme" in overview
    for command in theme.app.registered_commands:  # coprod theme rename|pin|merge|noise|restore
        assert main(["theme", command.name, "--help"]) == 0
        assert "Usage: coprod theme " + command.name in " ".join(capsys.readouterr().out.split())
        assert all(p.help for p in command.callback.__defaults__), command.name


def test_missing_corpus_is_a_one_line_error(capsys, tmp_path):
    assert main(["refresh", "--corpus", str(tmp_path / "nope"), "--db", str(tmp_path / "x.duckdb")]) == 1
    err = capsys.readouterr().err
    assert err.strip() == f"error: corpus folder not found: {tmp_path / 'nope'}"
    assert not (tmp_path / "x.duckdb").exists()


def test_empty_corpus_is_a_one_line_error(capsys, tmp_path):
    (tmp_path / "empty").mkdir()
    assert main(["refresh", "--corpus", str(tmp_path / "empty")]) == 1
    err = capsys.readouterr().err
    assert err.startswith("error: corpus folder") and "contains no documents" in err
    assert "Traceback" not in err


def test_themes_without_a_database_says_what_to_do(capsys, tmp_path):
    assert main(["themes", "--db", str(tmp_path / "none.duckdb")]) == 1
    assert "run `coprod refresh` first" in capsys.readouterr().err


def test_a_bad_option_is_a_usage_error(capsys):
    assert main(["refresh", "--themes", "0"]) == 2
    assert "--themes" in capsys.readouterr().err


@pytest.mark.slow
def test_installed_command_runs_the_flow_and_prints_a_summary(topic_corpus, tmp_path, prefect_home):
    db = tmp_path / "out" / "topics.duckdb"
    # As a user runs it: no Prefect settings of their own, so coprod starts Prefect's temporary
    # server itself, with Prefect's state beside the database.
    env = {k: v for k, v in os.environ.items() if k not in ("PREFECT_HOME", "PREFECT_API_URL")}
    coprod = Path(sys.executable).with_name("coprod")
    done = subprocess.run([str(coprod), "refresh", "--corpus", str(topic_corpus), "--db", str(db)],
                          capture_output=True, text=True, env=env, timeout=600)
    assert done.returncode == 0, done.stderr[-3000:]
    assert (db.parent / ".prefect" / "prefect.db").is_file()
    assert "Starting temporary server" not in done.stderr  # Prefect did not start a second one
    env["PREFECT_HOME"] = str(prefect_home)
    assert "coprod refresh: run-0001 finished" in done.stdout
    assert "12 documents, 0 not used" in done.stdout
    assert f"report     {db.with_name('topics-report.html')}" in done.stdout
    assert "embedded" in done.stderr  # progress lines while the model works
    assert db.with_name("topics-report.html").is_file()

    shown = subprocess.run([str(coprod), "themes", "--db", str(db)], capture_output=True, text=True, env=env)
    assert shown.returncode == 0
    assert shown.stdout.startswith("run-0001: ")
    labels = " ".join(line for line in shown.stdout.lower().splitlines()[1:] if not line.startswith("     "))
    for topic in ("flood", "school"):  # a theme labelled with words of each of these topics
        assert set(labels.replace(",", " ").split()) & set(TOPICS[topic].split() + [topic]), labels

    found = subprocess.run([str(coprod), "search", "river gauges and sandbags", "--db", str(db), "--limit", "3"],
                           capture_output=True, text=True, env=env)
    assert found.returncode == 0, found.stderr
    first_hit = found.stdout.split("\n\n")[0]
    assert first_hit.startswith("  1. [") and "The flood" in first_hit  # the semantic and word match

    refused = subprocess.run([str(coprod), "query", "DROP TABLE runs", "--db", str(db)],
                             capture_output=True, text=True, env=env)
    assert refused.returncode == 1 and "read-only" in refused.stderr and "Traceback" not in refused.stderr
    listed = subprocess.run([str(coprod), "query", "SELECT count(*) AS n FROM runs", "--db", str(db), "--format", "json"],
                            capture_output=True, text=True, env=env)
    assert listed.stdout.strip() == '[{"n":1}]'

    out = tmp_path / "again.html"
    rebuilt = subprocess.run([str(coprod), "report", "--db", str(db), "--out", str(out)],
                             capture_output=True, text=True, env=env)
    assert rebuilt.returncode == 0 and out.read_bytes() == db.with_name("topics-report.html").read_bytes()


def test_runs_lists_attempts_newest_first_with_their_errors(topic_corpus, tmp_path, fake_embedder, capsys):
    from pipeline.refresh import refresh
    from pipeline.settings import Settings

    class Broken:
        model_id, dimension = "test/broken", 4

        def embed(self, texts):
            raise RuntimeError("model crashed")

    db = tmp_path / "c.duckdb"
    settings = Settings().replace("themes", min_themes=2, max_themes=3, taxonomy="")
    refresh(topic_corpus, db, None, settings, embedder=fake_embedder)
    try:
        refresh(topic_corpus, db, None, settings, embedder=Broken())
    except RuntimeError:
        pass
    assert main(["runs", "--db", str(db)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 2
    assert lines[0].startswith("run-0002  failed") and lines[0].endswith("RuntimeError in stage embed: model crashed")
    assert lines[1].startswith("run-0001  succeeded")
    assert "12 documents" in lines[1] and "3 themes" in lines[1]
