"""`pdscan scan --format html --out map.html`: one self-contained page of where personal
data lives, with the links between collections."""

from __future__ import annotations

import shutil
import stat
from html.parser import HTMLParser
from pathlib import Path

from tests.conftest import SAMPLE_DB, run_cli


class _Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.external: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        for name, value in attrs:
            if name in ("src", "href") and value and "//" in value:
                self.external.append(value)

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def test_data_map(tmp_path: Path) -> None:
    shutil.copytree(SAMPLE_DB, tmp_path / "s", ignore=shutil.ignore_patterns(".pdscan"))
    cfg = tmp_path / "s" / "pdscan.toml"
    index = tmp_path / "index.db"
    assert run_cli("index", "-c", str(cfg), "--index", str(index)).returncode == 0
    out = tmp_path / "map.html"
    proc = run_cli("scan", "-c", str(cfg), "--format", "html", "--out", str(out),
                   "--index", str(index), "--no-nlp")
    assert proc.returncode == 0, proc.stderr
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    page = _Page()
    page.feed(out.read_text(encoding="utf-8"))
    text = " ".join(page.text)
    assert "script" not in page.tags and not page.external
    assert "main.customers" in text and "Email" in text  # fideslang's name of the category
    assert "user.contact.email" in text
    assert "Links between collections" in text and "inferred" in text and "declared" in text
    assert "elodie" not in text.lower()  # names of columns, never values
    bad = run_cli("scan", "-c", str(cfg), "--format", "json", "--out", str(tmp_path / "x"))
    assert bad.returncode == 2
