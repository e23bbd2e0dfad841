"""`Question.line`: each question's real line in its pack file, kept by the cache, shown by the CLI."""

from __future__ import annotations

import json

import pytest

from studyapp.content import loader
from studyapp.content.loader import load_pack
from studyapp.content.pack_cache import load_pack_cached
from tests.content.conftest import GOOD_PACK

# Comments, blank lines, a nested list and a block scalar holding "- " lines inside the questions.
COMMENTED_PACK = """\
# notes at the top
id: lines
title: Lines
topics: [{id: t, title: T}]
questions:
# the first question
  - id: first
    kind: mcq
    topics: [t]
    prompt: |
      Pick one:
      - not an entry
    choices:
    - x
    - y
    answer: a

  - {id: second, kind: flashcard, topics: [t], front: F, back: B}
"""

# Other layouts: a flow list, and entries whose `-` is alone on its line.
FLOW_PACK = """\
id: flow
title: Flow
topics: [{id: t, title: T}]
questions: [
  {id: first, kind: flashcard, topics: [t], front: F, back: B},

  {id: second, kind: flashcard, topics: [t], front: F, back: B}]
"""
BARE_PACK = """\
id: bare
title: Bare
topics: [{id: t, title: T}]
questions:
  -
    id: first
    kind: flashcard
    topics: [t]
    front: F
    back: B
  - # a comment after the dash
    id: second
    kind: flashcard
    topics: [t]
    front: F
    back: B
"""


def line_of(text: str, fragment: str) -> int:
    return next(number for number, line in enumerate(text.splitlines(), 1) if fragment in line)


def test_every_question_has_the_line_it_starts_on(write_pack):
    pack = load_pack(write_pack(GOOD_PACK))
    assert [q.line for q in pack.questions] == [line_of(GOOD_PACK, f"- id: {q.id}") for q in pack.questions]
    assert pack.where(pack.questions[1]) == f"{pack.source}:{line_of(GOOD_PACK, '- id: pick')}"


def test_comments_blank_lines_and_nested_lists_do_not_shift_lines(write_pack):
    pack = load_pack(write_pack(COMMENTED_PACK))
    assert [q.line for q in pack.questions] == [7, 18]


CRLF_PACK = "# Windows line ends\r\n" + GOOD_PACK.replace("\n", "\r\n")


@pytest.mark.parametrize(
    ("text", "lines"),
    [(FLOW_PACK, [5, 7]), (BARE_PACK, [6, 12]), (CRLF_PACK, [8, 15, 21, 27, 32, 38])],
    ids=["flow", "bare-dash", "crlf"],
)
def test_other_layouts_get_real_lines_too(tmp_path, text, lines):
    path = tmp_path / "pack.yaml"
    path.write_bytes(text.encode())
    assert [q.line for q in load_pack(path).questions] == lines


def test_a_cached_load_gives_the_lines_of_a_fresh_parse(write_pack, tmp_path, monkeypatch):
    path = write_pack(COMMENTED_PACK)
    fresh = [q.line for q in load_pack(path).questions]
    assert [q.line for q in load_pack_cached(path, tmp_path / "cache").questions] == fresh
    monkeypatch.setattr(loader, "load_pack_text", None)  # the second load must come from the cache
    assert [q.line for q in load_pack_cached(path, tmp_path / "cache").questions] == fresh


def test_pack_show_json_gives_each_question_its_line(cli, write_pack):
    path = write_pack(COMMENTED_PACK)
    code, out, err = cli("--pack-dir", str(path.parent), "pack", "show", "lines", "--json")
    assert code == 0, err
    assert [(q["id"], q["line"]) for q in json.loads(out)["questions"]] == [("first", 7), ("second", 18)]


def test_a_template_that_cannot_be_drawn_is_reported_at_its_line(cli, write_pack):
    path = write_pack(GOOD_PACK.replace("compute: sigmoid_derivative", "compute: no_such_thing"))
    code, out, err = cli("--pack-dir", str(path.parent), "pack", "sample", "demo", "gen", "--seed", "1")
    assert code == 2 and out == ""
    assert err.count("\n") == 1
    assert f"{path}:{line_of(GOOD_PACK, '- id: gen')}: question gen: unknown computation" in err
