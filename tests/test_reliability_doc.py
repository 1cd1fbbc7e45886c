"""docs/reliability.md is in step with tests/hostile: every case is in it, each with its
expectation (regenerate with ``python tests/hostile/matrix.py``)."""

from __future__ import annotations

from tests.conftest import ROOT
from tests.hostile import matrix


def test_every_hostile_case_is_in_the_matrix() -> None:
    doc = (ROOT / "docs" / "reliability.md").read_text(encoding="utf-8")
    missing = []
    for (module, func), text in matrix.docstrings().items():
        case, expected = matrix.split(text)
        assert case and expected, f"{module}.{func}: docstring needs 'case. Expected: ...'"
        if case.replace("|", "\\|") not in doc or expected.replace("|", "\\|") not in doc:
            missing.append(f"{module}.{func}")
    assert not missing, f"not in docs/reliability.md (run tests/hostile/matrix.py): {missing}"
