"""Draft files: loading, validation of bad input, atomic saving, round trips."""

from __future__ import annotations

import os

import pytest

from drafter.errors import DataErrors, DrafterError
from drafter.load.draft import dumps, load_draft, new_draft, parse_draft, save_draft
from drafter.load.library import load_library
from helpers import DRAFT, PACK


@pytest.fixture(scope="module")
def ids():
    return set(load_library([PACK]).clauses)


def test_round_trip_keeps_edits(tmp_path, ids):
    d = load_draft(DRAFT, ids)
    d.clauses[0].text = "Edited wording for {{ jurisdiction }}.\n\n* first\n* second"
    out = save_draft(d, tmp_path / "x.yaml")
    again = load_draft(out, ids)
    assert again.clauses[0].text == d.clauses[0].text
    assert again.jurisdiction.agencies["jail"] == "Testville County Sheriff's Office"
    assert dumps(again) == dumps(d)


def test_unknown_keys_and_ids_with_hints(ids):
    text = DRAFT.read_text(encoding="utf-8")
    text = text.replace("  sponsor:", "  sponser:").replace("detainers.test_strong",
                                                            "detainers.test_strng")
    with pytest.raises(DataErrors) as exc:
        parse_draft(text, "d.yaml", ids)
    msgs = "\n".join(str(p) for p in exc.value.problems)
    assert "d.yaml:14: unknown key 'sponser' in ordinance (did you mean 'sponsor'?)" in msgs
    assert "unknown clause id 'detainers.test_strng' (did you mean 'detainers.test_strong'?)" \
        in msgs


def test_unknown_state_and_kind():
    text = ("drafter_draft: 1\njurisdiction:\n  name: X\n  kind: township\n  state: TZ\n")
    with pytest.raises(DataErrors) as exc:
        parse_draft(text, "d.yaml")
    msgs = "\n".join(str(p) for p in exc.value.problems)
    assert "d.yaml:4: unknown jurisdiction kind 'township'" in msgs
    assert "d.yaml:5: unknown state code 'TZ'" in msgs


def test_malformed_yaml():
    with pytest.raises(DrafterError, match=r"d.yaml:3: invalid YAML"):
        parse_draft("drafter_draft: 1\njurisdiction:\n  name: [x\n", "d.yaml")


def test_alias_bomb_refused():
    bomb = "a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a]\n"
    bomb += "c: &c [*b, *b, *b, *b, *b, *b, *b, *b]\n" * 1
    with pytest.raises(DrafterError, match="aliases"):
        parse_draft(bomb, "bomb.yaml")


def test_huge_file_refused_quickly(tmp_path):
    big = tmp_path / "big.yaml"
    with big.open("wb") as fh:
        fh.write(b"drafter_draft: 1\n# " + b"x" * (20 * 1024 * 1024) + b"\n")
    with pytest.raises(DrafterError, match=r"too large \(20\.0 MB"):
        load_draft(big)


def test_control_rtl_and_emoji_names(tmp_path, ids):
    d = new_draft("San Jos\u00e9 \u05e9\u05dc\u05d5\u05dd \U0001F3D9\ufe0f", "city", "ca")
    assert d.jurisdiction.state == "CA"
    d.ordinance.sponsor = "Council\x07member \u202eRuiz"
    path = save_draft(d, tmp_path / "u.yaml")
    back = load_draft(path, ids)
    assert back.jurisdiction.name == d.jurisdiction.name          # RTL and emoji survive
    assert "\x07" not in back.ordinance.sponsor                    # bell char is stripped
    raw = "drafter_draft: 1\njurisdiction:\n  name: \"Bad\\x07name\"\n  kind: city\n  state: IL\n"
    with pytest.raises(DataErrors, match=r"d.yaml:3: jurisdiction name contains a control"):
        parse_draft(raw, "d.yaml")


def test_atomic_save_keeps_old_file_on_failure(tmp_path, ids, monkeypatch):
    d = load_draft(DRAFT, ids)
    target = tmp_path / "keep.yaml"
    save_draft(d, target)
    before = target.read_bytes()

    def boom(*a, **k):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", boom)
    d.ordinance.number = "CHANGED"
    with pytest.raises(DrafterError, match="No space left"):
        save_draft(d, target)
    assert target.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["keep.yaml"]  # no temp file left


