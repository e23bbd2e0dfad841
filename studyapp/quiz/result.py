"""The outcome of a quiz: the score, the time, a per-topic breakdown and every mistake with its answer."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from studyapp.quiz.session import QuizSession


@dataclass(frozen=True)
class TopicScore:
    topic_id: str
    title: str
    correct: int
    total: int


@dataclass(frozen=True)
class Mistake:
    """A question not answered correctly: what was asked, what was given, the right answer and why."""

    position: int
    question_id: str
    prompt: str
    given: str
    answer: str
    explanation: str
    solution: str
    unanswered: bool


@dataclass(frozen=True)
class QuizResult:
    """`correct` out of `total`; unanswered questions count as wrong and are also counted apart."""

    pack_id: str
    correct: int
    total: int
    unanswered: int
    seconds: float
    timed_out: bool
    interrupted: bool
    topics: tuple[TopicScore, ...]
    mistakes: tuple[Mistake, ...]

    @property
    def score_text(self) -> str:
        return f"{self.correct}/{self.total}"


def describe_response(response: Any) -> str:
    """A recorded response as text: letters joined, the typed text, knew it / didn't know, or no answer."""
    if response is None:
        return "(no answer)"
    if isinstance(response, bool):
        return "knew it" if response else "didn't know"
    if isinstance(response, list):
        return ", ".join(response) if response else "(nothing selected)"
    return str(response) if str(response) else "(empty)"


def summarize(session: QuizSession) -> QuizResult:
    """The result so far; a question never recorded (quiz abandoned) counts as unanswered."""
    by_position = {record.position: record for record in session.records}
    tally: dict[str, list[int]] = {}
    mistakes = []
    for item in session.items:
        record = by_position.get(item.position)
        correct = record is not None and record.correct
        for topic in item.source.topics:
            counts = tally.setdefault(topic, [0, 0])
            counts[0] += correct
            counts[1] += 1
        if not correct:
            mistakes.append(
                Mistake(
                    position=item.position,
                    question_id=item.question_id,
                    prompt=item.question.prompt_text,
                    given=describe_response(record.response if record else None),
                    answer=item.question.answer_text,
                    explanation=item.question.explanation or item.source.explanation,
                    solution=item.solution,
                    unanswered=record is None or record.unanswered,
                )
            )
    order = [topic.id for topic in session.pack.topics]
    topics = tuple(
        TopicScore(topic_id, session.pack.topic_title(topic_id), correct, total)
        for topic_id, (correct, total) in sorted(
            tally.items(), key=lambda entry: order.index(entry[0]) if entry[0] in order else len(order)
        )
    )
    return QuizResult(
        pack_id=session.pack.id,
        correct=session.total - len(mistakes),
        total=session.total,
        unanswered=sum(mistake.unanswered for mistake in mistakes),
        seconds=session.seconds_used(),
        timed_out=session.timed_out,
        interrupted=session.interrupted,
        topics=topics,
        mistakes=tuple(mistakes),
    )
