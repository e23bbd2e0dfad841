"""Builders for test Anki files: genanki packages and a hand-made legacy collection."""

from __future__ import annotations

import json
import sqlite3
import zipfile
from pathlib import Path

import genanki


def write_package(path: Path, notes: list[genanki.Note], deck_name: str = "DL::Basics") -> Path:
    deck = genanki.Deck(1_234_567, deck_name)
    for note in notes:
        deck.add_note(note)
    genanki.Package(deck).write_to_file(path)
    return path


def write_legacy_collection(path: Path, models: dict, notes: list[tuple], decks: dict | None = None) -> Path:
    """A minimal schema-11 collection: `col.models`/`col.decks` JSON, `notes` and `cards` rows.

    `notes` holds (id, guid, model id, tags, fields list, deck id)."""
    connection = sqlite3.connect(path)
    with connection:
        connection.execute("create table col (id integer primary key, models text, decks text)")
        connection.execute(
            "create table notes (id integer primary key, guid text, mid integer, tags text, flds text)"
        )
        connection.execute("create table cards (id integer primary key, nid integer, did integer)")
        decks = decks or {"1": {"name": "Default"}}
        connection.execute("insert into col values (1, ?, ?)", (json.dumps(models), json.dumps(decks)))
        for note_id, guid, model_id, tags, fields, deck_id in notes:
            connection.execute(
                "insert into notes values (?, ?, ?, ?, ?)",
                (note_id, guid, model_id, tags, "\x1f".join(fields)),
            )
            connection.execute("insert into cards (nid, did) values (?, ?)", (note_id, deck_id))
    connection.close()
    return path


def zip_members(path: Path, members: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return path


def read_member(package: Path, name: str) -> bytes:
    with zipfile.ZipFile(package) as archive:
        return archive.read(name)
