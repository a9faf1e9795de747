"""Reading and checking Drafter's files: YAML with lines, the clause library, drafts,
jurisdiction profiles, and where the shipped data lives."""
