"""The tile-grid map: every state once, verdicts from the engine, SVG/PNG writers, CLI."""

from __future__ import annotations

import io
import xml.etree.ElementTree as ET

import pytest

from drafter import statemap
from drafter.check.engine import clause_verdict, decisive
from drafter.check.laws import load_lawbook
from drafter.cli import main
from drafter.load.session import library_from
from drafter.vocab import STATES

OPTION = "detainers.judicial_warrant_only"


@pytest.fixture(scope="module")
def lib():
    return library_from()


@pytest.fixture(scope="module")
def book():
    return load_lawbook()


def test_tiles_cover_every_state_once() -> None:
    assert set(statemap.TILES) == set(STATES)
    assert len(set(statemap.TILES.values())) == len(statemap.TILES)


def test_results_follow_the_engine(lib, book) -> None:
    clause = lib.clauses[OPTION]
    res = statemap.results(clause, book, "city")
    for code in ("FL", "CA", "TX", "OH"):
        top = decisive(clause_verdict(clause, code, book, kind="city"))
        assert res[code].category == top.verdict
    assert res["FL"].category == "blocked"
    assert statemap.results(clause, book, "county")["CT"].category == "not_applicable"


def test_svg_is_well_formed_and_outlines_the_state(lib, book) -> None:
    text = statemap.option_svg(lib.clauses[OPTION], book, "city", highlight="FL")
    root = ET.fromstring(text)
    ns = "{http://www.w3.org/2000/svg}"
    squares = [g for g in root.iter(f"{ns}g")]
    assert len(squares) == len(STATES)
    outlined = [g for g in squares if g.find(f"{ns}rect").get("stroke-width") == "3"]
    assert len(outlined) == 1 and outlined[0].find(f"{ns}text").text == "FL"
    assert "Blocked by state law" in text


def test_png_bytes(lib, book) -> None:
    from PIL import Image

    data = statemap.option_png(lib.clauses[OPTION], book, "city", highlight="FL")
    img = Image.open(io.BytesIO(data))
    assert img.format == "PNG" and img.width > 800
    # the Florida square is painted in the blocked colour
    x, y, w, h = statemap.Layout(statemap.TILE * 2, statemap.GAP * 2, statemap.MARGIN * 2,
                                 44 * 2).rect("FL")
    fill = statemap.COLORS["blocked"][0]
    assert img.convert("RGB").getpixel((x + w // 2, y + 8)) == tuple(
        int(fill[i:i + 2], 16) for i in (1, 3, 5))


def test_cli_map(tmp_path, capsys) -> None:
    out = tmp_path / "map.svg"
    assert main(["map", OPTION, "-o", str(out), "--kind", "city"]) == 0
    assert out.read_text().startswith("<svg")
    png = tmp_path / "map.png"
    assert main(["map", OPTION, "-o", str(png)]) == 0
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


@pytest.mark.parametrize("argv, message", [
    (["map", "detainers.nope", "-o", "x.png"], "unknown clause option"),
    (["map", OPTION, "-o", "x.pdf"], "as .png or .svg"),
    (["map", OPTION, "-o", "x.png", "--highlight", "ZZ"], "unknown state"),
])
def test_cli_map_bad_input(tmp_path, capsys, monkeypatch, argv, message) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err and len(err.strip().splitlines()) == 1
