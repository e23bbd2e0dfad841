"""Any question as a two-sided card in Markdown, for exporting to flashcard tools.

Front: the prompt, plus "a) …" lines for mcq/multi. Back: the answer as the app shows it (the correct
letter(s) and text, typed answers, the number and unit), then the explanation. Generated questions
become a few fixed instances (seeds `GENERATED_SEEDS`) when `studyapp.generated` is available, each with
its worked solution; otherwise they are skipped with a reason.
"""

from __future__ import annotations

from dataclasses import dataclass

from studyapp.content.model import Generated, MultipleChoice, MultiSelect, Pack, Question, choice_letter
from studyapp.interop.report import ExportReport
from studyapp.quiz.instances import load_instantiate, worked_solution

GENERATED_SEEDS = (0, 1, 2)


@dataclass(frozen=True)
class ExportCard:
    """`key` identifies the card within the pack: (question id,) or (question id, "seed-N")."""

    key: tuple[str, ...]
    front: str
    back: str
    tags: tuple[str, ...]


def card_sides(question: Question) -> tuple[str, str]:
    """(front, back) Markdown of an ordinary (non-generated) question."""
    front = question.prompt_text
    if isinstance(question, MultipleChoice | MultiSelect):
        choices = "\n".join(f"{choice_letter(i)}) {c}" for i, c in enumerate(question.choices))
        front = f"{front}\n\n{choices}"
    back = "\n\n".join(
        part for part in (question.answer_text, worked_solution(question), question.explanation) if part
    )
    return front, back


def export_cards(pack: Pack, report: ExportReport) -> list[ExportCard]:
    """Every question of `pack` as cards; generated ones as fixed instances or reported as skipped."""
    instantiate = load_instantiate()
    cards = []
    for question in pack.questions:
        if not isinstance(question, Generated):
            cards.append(ExportCard((question.id,), *card_sides(question), question.topics))
        elif instantiate is None:
            report.skip(question.id, "generated question left out: studyapp.generated is not available")
        else:
            for seed in GENERATED_SEEDS:
                front, back = card_sides(instantiate(question, seed))
                cards.append(ExportCard((question.id, f"seed-{seed}"), front, back, question.topics))
    return cards
