"""Test-wide set-up: Qt renders offscreen; caches and app state stay inside the test run."""

import os
import tempfile

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
_state = tempfile.mkdtemp(prefix="drafter-tests-")
os.environ.setdefault("DRAFTER_CACHE", os.path.join(_state, "cache"))
os.environ.setdefault("DRAFTER_STATE_DIR", os.path.join(_state, "state"))
