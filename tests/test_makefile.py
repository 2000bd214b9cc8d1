"""`make test` sets up what the tests need beyond Python: Debian's chromium when it is missing."""

import os
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

pytestmark = pytest.mark.slow  # runs make in a subprocess


def _fake(bin_dir: Path, name: str, body: str) -> None:
    path = bin_dir / name
    path.write_text("#!/bin/sh\n" + body + "\n")
    path.chmod(0o755)


def _make_chromium(tmp_path: Path, uid: str, browser: str = "coprod-test-no-browser") -> tuple[int, str, str]:
    if not shutil.which("make"):
        pytest.skip("make is not installed")
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    log = tmp_path / "calls.log"
    _fake(bin_dir, "apt-get", f'echo "apt-get $* DEBIAN_FRONTEND=$DEBIAN_FRONTEND" >> {log}')
    _fake(bin_dir, "sudo", f'echo "sudo" >> {log}; exec "$@"')
    _fake(bin_dir, "id", f'echo {uid}')
    env = {**{k: v for k, v in os.environ.items() if k != "DEBIAN_FRONTEND"}, "PATH": f"{bin_dir}:{os.environ['PATH']}"}
    done = subprocess.run(["make", "--no-print-directory", "-C", str(ROOT), "chromium", f"CHROMIUM={browser}"],
                          env=env, capture_output=True, text=True, timeout=60)
    return done.returncode, done.stdout, log.read_text() if log.exists() else ""


def test_a_missing_chromium_is_installed_with_apt_get_as_root(tmp_path):
    code, out, calls = _make_chromium(tmp_path, uid="0")
    assert code == 0
    assert calls.splitlines() == ["apt-get update -qq DEBIAN_FRONTEND=",
                                  "apt-get install -y -qq coprod-test-no-browser DEBIAN_FRONTEND=noninteractive"]
    assert "installing coprod-test-no-browser (Debian package)" in out


def test_a_user_who_is_not_root_installs_it_through_sudo(tmp_path):
    code, _, calls = _make_chromium(tmp_path, uid="1000")
    assert code == 0
    assert calls.splitlines() == ["sudo", "apt-get update -qq DEBIAN_FRONTEND=", "sudo",
                                  "apt-get install -y -qq coprod-test-no-browser DEBIAN_FRONTEND=noninteractive"]


def test_an_installed_browser_is_left_alone(tmp_path):
    code, out, calls = _make_chromium(tmp_path, uid="0", browser="sh")  # any command that exists
    assert (code, out, calls) == (0, "", "")
