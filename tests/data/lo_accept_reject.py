"""The test run's one LibreOffice session (tests/conftest.py), run with a Python that has
LibreOffice's `uno` bridge.

    python3 lo_accept_reject.py SOFFICE MODE:FILE.docx [MODE:FILE.docx ...]

MODE is accept (Accept All tracked changes), reject (Reject All), none, or pdf (write
FILE.pdf next to the .docx, as `soffice --convert-to pdf` would). Prints one JSON object:
{"MODE:FILE": [paragraph texts as LibreOffice sees them], ...}.
"""

import contextlib
import json
import os
import subprocess
import sys
import tempfile
import time

import uno  # noqa: I001  (LibreOffice's bridge; must come before com.sun.star)
from com.sun.star.beans import PropertyValue

COMMANDS = {"accept": ".uno:AcceptAllTrackedChanges", "reject": ".uno:RejectAllTrackedChanges"}


def prop(name, value):
    p = PropertyValue()
    p.Name, p.Value = name, value
    return p


def paragraphs(doc):
    out = []
    en = doc.getText().createEnumeration()
    while en.hasMoreElements():
        el = en.nextElement()
        if el.supportsService("com.sun.star.text.Paragraph"):
            out.append(el.getString())
    return out


def main(soffice, items):
    profile = tempfile.mkdtemp(prefix="drafter-uno-")
    pipe = f"drafter_test_{os.getpid()}"
    proc = subprocess.Popen([soffice, f"-env:UserInstallation=file://{profile}", "--headless",
                             "--invisible", "--norestore", f"--accept=pipe,name={pipe};urp;"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    desktop = None
    try:
        local = uno.getComponentContext()
        resolver = local.ServiceManager.createInstanceWithContext(
            "com.sun.star.bridge.UnoUrlResolver", local)
        ctx = None
        for _ in range(200):
            try:
                ctx = resolver.resolve(f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext")
                break
            except Exception:
                time.sleep(0.3)
        if ctx is None:
            raise SystemExit("could not connect to LibreOffice")
        smgr = ctx.ServiceManager
        desktop = smgr.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
        dispatcher = smgr.createInstanceWithContext("com.sun.star.frame.DispatchHelper", ctx)
        out = {}
        for item in items:
            mode, path = item.split(":", 1)
            url = uno.systemPathToFileUrl(os.path.abspath(path))
            doc = desktop.loadComponentFromURL(url, "_blank", 0, (prop("Hidden", True),))
            if mode == "pdf":
                pdf = uno.systemPathToFileUrl(os.path.splitext(os.path.abspath(path))[0] + ".pdf")
                doc.storeToURL(pdf, (prop("FilterName", "writer_pdf_Export"),))
            if mode in COMMANDS:
                frame = doc.getCurrentController().getFrame()
                dispatcher.executeDispatch(frame, COMMANDS[mode], "", 0, ())
            out[item] = paragraphs(doc)
            doc.close(True)
        print(json.dumps(out))
    finally:
        if desktop is not None:
            with contextlib.suppress(Exception):
                desktop.terminate()
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2:])
