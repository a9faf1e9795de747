"""Outputs never destroy an input or a protected file (issue 14): `drafter.outputs`
directly, then every writing command through `drafter.cli.main`."""

from __future__ import annotations

import os
import stat
import time
from pathlib import Path

import docx
import pytest

from drafter import cli, outputs
from drafter.errors import DrafterError, ExportError
from drafter.outputs import TMP_PREFIX, check_output, clean_stale, write_atomic
from helpers import DATA, DRAFT, PACK, assert_one_line_error, run_cli

DRAFT_V2 = DATA / "draft_v2.yaml"
POSIX = os.name == "posix"
posix_only = pytest.mark.skipif(not POSIX, reason="POSIX file types and modes")


def _draft(tmp_path: Path, name: str = "d.yaml") -> Path:
    p = tmp_path / name
    p.write_bytes(DRAFT.read_bytes())
    return p


def _main(capsys, *args: str) -> tuple[int, str]:
    code = cli.main(["--clauses", str(PACK), *args])
    err = capsys.readouterr().err
    return code, err


def _one_line(err: str, *needles: str) -> None:
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert "Traceback" not in err
    for n in needles:
        assert n in err, (n, err)


def _stray(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith(TMP_PREFIX))


# --- check_output ----------------------------------------------------------------------


def test_output_equal_to_an_input_is_refused(tmp_path):
    d = _draft(tmp_path)
    with pytest.raises(ExportError, match="input files"):
        check_output(str(d), d)
    # spelled differently: relative, with "..", through a symlink, a hard link
    sub = tmp_path / "sub"
    sub.mkdir()
    with pytest.raises(ExportError, match="input files"):
        check_output(str(sub / ".." / "d.yaml"), d)
    if POSIX:
        (tmp_path / "link.yaml").symlink_to(d)
        with pytest.raises(ExportError, match="input files"):
            check_output(str(tmp_path / "link.yaml"), d)
        os.link(d, tmp_path / "hard.yaml")
        with pytest.raises(ExportError, match="input files"):
            check_output(str(tmp_path / "hard.yaml"), d)
    # inputs that are not given are skipped; a different file is fine
    assert check_output(str(tmp_path / "o.docx"), d, None) == tmp_path / "o.docx"


@pytest.mark.parametrize("make,needle", [
    (lambda p: p.mkdir(), "is a folder"),
    (lambda p: os.mkfifo(p), "FIFO"),
    (lambda p: (p.parent / "real").mkdir() or p.symlink_to(p.parent / "real"), "is a folder"),
])
@posix_only
def test_special_outputs_are_refused(tmp_path, make, needle):
    out = tmp_path / "o.docx"
    make(out)
    with pytest.raises(ExportError, match=needle):
        check_output(str(out))
    with pytest.raises(ExportError, match=needle):
        write_atomic(out, b"x")


@posix_only
def test_device_and_socket_are_refused(tmp_path):
    with pytest.raises(ExportError, match="device"):
        check_output("/dev/null")
    import socket

    path = tmp_path / "s"
    with socket.socket(socket.AF_UNIX) as s:
        s.bind(str(path))
        with pytest.raises(ExportError, match="socket"):
            check_output(str(path))


def test_read_only_output_is_refused_even_for_root(tmp_path):
    out = tmp_path / "o.docx"
    out.write_bytes(b"keep me")
    out.chmod(stat.S_IRUSR | stat.S_IRGRP)
    try:
        with pytest.raises(ExportError, match="read-only"):
            check_output(str(out))
        with pytest.raises(ExportError, match="read-only"):
            write_atomic(out, b"new")
        assert out.read_bytes() == b"keep me"
    finally:
        out.chmod(0o644)


def test_trailing_separator_or_missing_folder_is_an_error(tmp_path):
    with pytest.raises(ExportError, match="folder separator"):
        check_output(str(tmp_path / "newdir") + os.sep)
    assert not (tmp_path / "newdir").exists()
    with pytest.raises(ExportError, match="is a folder"):
        check_output(str(tmp_path) + os.sep)
    with pytest.raises(ExportError, match="does not exist"):
        check_output(str(tmp_path / "nope" / "o.docx"))
    (tmp_path / "file").write_text("x")
    with pytest.raises(ExportError, match="is a file, not a folder"):
        check_output(str(tmp_path / "file" / "o.docx"))
    with pytest.raises(ExportError):
        check_output("")