def test_newer_format_is_refused():
    with pytest.raises(DataErrors, match="newer than this Drafter"):
        parse_draft("drafter_draft: 9\njurisdiction: {name: X, kind: city, state: IL}\n")


def test_impossible_date_is_a_clear_error():
    text = ("drafter_draft: 1\njurisdiction: {name: X, kind: city, state: IL}\n"
            "ordinance:\n  introduced: 2026-13-03\n")
    with pytest.raises(DataErrors, match=r"d.yaml:4: bad value '2026-13-03'"):
        parse_draft(text, "d.yaml")


# --- text stays what the user typed (issue 14) ------------------------------------------------


TYPED = ("drafter_draft: 1\n"
         "jurisdiction: {name: 1848, kind: city, state: IL}\n"
         "ordinance:\n"
         "  number: 2026.10\n"
         "  short_title: 0123\n"
         "  sponsor: yes\n"
         "  effective: 2027-01-01\n"
         "  title: 12:30\n")


def test_unquoted_numbers_dates_and_booleans_in_text_fields_stay_as_typed(tmp_path, ids):
    d = parse_draft(TYPED, "d.yaml")
    o = d.ordinance
    assert (d.jurisdiction.name, o.number, o.short_title, o.sponsor, o.effective, o.title) == (
        "1848", "2026.10", "0123", "yes", "2027-01-01", "12:30")
    again = load_draft(save_draft(d, tmp_path / "t.yaml"), ids)  # and survive a save
    assert (again.ordinance.number, again.ordinance.short_title) == ("2026.10", "0123")


def test_text_yaml_cannot_keep_as_typed_asks_for_quotes():
    text = TYPED.replace("number: 2026.10", "number: !!float 2026")
    with pytest.raises(DataErrors, match=r"d.yaml:4: number must be written in quotes to be "
                                         r"read as text exactly as typed"):
        parse_draft(text, "d.yaml")


def test_state_code_that_yaml_reads_as_false_is_named_as_typed():
    text = "drafter_draft: 1\njurisdiction: {name: X, kind: city, state: NO}\n"
    with pytest.raises(DataErrors, match=r"d.yaml:2: unknown state code 'NO'"):
        parse_draft(text, "d.yaml")


def test_sponsor_with_a_non_character_is_refused_with_line():
    text = TYPED.replace("sponsor: yes", 'sponsor: "Ada \\uFFFF Ruiz"')
    with pytest.raises(DataErrors, match=r"d.yaml:6: sponsor contains a character Word "
                                         r"cannot hold \(U\+FFFF\)"):
        parse_draft(text, "d.yaml")


def test_a_folder_or_a_device_is_not_a_draft(tmp_path):
    with pytest.raises(DrafterError, match="is a folder, not a file"):
        load_draft(tmp_path)
    if os.path.exists("/dev/null"):
        with pytest.raises(DrafterError, match="/dev/null: is not a regular file"):
            load_draft("/dev/null")


@pytest.mark.parametrize(("field", "value", "message"), [
    ("name", "Cook {{ jail }}", "jurisdiction name must not contain template braces"),
    ("agenda_item", "Item {% 7 %}", "agenda item must not contain template braces"),
])
def test_save_refuses_a_draft_it_could_not_open_again(tmp_path, field, value, message):
    """A save never leaves a file that looks saved and will not reopen: nothing is written
    (an earlier copy stays as it was) and the error says which field."""
    d = new_draft("Cook", "county", "IL")
    out = tmp_path / "cook.yaml"
    save_draft(d, out)
    before = out.read_bytes()
    if field == "name":
        d.jurisdiction.name = value
    else:
        setattr(d.ordinance, field, value)
    with pytest.raises(DrafterError) as err:
        save_draft(d, out)
    assert message in str(err.value) and "not written" in str(err.value)
    assert out.read_bytes() == before
    assert load_draft(out).jurisdiction.name == "Cook"
