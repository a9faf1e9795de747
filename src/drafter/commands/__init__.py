"""Subcommands of `drafter`, one module per group."""
