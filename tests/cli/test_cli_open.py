"""`drafter DRAFT.yaml` opens the app with that draft, as a desktop's "Open with" does."""

from __future__ import annotations

import argparse

import pytest

from drafter import cli
from drafter.commands import gui


@pytest.fixture
def opened(monkeypatch: pytest.MonkeyPatch) -> list[argparse.Namespace]:
    calls: list[argparse.Namespace] = []

    def fake(args: argparse.Namespace) -> int:
        calls.append(args)
        return 0

    monkeypatch.setattr(gui, "cmd_gui", fake)
    return calls


@pytest.mark.parametrize("argv", [["my draft.yaml"], ["Draft.YML"]])
def test_a_draft_file_opens_the_app(opened: list[argparse.Namespace], argv: list[str]) -> None:
    assert cli.main(argv) == 0
    assert opened[0].draft == argv[0]


def test_no_arguments_open_the_app(opened: list[argparse.Namespace]) -> None:
    assert cli.main([]) == 0
    assert opened[0].draft is None


def test_a_command_is_not_taken_for_a_file(opened: list[argparse.Namespace],
                                          capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["states"]) == 0
    assert not opened
    assert "Texas" in capsys.readouterr().out


def test_an_unknown_word_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        cli.main(["draft.txt"])
    assert exc.value.code == 2
