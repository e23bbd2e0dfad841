"""`studyapp pack import FILE` and `studyapp pack export ID`: packs from and to CSV, Markdown and Anki."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from studyapp.commands.common import add_json_flag, data_paths, print_json
from studyapp.errors import StudyAppError

EXPORT_FORMATS = ("apkg", "csv", "yaml")


def register(commands, groups) -> None:
    pack = groups["pack"]
    parser = pack.add_parser(
        "import",
        help="import flashcards from CSV/TSV, Anki (.apkg, .anki2, plain text) or Markdown notes",
        description="Import a file as a user pack (written to the data dir's packs/<id>.yaml).",
    )
    parser.add_argument("file", help=".csv .tsv .txt .md .markdown .apkg .anki2 .anki21")
    parser.add_argument("--id", dest="pack_id", help="pack id (default: from the file name)")
    parser.add_argument("--topic", help="topic for cards without tags (default: the file name)")
    parser.add_argument("--title", help="pack title")
    parser.add_argument("--dry-run", action="store_true", help="show what would be imported, write nothing")
    parser.add_argument("--replace", action="store_true", help="replace an existing pack with the same id")
    add_json_flag(parser)
    parser.set_defaults(run=run_import)

    parser = pack.add_parser("export", help="export a pack to Anki (.apkg), CSV or YAML")
    parser.add_argument("pack_id", metavar="ID")
    parser.add_argument("--format", choices=EXPORT_FORMATS, help="default: from the output file's extension")
    parser.add_argument("-o", "--output", required=True, metavar="FILE")
    add_json_flag(parser)
    parser.set_defaults(run=run_export)


def _stderr_progress(label: str):
    """Progress lines on stderr, for inputs large enough to take a while."""
    from studyapp.interop.report import PROGRESS_EVERY

    def progress(done: int, total: int) -> None:
        if total >= PROGRESS_EVERY:
            print(f"{label}: {done}/{total}", file=sys.stderr)

    return progress


def _print_items(title: str, items) -> None:
    if items:
        print(f"{title} ({len(items)}):")
        for item in items:
            print(f"  {item}")


def run_import(args: argparse.Namespace) -> int:
    from studyapp.interop.builder import ImportOptions
    from studyapp.interop.installing import import_file, install_pack, validate_pack_data

    path = Path(args.file).expanduser()
    options = ImportOptions(pack_id=args.pack_id, title=args.title, topic=args.topic)
    result = import_file(path, options, None if args.json else _stderr_progress("read"))
    if not validate_pack_data(result.data, str(path)):
        result.report.note("", "not checked against the pack schema: studyapp.content.loader is missing")
    target = None if args.dry_run else install_pack(result.data, data_paths(args).packs, replace=args.replace)
    pack_id = result.data["id"]
    if args.json:
        print_json({"pack": pack_id, "path": target, "dry_run": args.dry_run, **result.report.to_json()})
        return 0
    verb = "would import" if args.dry_run else "imported"
    where = f" → {target}" if target else ""
    print(
        f"{verb} {result.report.imported} question(s) into pack {pack_id!r} ({result.data['title']}){where}"
    )
    _print_items("skipped", result.report.skipped)
    _print_items("notes", result.report.notes)
    return 0


def run_export(args: argparse.Namespace) -> int:
    from studyapp.content.library import Library
    from studyapp.interop.anki_export import export_apkg
    from studyapp.interop.csv_export import export_csv
    from studyapp.interop.pack_yaml import export_yaml

    target = Path(args.output).expanduser()
    chosen = args.format or target.suffix.lower().lstrip(".").replace("yml", "yaml")
    if chosen not in EXPORT_FORMATS:
        raise StudyAppError(f"cannot tell the export format from {target.name!r}; use --format apkg|csv|yaml")
    pack = Library.discover(data_paths(args), extra_dirs=args.pack_dir).get(args.pack_id)
    if pack is None:
        raise StudyAppError(f"no pack with id {args.pack_id!r} (bundled, in the data dir or in --pack-dir)")
    if chosen == "apkg":
        report = export_apkg(pack, target, None if args.json else _stderr_progress("export"))
    elif chosen == "csv":
        report = export_csv(pack, target)
    else:
        report = export_yaml(pack, target)
    if args.json:
        print_json({"pack": pack.id, "format": chosen, "path": target, **report.to_json()})
        return 0
    print(f"exported {report.exported} card(s) of pack {pack.id!r} to {target} ({chosen})")
    _print_items("skipped", report.skipped)
    return 0