# --- write_atomic ----------------------------------------------------------------------


def test_write_atomic_replaces_and_leaves_nothing_behind(tmp_path):
    out = tmp_path / "o.bin"
    out.write_bytes(b"old")
    assert write_atomic(out, b"new" * 1000) == out
    assert out.read_bytes() == b"new" * 1000
    assert _stray(tmp_path) == []
    write_atomic(str(tmp_path / "fresh.bin"), b"")
    assert (tmp_path / "fresh.bin").read_bytes() == b""


def test_long_valid_name_works(tmp_path):
    name_max = os.pathconf(tmp_path, "PC_NAME_MAX") if POSIX else 255
    name = "o" * (name_max - 5) + ".docx"
    out = tmp_path / name
    write_atomic(out, b"data")
    assert out.read_bytes() == b"data"
    # multi-byte names are measured in bytes too: never cut inside a character
    wide = tmp_path / ("é" * ((name_max - 5) // 2) + ".docx")
    write_atomic(wide, b"wide")
    assert wide.read_bytes() == b"wide"
    assert _stray(tmp_path) == []


def test_temporary_name_never_longer_than_the_final_name():
    for final in ["a", "o.docx", "x" * 40, "x" * 255, "é" * 127, "日本" * 42]:
        tmp = outputs._tmp_name(final)
        assert tmp.startswith(TMP_PREFIX)
        assert len(tmp.encode()) <= max(len(final.encode()), outputs.MIN_TMP_NAME)


@posix_only
def test_existing_file_keeps_its_mode_new_file_gets_umask(tmp_path):
    out = tmp_path / "o.docx"
    out.write_bytes(b"old")
    out.chmod(0o640)
    write_atomic(out, b"new")
    assert stat.S_IMODE(out.stat().st_mode) == 0o640
    old_umask = os.umask(0o027)
    try:
        write_atomic(tmp_path / "n.docx", b"new")
    finally:
        os.umask(old_umask)
    assert stat.S_IMODE((tmp_path / "n.docx").stat().st_mode) == 0o640


@posix_only
def test_symlink_output_writes_its_target(tmp_path):
    real_dir = tmp_path / "real"
    real_dir.mkdir()
    target = real_dir / "t.docx"
    target.write_bytes(b"old")
    target.chmod(0o600)
    link = tmp_path / "link.docx"
    link.symlink_to(target)
    assert write_atomic(link, b"new") == target
    assert link.is_symlink() and target.read_bytes() == b"new"
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert _stray(tmp_path) == [] and _stray(real_dir) == []
    # a dangling link creates its target, as editors do
    dangling = tmp_path / "dangling.docx"
    dangling.symlink_to(real_dir / "later.docx")
    write_atomic(dangling, b"later")
    assert dangling.is_symlink() and (real_dir / "later.docx").read_bytes() == b"later"
    # a loop is one clear error
    (tmp_path / "a").symlink_to(tmp_path / "b")
    (tmp_path / "b").symlink_to(tmp_path / "a")
    with pytest.raises(ExportError, match="loops"):
        write_atomic(tmp_path / "a", b"x")


def test_unwritable_folder_is_one_clear_error():
    with pytest.raises(ExportError, match="cannot write"):
        write_atomic("/proc/o.docx", b"x")


@posix_only
def test_orphaned_temporary_files_are_cleaned_by_the_next_write(tmp_path):
    orphan = tmp_path / f"{TMP_PREFIX}dead0000~o.docx"
    orphan.write_bytes(b"half")
    other = tmp_path / "keep.txt"
    other.write_text("not ours")
    write_atomic(tmp_path / "x.docx", b"x")
    assert _stray(tmp_path) == []
    assert other.exists()


@posix_only
def test_a_live_writers_temporary_file_is_not_removed(tmp_path):
    """A temporary file locked by a live writer (another process, here this one through a
    second descriptor) survives a cleaning pass."""
    import fcntl

    live = tmp_path / f"{TMP_PREFIX}live0000~o.docx"
    fd = os.open(live, os.O_WRONLY | os.O_CREAT, 0o666)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        assert clean_stale(tmp_path) == []
        assert live.exists()
    finally:
        os.close(fd)
    assert clean_stale(tmp_path) == [live.name]


def test_failed_write_leaves_old_file_and_no_temporary(tmp_path, monkeypatch):
    out = tmp_path / "o.docx"
    out.write_bytes(b"old")

    def boom(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(outputs.os, "replace", boom)
    with pytest.raises(ExportError, match="No space left"):
        write_atomic(out, b"new")
    assert out.read_bytes() == b"old"
    assert _stray(tmp_path) == []


def test_errors_are_drafter_errors():
    assert issubclass(ExportError, DrafterError)


# --- the commands ----------------------------------------------------------------------


def test_export_onto_the_draft_is_refused(tmp_path, capsys):
    d = _draft(tmp_path)
    before = d.read_bytes()
    code, err = _main(capsys, "export", str(d), "-o", str(d))
    assert code == 2
    _one_line(err, str(d), "input files")
    assert d.read_bytes() == before


def test_export_onto_the_template_is_refused(tmp_path, capsys):
    d = _draft(tmp_path)
    house = tmp_path / "house.docx"
    assert _main(capsys, "export", str(d), "-o", str(house))[0] == 0
    before = house.read_bytes()
    code, err = _main(capsys, "export", str(d), "-o", str(house), "--template", str(house))
    assert code == 2
    _one_line(err, "input files")
    assert house.read_bytes() == before
    # the draft's own export.template counts too
    d.write_text(d.read_text(encoding="utf-8") + "  template: house.docx\n",
                 encoding="utf-8")
    code, err = _main(capsys, "export", str(d), "-o", str(house))
    assert code == 2
    _one_line(err, "input files")
    assert house.read_bytes() == before


@pytest.mark.parametrize("which", ["old", "new"])
def test_redline_onto_either_input_is_refused(tmp_path, capsys, which):
    old, new = _draft(tmp_path, "old.yaml"), _draft(tmp_path, "new.yaml")
    new.write_bytes(DRAFT_V2.read_bytes())
    target = old if which == "old" else new
    before = target.read_bytes()
    code, err = _main(capsys, "redline", str(old), str(new), "-o", str(target))
    assert code == 2
    _one_line(err, "input files")
    assert target.read_bytes() == before


def test_packet_onto_the_draft_through_a_symlink_is_refused(tmp_path, capsys):
    d = _draft(tmp_path)
    if not POSIX:
        pytest.skip("symlinks")
    (tmp_path / "alias.docx").symlink_to(d)
    before = d.read_bytes()
    code, err = _main(capsys, "packet", str(d), "-o", str(tmp_path / "alias.docx"))
    assert code == 2
    _one_line(err, "input files")
    assert d.read_bytes() == before


@pytest.mark.parametrize("command", ["export", "packet", "compare", "redline"])
def test_trailing_separator_is_refused_by_every_command(tmp_path, capsys, command):
    d = _draft(tmp_path)
    out = str(tmp_path / "newdir") + os.sep
    args = {"export": ["export", str(d)], "packet": ["packet", str(d)],
            "compare": ["compare", "detainers.test_strong", "detainers.test_limited"],
            "redline": ["redline", str(d), str(DRAFT_V2)]}[command]
    code, err = _main(capsys, *args, "-o", out)
    assert code == 2
    _one_line(err, "folder separator")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["d.yaml"]


@posix_only
def test_export_to_fifo_does_not_hang(tmp_path):
    d = _draft(tmp_path)
    fifo = tmp_path / "o.docx"
    os.mkfifo(fifo)
    start = time.monotonic()
    proc = run_cli("--clauses", str(PACK), "export", str(d), "-o", str(fifo))
    assert_one_line_error(proc, "FIFO")
    assert time.monotonic() - start < 30


@posix_only
def test_export_to_device_is_refused(tmp_path, capsys):
    d = _draft(tmp_path)
    code, err = _main(capsys, "export", str(d), "-o", "/dev/null")
    assert code == 2
    _one_line(err, "device")


def test_export_over_read_only_file_is_refused(tmp_path, capsys):
    d = _draft(tmp_path)
    out = tmp_path / "o.docx"
    out.write_bytes(b"signed copy")
    out.chmod(0o444)
    try:
        code, err = _main(capsys, "export", str(d), "-o", str(out))
        assert code == 2
        _one_line(err, "read-only")
        assert out.read_bytes() == b"signed copy"
    finally:
        out.chmod(0o644)


@posix_only
def test_export_through_symlink_keeps_link_and_mode(tmp_path, capsys):
    d = _draft(tmp_path)
    shared = tmp_path / "shared"
    shared.mkdir()
    target = shared / "ordinance.docx"
    target.write_bytes(b"old")
    target.chmod(0o664)
    link = tmp_path / "o.docx"
    link.symlink_to(target)
    assert _main(capsys, "export", str(d), "-o", str(link))[0] == 0
    assert link.is_symlink()
    assert stat.S_IMODE(target.stat().st_mode) == 0o664
    assert docx.Document(str(target)).paragraphs[0].text == "ORDINANCE NO. O-2026-01"


def test_export_long_name(tmp_path, capsys):
    d = _draft(tmp_path)
    name_max = os.pathconf(tmp_path, "PC_NAME_MAX") if POSIX else 255
    out = tmp_path / ("n" * (name_max - 5) + ".docx")
    code, err = _main(capsys, "export", str(d), "-o", str(out))
    assert code == 0, err
    assert docx.Document(str(out)).paragraphs[0].text == "ORDINANCE NO. O-2026-01"


def test_draft_save_cleans_orphans_and_keeps_mode(tmp_path):
    from drafter.load.draft import load_draft, save_draft

    d = _draft(tmp_path)
    orphan = tmp_path / f"{TMP_PREFIX}0badf00d~d.yaml"
    orphan.write_text("drafter_draft: 1\njurisd")
    if POSIX:
        d.chmod(0o600)
    save_draft(load_draft(d), d)
    assert _stray(tmp_path) == []
    assert load_draft(d).jurisdiction.name
    if POSIX:
        assert stat.S_IMODE(d.stat().st_mode) == 0o600


# --- drafter new -----------------------------------------------------------------------


def _new(capsys, out: Path | str, *extra: str, name: str = "Springfield") -> tuple[int, str]:
    code = cli.main(["new", str(out), "--name", name, "--kind", "city", "--state", "IL",
                     *extra])
    captured = capsys.readouterr()
    return code, captured.err


def test_new_will_not_replace_an_existing_file(tmp_path, capsys):
    out = tmp_path / "d.yaml"
    out.write_text("my draft")
    code, err = _new(capsys, out)
    assert code == 2
    _one_line(err, "already exists", "--force")
    assert out.read_text() == "my draft"
    assert _new(capsys, out, "--force")[0] == 0
    from drafter.load.draft import load_draft

    assert load_draft(out).jurisdiction.name == "Springfield"


@posix_only
def test_new_will_not_replace_a_dangling_link_without_force(tmp_path, capsys):
    out = tmp_path / "d.yaml"
    out.symlink_to(tmp_path / "elsewhere.yaml")
    code, err = _new(capsys, out)
    assert code == 2
    _one_line(err, "already exists")
    assert not (tmp_path / "elsewhere.yaml").exists()


def test_new_force_still_refuses_read_only_and_folders(tmp_path, capsys):
    ro = tmp_path / "ro.yaml"
    ro.write_text("keep")
    ro.chmod(0o444)
    try:
        code, err = _new(capsys, ro, "--force")
        assert code == 2
        _one_line(err, "read-only")
    finally:
        ro.chmod(0o644)
    code, err = _new(capsys, tmp_path, "--force")
    assert code == 2
    _one_line(err, "is a folder")


@pytest.mark.parametrize("name,needle", [
    ("", "--name is empty"),
    ("   ", "--name is empty"),
    ("x" * 500, "too long"),
])
def test_new_refuses_a_draft_it_could_not_open(tmp_path, capsys, name, needle):
    out = tmp_path / "d.yaml"
    code, err = _new(capsys, out, name=name)
    assert code == 2, err
    assert needle in err and "Traceback" not in err
    assert not out.exists()


def test_new_writes_a_draft_that_loads_and_exports(tmp_path, capsys):
    out = tmp_path / "d.yaml"
    code, _ = _new(capsys, out, name="Saint-Jean  d'Acre — Ville")
    assert code == 0
    code = cli.main(["export", str(out), "-o", str(tmp_path / "d.docx")])
    assert code == 0, capsys.readouterr().err
