"""The Drafter desktop app (PySide6). The only package that imports Qt.

Everything here is a thin layer over the Qt-free core: the app calls the same functions
the CLI calls (`assemble`, `check_draft`, `write_ordinance`, ...), so all behaviour that
matters can be scripted and tested headless.
"""
