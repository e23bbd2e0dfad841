"""Markdown notes → flashcards: heading and bold-line questions, section topics, links and images."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from studyapp.interop.markdown_import import import_markdown, reads_as_question

SEED = Path("/work/shared/seeds/000_9fceb63a42478f07.txt")


def write(tmp_path: Path, text: str, name: str = "notes.md") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def by_front(result) -> dict[str, dict]:
    return {q["front"]: q for q in result.data["questions"]}


def test_heading_questions_with_section_topics(tmp_path):
    text = (
        "# Deep Learning\n\n"
        "## Optimizers\n\n"
        "### What is momentum?\n"
        "An EMA of gradients.\n\n"
        "- keeps direction\n"
        "- damps noise\n\n"
        "### Why Adam?\nAdaptive steps.\n\n"
        "## Regularization\n\n"
        "### What is dropout?\nRandomly zero units.\n"
    )
    result = import_markdown(write(tmp_path, text))
    cards = by_front(result)
    assert list(cards) == ["What is momentum?", "Why Adam?", "What is dropout?"]
    assert cards["What is momentum?"]["back"] == "An EMA of gradients.\n\n- keeps direction\n- damps noise"
    assert cards["What is momentum?"]["topics"] == ["optimizers"]
    assert cards["What is dropout?"]["topics"] == ["regularization"]
    assert [t["id"] for t in result.data["topics"]] == ["optimizers", "regularization"]
    assert result.data["title"] == "Deep Learning"  # the single top-level heading
    assert result.report.skipped == []


def test_bold_line_questions_when_no_heading_is_a_question(tmp_path):
    text = (
        "# Activations\n\n"
        "**What is ReLU?**\nmax(0, x)\n\n"
        "**Q: Why not sigmoid?**\nIt saturates.\n**Key idea:**\nstill the answer\n\n"
        "# Losses\n\n"
        "**What is cross-entropy?**\n−Σ y log p\n"
    )
    cards = by_front(import_markdown(write(tmp_path, text)))
    assert list(cards) == ["What is ReLU?", "Q: Why not sigmoid?", "What is cross-entropy?"]
    assert cards["Q: Why not sigmoid?"]["back"] == "It saturates.\n**Key idea:**\nstill the answer"
    assert cards["What is ReLU?"]["topics"] == ["activations"]
    assert cards["What is cross-entropy?"]["topics"] == ["losses"]


def test_bold_lines_inside_heading_answers_stay_text(tmp_path):
    text = "## What is clipping?\nLimit the norm.\n\n**Why does it help?**\nStops explosions.\n"
    (card,) = import_markdown(write(tmp_path, text)).data["questions"]
    assert card["back"] == "Limit the norm.\n\n**Why does it help?**\nStops explosions."


def test_links_become_references_and_link_lines_leave_the_answer(tmp_path):
    text = (
        "## What is BN?\n"
        "1. [BN paper](https://arxiv.org/abs/1502.03167)\n"
        "Normalizes a batch, see [wiki](https://en.wikipedia.org/wiki/Batch_(statistics)).\n"
        "![plot](img/bn.png)\n"
    )
    result = import_markdown(write(tmp_path, text))
    (card,) = result.data["questions"]
    assert card["back"] == (
        "Normalizes a batch, see [wiki](https://en.wikipedia.org/wiki/Batch_(statistics)).\n[image: plot]"
    )
    assert card["references"] == [
        {"title": "BN paper", "url": "https://arxiv.org/abs/1502.03167"},
        {"title": "wiki", "url": "https://en.wikipedia.org/wiki/Batch_(statistics)"},
        {"title": "image: plot", "url": "img/bn.png"},
    ]
    assert [r["url"] for r in result.data["references"]] == [
        "https://arxiv.org/abs/1502.03167",
        "https://en.wikipedia.org/wiki/Batch_(statistics)",
    ]


def test_links_only_answer_is_kept_and_noted_and_empty_question_is_skipped(tmp_path):
    text = (
        "## Compare losses\n- [Guide](https://x.org/guide)\n\n## What is Z?\n\n## Term card\nA definition.\n"
    )
    result = import_markdown(write(tmp_path, text))
    cards = by_front(result)
    assert cards["Compare losses"]["back"] == "- [Guide](https://x.org/guide)"
    assert cards["Term card"]["back"] == "A definition."
    assert "What is Z?" not in cards
    assert [(s.where, s.reason) for s in result.report.skipped] == [
        ("line 4", "no answer text under 'What is Z?'")
    ]
    assert [n.where for n in result.report.notes] == ["line 1"]


def test_code_fences_are_answer_text_and_front_matter_is_ignored(tmp_path):
    text = "---\ntitle: x\n---\n## How to clip?\n```python\n# not a heading\n**not a question?**\n```\n"
    (card,) = import_markdown(write(tmp_path, text)).data["questions"]
    assert card["back"] == "```python\n# not a heading\n**not a question?**\n```"


def test_text_under_a_section_heading_is_reported(tmp_path):
    text = "# Intro\nSome prose.\n## What is X?\nX.\n"
    result = import_markdown(write(tmp_path, text))
    assert [q["front"] for q in result.data["questions"]] == ["What is X?"]
    assert [s.where for s in result.report.skipped] == ["line 1"]


@pytest.mark.parametrize(
    ("title", "expected"),
    [("What is X?", True), ("Compare Optimizers", True), ("Q3: loss", True), ("Deep Learning", False)],
)
def test_reads_as_question(title, expected):
    assert reads_as_question(title) is expected


@pytest.mark.skipif(not SEED.exists(), reason="seed notes not present")
def test_seed_notes_give_one_card_per_question_heading(tmp_path):
    path = tmp_path / "seed.md"
    shutil.copy(SEED, path)
    text = SEED.read_text(encoding="utf-8")
    headings = [h for h in re.findall(r"^## (.+)$", text, re.MULTILINE) if h.strip() != "Deep Learning"]
    result = import_markdown(path)
    cards = by_front(result)
    assert [h.strip() for h in headings] == list(cards)
    assert all(q["topics"] == ["deep-learning"] for q in cards.values())
    clipping = cards["What is Gradient Clipping?"]
    assert clipping["back"].startswith("Gradient clipping involves forcing the gradients")
    assert "neptune.ai" not in clipping["back"]  # link-only lines moved to references
    assert any("neptune.ai" in r["url"] for r in clipping["references"])
    assert "[image]" in cards["Compare Optimizers"]["back"]
    assert len(result.data["references"]) >= 8
