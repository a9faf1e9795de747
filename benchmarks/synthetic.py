"""A synthetic clause library of realistic size and shape, for load-time benchmarks."""

from __future__ import annotations

from pathlib import Path

from drafter.vocab import PROTECTIONS, STRENGTHS

BODY = (
    "No officer or employee of the {{ jurisdiction }} shall use any funds, personnel or "
    "facilities to assist a Federal Immigration Authority with Civil Immigration "
    "Enforcement, except as required by a Judicial Warrant or by state or federal law.\n\n"
    "* This section applies to every Agency of the {{ jurisdiction }}.\n"
    "* Nothing in this section limits cooperation in a criminal investigation.\n"
    "* The {{ body }} shall receive an annual report on requests received under it.\n"
)


def write_library(folder: Path, n_clauses: int = 5000) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    pids = list(PROTECTIONS)
    per = n_clauses // len(pids) + 1
    made = 0
    for pid in pids:
        lines = [f"protection: {pid}", f"title: Synthetic {pid}", "options:"]
        for i in range(per):
            if made >= n_clauses:
                break
            made += 1
            body = "\n".join("      " + ln if ln else "" for ln in BODY.splitlines())
            lines += [
                f"  - id: {pid}.synthetic_{i}",
                f"    strength: {STRENGTHS[i % 4]}",
                f"    title: Synthetic option {i} for {pid}",
                "    summary: A synthetic option used to measure how fast a large library "
                "loads.",
                "    heading: Synthetic section",
                "    text: |",
                body,
                "    terms: [fia, cie, jw, agency]",
                "    findings: [trust]",
                "    modeled_on:",
                "      - {jurisdiction: 'King County, WA', year: 2014, instrument: "
                "Ordinance 17886, citation: K.C.C. 2.15.020}",
                "    kinds: [city, county, city-county, town]",
                "    agencies: []",
                "    restricts_status_info: false",
                "    notes: Synthetic.",
            ]
        (folder / f"{pid}.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (folder / "shared.yaml").write_text(
        "definitions:\n"
        "  fia: {term: Federal Immigration Authority, definition: means ICE.}\n"
        "  cie: {term: Civil Immigration Enforcement, definition: means civil enforcement.}\n"
        "  jw: {term: Judicial Warrant, definition: means a warrant signed by a judge.}\n"
        "  agency: {term: Agency, definition: means a department.}\n"
        "findings:\n"
        "  trust: {text: trust matters, authority: studies, general: true}\n",
        encoding="utf-8")
    return folder
