"""Place names: said right once in full, then by the short form; agencies named as people
name them."""

from __future__ import annotations

import pytest

from drafter.ordinance.names import bare_name, place_name


@pytest.mark.parametrize(("typed", "kind", "bare"), [
    ("Austin", "city", "Austin"),
    ("City of Austin", "city", "Austin"),
    ("  city of   Austin ", "city", "Austin"),
    ("Carson City", "city", "Carson City"),
    ("Salt Lake City", "city", "Salt Lake City"),
    ("Harris County", "county", "Harris"),
    ("County of Riverside", "county", "Riverside"),
    ("Prince George's County", "county", "Prince George's"),
    ("Town of Chapel Hill", "town", "Chapel Hill"),
    ("Orleans Parish", "parish", "Orleans"),
    ("City and County of San Francisco", "city-county", "San Francisco"),
    ("Village of Oak Park", "village", "Oak Park"),
    ("Borough of State College", "borough", "State College"),
    ("County", "county", "County"),
])
def test_bare_name(typed: str, kind: str, bare: str) -> None:
    assert bare_name(typed, kind) == bare


def test_texas_county_is_harris_county_and_its_sheriff_keeps_the_word_county() -> None:
    p = place_name("Harris", "county", "{name} County")
    assert p.formal == "Harris County"
    assert p.short == "the County"
    assert p.agency("Sheriff's Office") == "Harris County Sheriff's Office"


def test_california_county_formal_name_follows_its_pattern() -> None:
    p = place_name("Riverside County", "county", "County of {name}")
    assert p.formal == "County of Riverside"
    assert p.agency("Sheriff's Office") == "Riverside County Sheriff's Office"


def test_city_typed_with_prefix_is_not_doubled() -> None:
    p = place_name("City of Austin", "city")
    assert p.formal == "City of Austin"
    assert "City of City" not in p.formal
    assert p.agency("Police Department") == "Austin Police Department"
    assert p.short == "the City"


def test_parish_and_city_county() -> None:
    assert place_name("Orleans", "parish").formal == "Orleans Parish"
    assert place_name("Orleans", "parish").short == "the Parish"
    sf = place_name("San Francisco", "city-county")
    assert sf.formal == "City and County of San Francisco"
    assert sf.short == "the City and County"


def test_a_formal_name_set_by_hand_wins() -> None:
    p = place_name("Nashville", "city-county",
                   formal_override="Metropolitan Government of Nashville and Davidson County")
    assert p.formal.startswith("Metropolitan Government")
    assert p.agency("Police Department") == "Nashville Police Department"
