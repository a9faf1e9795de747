"""Copy the clause library, law data and templates into the package at build time.

They live at the top of the repository so people can read and edit them, but a plain
`pip install .` must carry them along; `drafter.resources` looks for them in
`drafter/data` first and falls back to the source checkout.
"""

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

DATA_DIRS = ("clauses", "laws", "jurisdictions", "templates", "examples")


class BuildWithData(build_py):
    def run(self) -> None:
        super().run()
        root = Path(__file__).resolve().parent
        target = Path(self.build_lib) / "drafter" / "data"
        for name in DATA_DIRS:
            src = root / name
            if src.is_dir():
                dst = target / name
                if dst.exists():
                    shutil.rmtree(dst)
                shutil.copytree(src, dst, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))


setup(cmdclass={"build_py": BuildWithData})
