"""The preemption check: state and federal law data (`laws`), the engine that turns it
into findings for the clauses of a draft (`engine`), their wording (`messages`) and the
starting proposal for a new draft (`proposal`). Qt-free; the CLI and the GUI share it.

Import from the submodules; this package re-exports nothing, so importing one part never
pulls in the others (and no import circle runs through here)."""
