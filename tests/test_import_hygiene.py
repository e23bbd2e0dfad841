"""Domain code must be usable without the TUI: importing it never loads Textual."""

import pkgutil
import subprocess
import sys

import studyapp

UI_PACKAGES = ("studyapp.ui", "studyapp.app")


def domain_modules() -> list[str]:
    names = [m.name for m in pkgutil.walk_packages(studyapp.__path__, prefix="studyapp.")]
    return [n for n in names if not n.startswith(UI_PACKAGES) and n != "studyapp.__main__"]


def test_domain_modules_never_import_textual():
    modules = domain_modules()
    assert "studyapp.content.model" in modules
    code = (
        "import importlib, sys\n"
        f"for name in {modules!r}:\n"
        "    importlib.import_module(name)\n"
        "bad = sorted(m for m in sys.modules if m == 'textual' or m.startswith('textual.'))\n"
        "print(','.join(bad))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "", f"domain modules imported Textual: {out.stdout.strip()}"
