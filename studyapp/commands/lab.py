"""`studyapp lab list [--json]` and `studyapp lab NAME [--set key=value ...] [--json]`.

With `--json` a lab runs headless and prints its `data`; without, the app opens at that lab. Settings are
parsed and clamped before anything opens, so a bad `--set` is one line on stderr. Lab modules (and NumPy)
load only inside the handlers.
"""

from __future__ import annotations

import argparse
from typing import Any

from studyapp.commands.common import add_json_flag, data_paths, print_json
from studyapp.errors import StudyAppError
from studyapp.labs import LAB_MODULES


def register(commands, groups) -> None:
    labs = groups["lab"]
    listing = labs.add_parser("list", help="list the labs and their settings")
    add_json_flag(listing)
    listing.set_defaults(run=run_list)
    for name in LAB_MODULES:
        parser = labs.add_parser(name, help=f"open the {name} lab (or print its numbers with --json)")
        parser.add_argument(
            "--set",
            action="append",
            default=[],
            metavar="KEY=VALUE",
            help="change one setting, e.g. --set threshold=2 (repeatable; see `studyapp lab list`)",
        )
        add_json_flag(parser)
        parser.set_defaults(run=run_lab, lab_name=name)


def parse_sets(items: list[str]) -> dict[str, str]:
    """`["a=1", "b=x,y"]` → `{"a": "1", "b": "x,y"}`; an item without '=' or a key is a StudyAppError."""
    sets: dict[str, str] = {}
    for item in items:
        key, sep, value = item.partition("=")
        if not sep or not key.strip():
            raise StudyAppError(f"--set {item!r}: expected KEY=VALUE")
        sets[key.strip()] = value.strip()
    return sets


def describe(lab) -> dict[str, Any]:
    """A lab's name, title, summary and settings as JSON-ready data."""
    params = []
    for p in lab.params:
        entry: dict[str, Any] = {"name": p.name, "kind": p.kind, "default": p.default, "help": p.help}
        if p.kind == "choice":
            entry["choices"] = list(p.choices)
        elif p.kind != "bool":
            entry.update(low=p.low, high=p.high, step=p.step, log=p.log)
        if p.kind == "vector":
            entry["max_len"] = p.max_len
        params.append(entry)
    return {"name": lab.name, "title": lab.title, "summary": lab.summary, "params": params}


def run_list(args: argparse.Namespace) -> int:
    from studyapp.labs import get_lab, lab_names

    labs = [describe(get_lab(name)) for name in lab_names()]
    if args.json:
        print_json(labs)
        return 0
    for lab in labs:
        print(f"{lab['name']}: {lab['title']}")
        print(f"    {lab['summary']}")
        settings = ", ".join(f"{p['name']}={_show(p['default'])}" for p in lab["params"])
        print(f"    settings: {settings}")
    return 0


def _show(value: Any) -> str:
    if isinstance(value, list):
        return ",".join(f"{v:g}" for v in value)
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def run_lab(args: argparse.Namespace) -> int:
    from studyapp.labs import get_lab

    lab = get_lab(args.lab_name)
    sets = parse_sets(args.set)
    if args.json:
        print_json(lab.run(sets, from_text=True).data)
        return 0
    settings = lab.settings(sets, from_text=True)  # checked before the app opens
    paths = data_paths(args)

    from studyapp.commands.tui import run_app

    return run_app(paths.root, args.pack_dir, start_lab=(lab.name, settings))
