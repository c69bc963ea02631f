"""Arguments past a bound, and bad data, end in one line and exit code 2; never exit 0 or 1
and never a traceback, now or later."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_cli import assert_one_line_error, run

ROOT = Path(__file__).resolve().parents[2]
LEDGER = str(ROOT / "examples" / "made_up_actuals_2018_2025.csv")
COST = ["--cost", "triangular(0, 0.1, 0.2)"]


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["variance", LEDGER, "--as-of", "-3"], "not a year from 0 to 9999"),
        (["variance", LEDGER, "--as-of", "10000000"], "not a year from 0 to 9999"),
        (["reforecast", LEDGER, "--as-of", "2024.7"], "not a year from 0 to 9999"),
        (["roll-forward", LEDGER, "--next", "2026-20300"], "years are from 0 to 9999"),
        (["reconcile", "--plan-period", "2021-99999"], "years are from 0 to 9999"),
        (
            ["risk", *COST, "--seed", "-1"],
            "argument --seed: must be a whole number from 0 to 2147483647",
        ),
        (["risk", *COST, "--seed", str(2**70)], "argument --seed: must be a whole number from 0"),
        (
            ["risk", *COST, "--draws", "1000001"],
            "argument --draws: must be a whole number from 1 to 1000000",
        ),
        (["risk", "--delay", "discrete(1000000=1)"], "a start delay is at most 300 years"),
        (["spread", "--profile", "s-curve(a=1e200, b=2)"], "from 0.001 to 1000"),
        (["reconcile", "--published", "total=-77.8,plan=48.39"], "a finite amount of at least 0"),
    ],
)
def test_a_value_past_a_bound_is_one_line_and_exit_2(
    capsys: pytest.CaptureFixture[str], args: list[str], words: str
) -> None:
    code, _, err = run(capsys, *args)
    assert code == 2, err
    assert_one_line_error(err)
    assert words in err


def test_negative_published_totals_in_the_metadata_exit_2(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """They used to exit 1, 'the totals do not reconcile', as if the data were sound."""
    bundled = ROOT / "data" / "major_projects"
    (tmp_path / "p.csv").write_bytes(bundled.with_suffix(".csv").read_bytes())
    metadata = bundled.with_suffix(".toml").read_text(encoding="utf-8")
    (tmp_path / "p.toml").write_text(
        metadata.replace('total_investment = "77.8"', 'total_investment = "-77.8"'),
        encoding="utf-8",
    )
    assert '"-77.8"' in (tmp_path / "p.toml").read_text(encoding="utf-8")
    code, _, err = run(capsys, "reconcile", str(tmp_path / "p.csv"))
    assert code == 2
    assert_one_line_error(err)
    assert "column 'total_investment', value '-77.8': a published total cannot be negative" in err


@pytest.mark.parametrize(
    ("address", "words"),
    [
        ("127.0.0.1:abc", "not a Dask scheduler address"),
        ("tcp://127.0.0.1:99999", "a port from 1 to 65535"),
        ("tcp://[::1", "not a Dask scheduler address"),
        ("inproc://x", "an in-process cluster's address"),
        ("tls://127.0.0.1:8786", "a secure cluster needs its security configuration"),
    ],
)
def test_a_bad_scheduler_address_is_refused_before_a_client_is_made(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    address: str,
    words: str,
) -> None:
    """A Client made from such an address failed half-way and, collected later, printed a
    Client.__del__ traceback 20 s after the right error: none is made now."""
    distributed = pytest.importorskip("distributed")

    def no_client(*args: object, **kwargs: object) -> None:
        raise AssertionError("a Client was made for a malformed address")

    monkeypatch.setattr(distributed, "Client", no_client)
    code, _, err = run(
        capsys, "risk", *COST, "--method", "spread", "--draws", "2", "--scheduler", address
    )
    assert code == 2
    assert_one_line_error(err)
    assert words in err
