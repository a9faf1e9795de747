"""`drafter check` and `drafter states` as separate processes: the JSON contract of
design.md, the readable table, and bad input (exit 2, one line per problem, no traceback)."""

from __future__ import annotations

import json
import shutil

from drafter import DISCLAIMER
from helpers import DATA, DRAFT, PACK, ROOT, assert_one_line_error, run_cli

FIXTURE_LAWS = DATA / "laws"
VERDICTS = {"blocked", "at_risk", "allowed", "state_law"}
CONTRACT_KEYS = ("clause", "protection", "verdict", "rule", "citations", "message")


def check_json(*args: str) -> dict:
    proc = run_cli(*args)
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr == ""
    return json.loads(proc.stdout)


def assert_contract(out: dict) -> None:
    # the design contract's keys first, then only the documented extras
    assert list(out) == ["state", "jurisdiction", "findings", "score", "pressure",
                         "pressure_level", "law_data"]
    assert isinstance(out["state"], str) and len(out["state"]) == 2
    assert isinstance(out["jurisdiction"], str) and out["jurisdiction"]
    assert isinstance(out["findings"], list) and out["findings"]
    for f in out["findings"]:
        assert isinstance(f, dict)
        for key in CONTRACT_KEYS:
            assert key in f, key
        assert isinstance(f["clause"], str) and f["clause"]
        assert isinstance(f["protection"], str) and f["protection"]
        assert f["verdict"] in VERDICTS
        assert isinstance(f["rule"], str) and f["rule"]
        assert isinstance(f["citations"], list)
        assert all(isinstance(c, str) for c in f["citations"])
        assert isinstance(f["message"], str) and f["message"]
    assert list(out["score"]) == ["local", "with_state_law"]
    for key in ("local", "with_state_law"):
        value = out["score"][key]
        assert type(value) is int and 0 <= value <= 7


def test_check_json_contract_on_fixture_data():
    out = check_json("--clauses", str(PACK), "check", str(DRAFT), "--json",
                     "--laws", str(FIXTURE_LAWS), "--as-of", "2026-11-21")
    assert_contract(out)
    assert out["state"] == "IL"
    assert out["jurisdiction"] == "Testville County"  # Illinois writes "X County"
    first = out["findings"][0]
    assert first["clause"] == "detainers.test_strong"
    assert first["protection"] == "detainers"
    assert (first["verdict"], first["rule"]) == ("state_law", "il-fixture-trust")
    assert first["citations"] == ["Fixture 5 ILCS 805"]
    rules = {f["rule"]: f["verdict"] for f in out["findings"]}
    assert rules["us-1373-1644"] == "allowed"  # the pack clause restricts status info
    assert out["score"] == {"local": 1, "with_state_law": 1}


def test_check_json_on_shipped_data_one_finding_per_clause(tmp_path):
    draft = tmp_path / "tx.yaml"
    proc = run_cli("new", str(draft), "--name", "Travis", "--kind", "county", "--state", "TX")
    assert proc.returncode == 0, proc.stderr
    out = check_json("check", str(draft), "--json", "--as-of", "2026-11-21")
    assert_contract(out)
    assert out["state"] == "TX"
    chosen = [c["id"] for c in __import__("yaml").safe_load(draft.read_text())["clauses"]]
    seen = []
    for f in out["findings"]:
        if f["clause"] not in seen:
            seen.append(f["clause"])
    assert seen == chosen  # every chosen clause, in ordinance order, decisive first
    decisive = {}
    for f in out["findings"]:
        decisive.setdefault(f["clause"], f)
    # `drafter new` starts with no clause that Texas blocks ...
    assert all(f["verdict"] != "blocked" for f in decisive.values())
    assert not any(cid.startswith("detainers.") for cid in chosen)
    # ... and a detainer clause added by hand is blocked by SB 4
    text = draft.read_text().replace("clauses:\n",
                                     "clauses:\n- id: detainers.judicial_warrant_only\n")
    draft.write_text(text)
    out = check_json("check", str(draft), "--json", "--as-of", "2026-11-21")
    det = next(f for f in out["findings"] if f["clause"] == "detainers.judicial_warrant_only")
    assert (det["verdict"], det["rule"]) == ("blocked", "tx-sb4-2017")


def test_new_says_which_protections_it_left_out(tmp_path):
    proc = run_cli("new", str(tmp_path / "h.yaml"), "--name", "Harris County", "--kind",
                   "county", "--state", "TX")
    assert proc.returncode == 0, proc.stderr
    assert "left out: Immigration detainers and transfer requests: every option is blocked " \
           "by state law" in proc.stdout
    assert "left out: Cite-and-release" in proc.stdout and "police department" in proc.stdout


def test_check_table_has_verdicts_score_and_disclaimer():
    proc = run_cli("--clauses", str(PACK), "check", str(DRAFT), "--laws", str(FIXTURE_LAWS),
                   "--as-of", "2026-11-21")
    assert proc.returncode == 0, proc.stderr
    out = proc.stdout
    assert "detainers.test_strong: Already state law" in out
    assert "law data last reviewed 2026-11-21" in out  # the state file's review date
    # rule ids and research notes only in --details (and --json)
    assert "il-fixture-trust" not in out and "[" not in out.split("ILRC")[0]
    assert "ILRC-style score (0-7): local 1/7, with state law 1/7" in out
    assert DISCLAIMER in out
    proc = run_cli("--clauses", str(PACK), "check", str(DRAFT), "--laws", str(FIXTURE_LAWS),
                   "--as-of", "2026-11-21", "--details")
    assert "[il-fixture-trust]" in proc.stdout


