"""Keys typed right after `ktv` Enter reach the app, in a real terminal (tmux at 80×24)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest

from .conftest import TODAY

pytestmark = pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is nodig voor een echte terminal")


def ktv_script() -> str:
    found = Path(sys.executable).with_name("ktv")
    return str(found) if found.exists() else (shutil.which("ktv") or "ktv")


class Terminal:
    """A tmux session of its own (its own server socket), 80×24, running bash."""

    def __init__(self, tmp: Path) -> None:
        self.socket = f"ktv-test-{uuid.uuid4().hex[:8]}"
        env = {**os.environ, "TERM": "xterm-256color"}
        env.pop("TMUX", None)
        self.env = env
        self.tmux("new-session", "-d", "-s", "t", "-x", "80", "-y", "24", "bash --norc --noprofile")
        time.sleep(0.3)

    def tmux(self, *args: str) -> str:
        done = subprocess.run(
            ["tmux", "-L", self.socket, *args], capture_output=True, text=True, env=self.env, timeout=30
        )
        return done.stdout

    def keys(self, *keys: str) -> None:
        self.tmux("send-keys", "-t", "t", *keys)

    def screen(self) -> str:
        return self.tmux("capture-pane", "-p", "-t", "t")

    def close(self) -> None:
        self.tmux("kill-server")


def test_keys_typed_while_ktv_starts_are_not_lost(demo, tmp_path):
    terminal = Terminal(tmp_path)
    try:
        terminal.keys(f"{ktv_script()} --data {demo} --today {TODAY.isoformat()}", "Enter")
        time.sleep(0.2)  # the app is still starting: nothing is on the screen yet
        terminal.keys("n")
        time.sleep(0.05)
        terminal.keys("WN-114", "Tab", "WG-007")
        deadline = time.time() + 30
        shown = ""
        while time.time() < deadline:
            shown = terminal.screen()
            werkgever = [line for line in shown.splitlines() if line.strip().startswith("Werkgever")]
            if "Nieuwe jobcoachperiode" in shown and werkgever and "WG-007" in werkgever[0]:
                break
            time.sleep(0.2)
        assert "Nieuwe jobcoachperiode" in shown, shown
        lines = {line.split()[0]: line for line in shown.splitlines() if line.split()}
        assert "WN-114" in lines.get("Werknemer", ""), shown
        assert "WG-007" in lines.get("Werkgever", ""), shown
        assert "nog geladen" not in shown
    finally:
        terminal.keys("Escape")
        time.sleep(0.3)
        terminal.keys("w")
        time.sleep(0.3)
        terminal.keys("C-q")
        time.sleep(0.5)
        terminal.close()
