"""Progress bars: shown when asked or watched, silent otherwise, items always unchanged."""

from __future__ import annotations

import io

import pytest

from capex.io.progress import ENV_VARIABLE, in_notebook, progress, progress_enabled


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.fixture
def quiet_context(monkeypatch):
    """No setting, not CI, stderr not a terminal: the default is silence.

    Returns a function that puts a fresh stream in place of stderr; call it in the test body,
    since pytest's output capture replaces stderr again between set-up and the test.
    """
    monkeypatch.delenv(ENV_VARIABLE, raising=False)
    monkeypatch.delenv("CI", raising=False)

    def replace_stderr(stream: io.StringIO | None = None) -> io.StringIO:
        stream = stream if stream is not None else io.StringIO()
        monkeypatch.setattr("sys.stderr", stream)
        return stream

    replace_stderr()
    return replace_stderr


def test_items_pass_through_unchanged_with_or_without_a_bar():
    items = ["甲", "乙", "丙"]
    assert list(progress(items, disable=True)) == items
    assert list(progress(items, disable=False, file=io.StringIO())) == items
    assert list(progress(iter(items), total=3, disable=False, file=io.StringIO())) == items


def test_a_shown_bar_counts_the_items_under_its_label():
    out = io.StringIO()
    list(progress(range(4), desc="scenarios", disable=False, file=out))
    assert "scenarios" in out.getvalue()
    assert "4/4" in out.getvalue()


def test_silent_when_nobody_watches(quiet_context):
    stderr = quiet_context()
    assert not progress_enabled()
    list(progress(range(3), desc="hidden"))
    assert stderr.getvalue() == ""
    list(progress(range(3), desc="shown", disable=False))  # the same stream does get a bar
    assert "shown" in stderr.getvalue()


@pytest.mark.parametrize(
    ("setting", "ci", "disable", "expected"),
    [
        ("1", None, None, True),  # forced on
        ("on", "true", None, True),  # the setting wins over CI
        ("0", None, None, False),  # forced off
        (None, "true", None, False),  # CI is quiet
        (None, None, False, True),  # the caller wins over everything
        ("1", None, True, False),
    ],
)
def test_the_environment_and_the_caller_decide(
    monkeypatch, quiet_context, setting, ci, disable, expected
):
    quiet_context()
    if setting is not None:
        monkeypatch.setenv(ENV_VARIABLE, setting)
    if ci is not None:
        monkeypatch.setenv("CI", ci)
    assert progress_enabled(disable) is expected


def test_a_terminal_shows_the_bar(quiet_context):
    terminal = quiet_context(Terminal())
    assert progress_enabled()
    list(progress(range(2), desc="watched"))
    assert "watched" in terminal.getvalue()


def test_tests_do_not_run_in_a_notebook():
    assert not in_notebook()