def test_county_draft_refused_where_there_is_no_county_government(tmp_path):
    out = tmp_path / "ct.yaml"
    proc = run_cli("new", str(out), "--name", "Hartford", "--kind", "county", "--state", "CT")
    assert_one_line_error(proc, "Connecticut has no county government")
    assert proc.returncode == 2 and not out.exists()
    # a hand-edited county draft in Connecticut is checked, not crashed: blocked by fit
    ok = tmp_path / "city.yaml"
    assert run_cli("new", str(ok), "--name", "Hartford", "--kind", "city",
                   "--state", "CT").returncode == 0
    ok.write_text(ok.read_text().replace("kind: city", "kind: county"))
    data = check_json("check", str(ok), "--json")
    rules = {(f["rule"], f["verdict"]) for f in data["findings"]}
    assert ("fit.government", "blocked") in rules


def test_states_json_and_table():
    proc = run_cli("states", "--json")
    assert proc.returncode == 0, proc.stderr
    rows = json.loads(proc.stdout)
    assert len(rows) == 51
    tx = next(r for r in rows if r["code"] == "TX")
    assert tx["name"] == "Texas" and tx["posture"] == "mandates_cooperation"
    assert type(tx["laws"]) is int and tx["laws"] >= 1
    assert tx["last_reviewed"] == "2026-11-29"
    proc = run_cli("states")
    assert proc.returncode == 0, proc.stderr
    assert "TX    Texas" in proc.stdout and "mandates_cooperation" in proc.stdout
    assert DISCLAIMER in proc.stdout


# --- bad input -----------------------------------------------------------------------------


def _laws_copy(tmp_path):
    folder = tmp_path / "laws"
    shutil.copytree(FIXTURE_LAWS, folder)
    return folder


def _one_line(proc) -> str:
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1, proc.stderr
    return lines[0]


def test_law_file_with_unknown_effect(tmp_path):
    folder = _laws_copy(tmp_path)
    il = folder / "IL.yaml"
    il.write_text(il.read_text().replace("      - protects: [hold_past_release",
                                         "      - protect: [hold_past_release"))
    proc = run_cli("--clauses", str(PACK), "check", str(DRAFT), "--laws", str(folder))
    assert_one_line_error(proc, "IL.yaml:", "unknown key 'protect' in provision",
                          "did you mean 'protects'")
    line = _one_line(proc)
    assert line.startswith("drafter: ") and "IL.yaml:24:" in line


def test_law_file_with_unknown_act(tmp_path):
    folder = _laws_copy(tmp_path)
    il = folder / "IL.yaml"
    il.write_text(il.read_text().replace("protects: [hold_past_release,",
                                         "protects: [hold_past_releas,"))
    proc = run_cli("--clauses", str(PACK), "check", str(DRAFT), "--laws", str(folder),
                   "--json")
    assert_one_line_error(proc, "IL.yaml:24:", "unknown act 'hold_past_releas'",
                          "did you mean 'hold_past_release'")
    _one_line(proc)
    assert proc.stdout == ""


def test_draft_state_without_law_file(tmp_path):
    draft = tmp_path / "ny.yaml"
    draft.write_text(DRAFT.read_text().replace("state: IL", "state: NY"))
    proc = run_cli("--clauses", str(PACK), "check", str(draft), "--laws", str(FIXTURE_LAWS))
    assert_one_line_error(proc, "no law data for state 'NY'", "NY.yaml")
    _one_line(proc)


def test_draft_with_unknown_state_code(tmp_path):
    draft = tmp_path / "zz.yaml"
    draft.write_text(DRAFT.read_text().replace("state: IL", "state: ZZ"))
    proc = run_cli("--clauses", str(PACK), "check", str(draft), "--json")
    assert_one_line_error(proc, "zz.yaml:5:", "unknown state code 'ZZ'")
    _one_line(proc)


def test_missing_draft_and_bad_date(tmp_path):
    proc = run_cli("check", str(tmp_path / "nope.yaml"))
    assert_one_line_error(proc, "nope.yaml", "file not found")
    proc = run_cli("check", str(DRAFT), "--as-of", "yesterday")
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    assert "not a date like 2026-11-21" in proc.stderr


def test_states_with_incomplete_folder_lists_what_is_there():
    proc = run_cli("states", "--json", "--laws", str(FIXTURE_LAWS))
    assert proc.returncode == 0, proc.stderr
    assert [r["code"] for r in json.loads(proc.stdout)] == ["AK", "CA", "IL", "TX"]


def test_shipped_law_data_is_found_from_another_directory(tmp_path):
    proc = run_cli("states", "--json", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert len(json.loads(proc.stdout)) == 51
    assert (ROOT / "laws" / "TX.yaml").is_file()
