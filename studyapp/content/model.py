"""The content model: packs, topics and the question kinds, as immutable plain data.

Loading (YAML → these classes) lives in `studyapp.content.loader`; grading lives in
`studyapp.content.grading`. Nothing here touches files or the UI.
"""

from __future__ import annotations

import hashlib
from array import array
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any, ClassVar

DIFFICULTIES = ("easy", "medium", "hard")


def choice_letter(index: int) -> str:
    """0 → 'a', 1 → 'b', … (the key that picks that choice)."""
    return chr(ord("a") + index)


@dataclass(frozen=True)
class Reference:
    title: str
    url: str


@dataclass(frozen=True)
class Topic:
    id: str
    title: str


@dataclass(frozen=True)
class LabLink:
    """A lab to open from a question, with preset settings (clamped to the lab's bounds when opened)."""

    name: str
    settings: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, kw_only=True)
class Question:
    """Fields every kind shares. `line`: the question's 1-based line in its pack file (0 if unknown); where
    a question was written is not what it says, so `line` is left out of equality."""

    kind: ClassVar[str] = ""
    id: str
    topics: tuple[str, ...] = ()
    difficulty: str = "medium"
    explanation: str = ""
    references: tuple[Reference, ...] = ()
    lab: LabLink | None = None
    line: int = field(default=0, compare=False)

    @property
    def prompt_text(self) -> str:
        """What is shown before the answer is revealed (Markdown)."""
        raise NotImplementedError

    @property
    def answer_text(self) -> str:
        """The answer as shown after reveal (Markdown), without the explanation."""
        raise NotImplementedError


@dataclass(frozen=True, kw_only=True)
class Prompted(Question):
    """A question asked by a `prompt` (every kind but the flashcard)."""

    prompt: str

    @property
    def prompt_text(self) -> str:
        return self.prompt


@dataclass(frozen=True, kw_only=True)
class NumberAnswer(Prompted):
    """Answered with a number: right when |x − value| ≤ tolerance, or ≤ rel_tolerance·|value|."""

    tolerance: float | None = None
    rel_tolerance: float | None = None
    unit: str = ""


@dataclass(frozen=True, kw_only=True)
class Flashcard(Question):
    kind: ClassVar[str] = "flashcard"
    front: str
    back: str

    @property
    def prompt_text(self) -> str:
        return self.front

    @property
    def answer_text(self) -> str:
        return self.back


@dataclass(frozen=True, kw_only=True)
class MultipleChoice(Prompted):
    """One correct choice; `correct` is its 0-based index."""

    kind: ClassVar[str] = "mcq"
    choices: tuple[str, ...]
    correct: int

    @property
    def answer_text(self) -> str:
        return f"{choice_letter(self.correct)}) {self.choices[self.correct]}"


@dataclass(frozen=True, kw_only=True)
class MultiSelect(Prompted):
    """Several correct choices; `correct` holds their 0-based indices."""

    kind: ClassVar[str] = "multi"
    choices: tuple[str, ...]
    correct: frozenset[int]

    @property
    def answer_text(self) -> str:
        return "\n".join(f"- {choice_letter(i)}) {self.choices[i]}" for i in sorted(self.correct))


@dataclass(frozen=True, kw_only=True)
class Typed(Prompted):
    """A short free-text answer; any of `answers` is accepted after normalization."""

    kind: ClassVar[str] = "typed"
    answers: tuple[str, ...]
    case_sensitive: bool = False

    @property
    def answer_text(self) -> str:
        return " / ".join(self.answers)


@dataclass(frozen=True, kw_only=True)
class Numeric(NumberAnswer):
    """A number given in the pack."""

    kind: ClassVar[str] = "numeric"
    value: float

    @property
    def answer_text(self) -> str:
        shown = f"{self.value:.6g}"
        return f"{shown} {self.unit}".strip()


@dataclass(frozen=True)
class ParamSpec:
    """How a generated question draws one parameter: uniform/log-uniform range, integer range or choices."""

    name: str
    distribution: str  # "uniform" | "loguniform" | "randint" | "choice"
    low: float | None = None
    high: float | None = None
    choices: tuple[Any, ...] = ()
    decimals: int | None = None


@dataclass(frozen=True, kw_only=True)
class Generated(NumberAnswer):
    """A template: parameters are drawn per instance and the answer comes from a named engine computation.

    `prompt` uses `{name}` placeholders; `compute` names an entry of the computation registry, which
    receives the drawn parameters. The instance is graded as a numeric question with the tolerances here.
    """

    kind: ClassVar[str] = "generated"
    params: tuple[ParamSpec, ...]
    compute: str

    @property
    def answer_text(self) -> str:
        return f"computed by `{self.compute}` from the drawn parameters"


QUESTION_KINDS: dict[str, type[Question]] = {
    cls.kind: cls for cls in (Flashcard, MultipleChoice, MultiSelect, Typed, Numeric, Generated)
}


@dataclass(frozen=True)
class TopicGroups:
    """`group_of`: question id → group number; `topics[n]` / `sizes[n]`: group n's topic ids / size."""

    group_of: dict[str, int]
    topics: tuple[tuple[str, ...], ...]
    sizes: tuple[int, ...]


@dataclass(frozen=True)
class Pack:
    """A loaded pack. `origin` is "bundled" or "user"; `source` is the file it came from."""

    id: str
    title: str
    questions: tuple[Question, ...]
    topics: tuple[Topic, ...] = ()
    description: str = ""
    version: str = ""
    authors: tuple[str, ...] = ()
    license: str = ""
    references: tuple[Reference, ...] = ()
    source: Path | None = None
    origin: str = "bundled"

    @cached_property
    def by_id(self) -> dict[str, Question]:
        """Question id → question, in pack order."""
        return {q.id: q for q in self.questions}

    @cached_property
    def topic_groups(self) -> TopicGroups:
        """The questions grouped by their tuple of topics (for counting per topic in one pass)."""
        numbers: dict[tuple[str, ...], int] = {}
        group_of = {q.id: numbers.setdefault(q.topics, len(numbers)) for q in self.questions}
        sizes = [0] * len(numbers)
        for number in group_of.values():
            sizes[number] += 1
        return TopicGroups(group_of, tuple(numbers), tuple(sizes))

    @cached_property
    def order_fingerprint(self) -> str:
        """A hash of the question ids in order and of their topics: it changes exactly when some
        question's position or topic group (`topic_groups`) does."""
        groups = self.topic_groups
        digest = hashlib.blake2b("\n".join(groups.group_of).encode(), digest_size=16)
        digest.update(array("q", groups.group_of.values()).tobytes())
        digest.update(repr(groups.topics).encode())
        return digest.hexdigest()

    def question(self, question_id: str) -> Question | None:
        return self.by_id.get(question_id)

    def topic_title(self, topic_id: str) -> str:
        return next((t.title for t in self.topics if t.id == topic_id), topic_id)

    def where(self, question: Question) -> str:
        """`file:line` of `question` for messages; just the file, or the pack id, when that is unknown."""
        if self.source is None:
            return f"pack {self.id}"
        return f"{self.source}:{question.line}" if question.line else str(self.source)
