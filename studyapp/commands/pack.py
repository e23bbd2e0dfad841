"""`studyapp pack list|show|validate|new|schema|add|remove|sample|computations`: authoring and managing packs.

Bundled packs, the data dir's `packs/` and every `--pack-dir` are listed together, each marked by origin.
Problems in pack files are printed as `file:line: message`, one per line.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from studyapp.commands.common import add_json_flag, data_paths, print_json
from studyapp.errors import StudyAppError

EXIT_INVALID = 1
EXIT_REFUSED = 2


def register(commands, groups) -> None:
    pack = groups["pack"]
    parser = pack.add_parser("list", help="list bundled and user packs, and pack files that fail to load")
    add_json_flag(parser)
    parser.set_defaults(run=run_list)

    parser = pack.add_parser("show", help="show a pack's details and its questions")
    parser.add_argument("pack_id", metavar="ID")
    add_json_flag(parser)
    parser.set_defaults(run=run_show)

    parser = pack.add_parser(
        "validate",
        help="check pack files (or folders of them); exit 1 if any has a problem",
        description="Print every problem as file:line: message; exit 0 when all files are valid, else 1.",
    )
    parser.add_argument("paths", nargs="+", metavar="PATH", help="a pack file or a folder of them")
    add_json_flag(parser)
    parser.set_defaults(run=run_validate)

    parser = pack.add_parser("new", help="write a commented example pack with one question of every kind")
    parser.add_argument("pack_id", metavar="ID", help="the new pack's id (lowercase letters, digits, '-')")
    parser.add_argument("-o", "--output", metavar="FILE", help="where to write it (default: ./ID.yaml)")
    parser.set_defaults(run=run_new)

    parser = pack.add_parser("schema", help="print (or write) the pack format as a JSON Schema")
    parser.add_argument("-o", "--output", metavar="FILE", help="write it to FILE instead of printing it")
    parser.set_defaults(run=run_schema)

    parser = pack.add_parser("add", help="check a pack file and install it as a user pack")
    parser.add_argument("file", metavar="FILE")
    parser.add_argument("--replace", action="store_true", help="replace a different user pack with that id")
    add_json_flag(parser)
    parser.set_defaults(run=run_add)

    parser = pack.add_parser("remove", help="remove a user pack (its review history is kept)")
    parser.add_argument("pack_id", metavar="ID")
    add_json_flag(parser)
    parser.set_defaults(run=run_remove)

    parser = pack.add_parser("sample", help="draw one instance of a generated question")
    parser.add_argument("pack_id", metavar="PACK_ID")
    parser.add_argument("question_id", metavar="QUESTION_ID")
    parser.add_argument("--seed", type=int, metavar="S", help="draw this instance again (default: random)")
    add_json_flag(parser)
    parser.set_defaults(run=run_sample)

    parser = pack.add_parser("computations", help="list the computations generated questions can name")
    add_json_flag(parser)
    parser.set_defaults(run=run_computations)


def _library(args: argparse.Namespace):
    from studyapp.content.library import Library

    return Library.discover(data_paths(args), extra_dirs=args.pack_dir)


def _summary(pack) -> dict[str, Any]:
    return {
        "id": pack.id,
        "title": pack.title,
        "origin": pack.origin,
        "questions": len(pack.questions),
        "topics": len(pack.topics),
        "source": str(pack.source) if pack.source else None,
    }


def run_list(args: argparse.Namespace) -> int:
    library = _library(args)
    packs = [_summary(p) for p in library.packs]
    if args.json:
        print_json({"packs": packs, "problems": library.problems})
        return 0
    width = max((len(p["id"]) for p in packs), default=0)
    for p in packs:
        print(
            f"{p['origin']:<8} {p['id']:<{width}}  {p['title']}  "
            f"({p['questions']} questions, {p['topics']} topics)  {p['source']}"
        )
    if not packs:
        print("no packs found")
    for problem in library.problems:
        print(problem, file=sys.stderr)
    return 0


def _question_json(question) -> dict[str, Any]:
    from studyapp.interop.pack_yaml import question_to_data

    return {**question_to_data(question), "difficulty": question.difficulty, "line": question.line}


def run_show(args: argparse.Namespace) -> int:
    pack = _library(args).get(args.pack_id)
    if args.json:
        print_json(
            {
                **_summary(pack),
                "description": pack.description,
                "version": pack.version,
                "authors": list(pack.authors),
                "license": pack.license,
                "references": [{"title": r.title, "url": r.url} for r in pack.references],
                "topics": [{"id": t.id, "title": t.title} for t in pack.topics],
                "questions": [_question_json(q) for q in pack.questions],
            }
        )
        return 0
    print(f"{pack.id}: {pack.title} ({pack.origin}, {pack.source})")
    details = [f"version {pack.version}" if pack.version else "", ", ".join(pack.authors), pack.license]
    if any(details):
        print(" · ".join(d for d in details if d))
    if pack.description:
        print(pack.description)
    print(f"topics ({len(pack.topics)}):")
    for topic in pack.topics:
        count = sum(topic.id in q.topics for q in pack.questions)
        print(f"  {topic.id}: {topic.title} ({count} questions)")
    print(f"questions ({len(pack.questions)}):")
    width = max(len(q.id) for q in pack.questions)
    for q in pack.questions:
        first_line = q.prompt_text.strip().splitlines()[0] if q.prompt_text.strip() else ""
        shown = first_line if len(first_line) <= 70 else first_line[:69] + "…"
        print(f"  {q.id:<{width}}  {q.kind:<9} {q.difficulty:<6}  {shown}")
    return 0


def _file_problems(path: Path) -> list[str]:
    from studyapp.content.loader import PackError
    from studyapp.content.pack_files import check_pack_file

    try:
        check_pack_file(path)
    except PackError as exc:
        return exc.problems
    return []


def run_validate(args: argparse.Namespace) -> int:
    from studyapp.content.library import PACK_SUFFIXES, pack_files

    results: dict[str, list[str]] = {}
    for given in args.paths:
        path = Path(given).expanduser()
        files = pack_files(path) if path.is_dir() else [path]
        if not files:
            suffixes = ", ".join(f"*{s}" for s in PACK_SUFFIXES)
            results[given] = [f"{path}: no pack files ({suffixes}) in this folder"]
        for file in files:
            results[str(file)] = _file_problems(file)
    invalid = [name for name, problems in results.items() if problems]
    if args.json:
        print_json(results)
    else:
        for problems in results.values():
            for problem in problems:
                print(problem)
        count = sum(len(problems) for problems in results.values())
        verdict = f"{len(invalid)} invalid, {count} problem(s)" if invalid else "all valid"
        print(f"checked {len(results)} pack file(s): {verdict}", file=sys.stderr)
    return EXIT_INVALID if invalid else 0


def run_new(args: argparse.Namespace) -> int:
    from studyapp.content.scaffold import SCHEMA_FILE_NAME, scaffold_text, schema_text
    from studyapp.content.schema import SLUG
    from studyapp.interop.atomic_file import write_text_atomically

    if not SLUG.match(args.pack_id):
        raise StudyAppError(
            f"{args.pack_id!r} is not a valid pack id (lowercase letters, digits and '-', at most 64)"
        )
    target = Path(args.output or f"{args.pack_id}.yaml").expanduser()
    schema_file = (data_paths(args).root / SCHEMA_FILE_NAME).resolve()
    try:
        with target.open("x", encoding="utf-8") as handle:  # "x": never overwrite an existing file
            handle.write(scaffold_text(args.pack_id, schema_file.as_uri()))
    except FileExistsError as exc:
        raise StudyAppError(f"{target} already exists; choose another file with -o") from exc
    except OSError as exc:
        raise StudyAppError(f"cannot write {target}: {exc.strerror or exc}") from exc
    write_text_atomically(schema_file, schema_text())
    print(f"wrote {target} (schema for editors: {schema_file})")
    print(f"next: edit it, then `studyapp pack validate {target}` and `studyapp pack add {target}`")
    return 0


def run_schema(args: argparse.Namespace) -> int:
    from studyapp.content.scaffold import schema_text
    from studyapp.interop.atomic_file import write_text_atomically

    if args.output is None:
        sys.stdout.write(schema_text())
        return 0
    target = Path(args.output).expanduser()
    write_text_atomically(target, schema_text())
    print(f"wrote {target}")
    return 0


def run_add(args: argparse.Namespace) -> int:
    from studyapp.content.loader import PackError
    from studyapp.content.pack_files import install_pack_file

    paths = data_paths(args)
    source = Path(args.file).expanduser()
    try:
        installed = install_pack_file(source, _library(args), paths.packs, replace=args.replace)
    except PackError as exc:
        if len(exc.problems) == 1:
            print(f"studyapp: error: not added: {exc.problems[0]}", file=sys.stderr)
        else:
            print(f"studyapp: error: not added: {len(exc.problems)} problems:", file=sys.stderr)
            for problem in exc.problems:
                print(problem, file=sys.stderr)
        return EXIT_REFUSED
    pack = installed.pack
    if args.json:
        print_json(
            {
                **_summary(pack),
                "path": str(installed.path),
                "replaced": [str(p) for p in installed.replaced],
                "unchanged": installed.unchanged,
            }
        )
        return 0
    if installed.unchanged:
        print(f"pack '{pack.id}' is already installed at {installed.path} (unchanged)")
        return 0
    verb = "replaced" if installed.replaced else "added"
    print(f"{verb} pack '{pack.id}' ({pack.title}, {len(pack.questions)} questions) → {installed.path}")
    return 0


def run_remove(args: argparse.Namespace) -> int:
    from studyapp.content.pack_files import remove_pack_file

    removed = remove_pack_file(args.pack_id, _library(args), data_paths(args).packs)
    if args.json:
        print_json({"id": args.pack_id, "removed": str(removed), "history_kept": True})
        return 0
    print(f"removed pack '{args.pack_id}' ({removed}); its review history stays in the database")
    return 0


def run_sample(args: argparse.Namespace) -> int:
    import secrets

    from studyapp.content.model import Generated
    from studyapp.generated import instantiate
    from studyapp.quiz.instances import instantiate_at

    pack = _library(args).get(args.pack_id)
    question = pack.question(args.question_id)
    if question is None:
        raise StudyAppError(f"pack '{pack.id}' has no question '{args.question_id}'")
    if not isinstance(question, Generated):
        raise StudyAppError(f"question '{question.id}' is a {question.kind} question, not a generated one")
    seed = args.seed if args.seed is not None else secrets.randbelow(2**32)
    instance = instantiate_at(instantiate, pack, question, seed)
    lab = instance.lab
    data = {
        "pack": pack.id,
        "question": question.id,
        "seed": seed,
        "prompt": instance.prompt,
        "params": instance.params,
        "answer": instance.value,
        "unit": instance.unit,
        "tolerance": instance.tolerance,
        "rel_tolerance": instance.rel_tolerance,
        "solution": instance.solution,
        "lab": {"name": lab.name, "set": dict(lab.settings)} if lab else None,
    }
    if args.json:
        print_json(data)
        return 0
    print(instance.prompt)
    print(f"answer: {instance.answer_text}")
    if instance.solution:
        print(instance.solution)
    print(f"(seed {seed}; `--seed {seed}` draws it again)")
    return 0


def run_computations(args: argparse.Namespace) -> int:
    from studyapp.generated import list_computations

    computations = list_computations()
    if args.json:
        print_json(computations)
        return 0
    for item in computations:
        names = ", ".join(p["name"] for p in item["params"])
        print(f"{item['name']}({names})  {item['description']}  [lab: {item['lab']}]")
    return 0
