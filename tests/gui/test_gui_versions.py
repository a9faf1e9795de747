"""Every save keeps a version (in the app's data folder, bounded); "Redline Against an
Earlier Version" lists them."""

from __future__ import annotations

import docx
import pytest
from PySide6.QtWidgets import QDialog, QFileDialog

from drafter.gui import versions
from drafter.gui.versions import VersionDialog, list_versions, versions_dir
from drafter.load.draft import new_draft, save_draft

pytestmark = pytest.mark.gui


def test_each_save_keeps_a_version_and_redline_offers_them(make_window, tmp_path, gui_state,
                                                           gui_library, monkeypatch, qtbot):
    path = tmp_path / "travis.yaml"
    save_draft(new_draft("Travis", "county", "TX"), path)
    win = make_window()
    win.files.load_path(path)
    first = gui_library.options("transparency")[0]
    win.add_clause(first.id)
    assert win.files.save()
    assert versions_dir(path).is_relative_to(gui_state)
    assert len(list_versions(path)) == 1
    assert win.files.save()  # nothing changed: no new version
    assert len(list_versions(path)) == 1
    win.remove_clause(first.id)
    assert win.files.save()
    kept = list_versions(path)
    assert len(kept) == 2 and kept[0].saved >= kept[1].saved

    offered = []

    def pick(dialog):
        offered.append([dialog.list.item(i).text() for i in range(dialog.list.count())])
        dialog.list.setCurrentRow(0)  # the version before the current one
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(VersionDialog, "exec", pick)
    monkeypatch.setattr(QFileDialog, "getOpenFileName",
                        lambda *a, **k: pytest.fail("no file dialog when versions exist"))
    out = tmp_path / "redline.docx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(out), ""))
    with qtbot.waitSignal(win.exports.finished, timeout=60000):
        win.menu_actions.compare_earlier.trigger()
    assert offered == [[kept[1].label()]]  # the current version is not offered
    body = docx.Document(str(out)).element.body.xml
    assert "w:del" in body  # the removed clause shows as deleted


def test_versions_are_bounded(tmp_path, gui_state, monkeypatch):
    monkeypatch.setattr(versions, "MAX_VERSIONS", 3)
    path = tmp_path / "d.yaml"
    for i in range(5):
        path.write_text(f"version {i}\n")
        assert versions.keep_version(path) is not None
    kept = list_versions(path)
    assert [v.path.read_text() for v in kept] == ["version 4\n", "version 3\n", "version 2\n"]
