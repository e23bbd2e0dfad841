"""New / due / total counts per pack and per topic, as the home screen lists them.

Questions are grouped by their tuple of topics (`Pack.topic_groups`), and SQLite counts the studied cards
per group from their stored places (`studied_cards`), so 100,000 cards never pass through Python."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from studyapp.content.model import Pack
from studyapp.store.reviews import ReviewStore
from studyapp.study.studied_cards import studied_cards


@dataclass(frozen=True)
class Counts:
    """New (never studied), due (due now or earlier) and total questions."""

    new: int
    due: int
    total: int


@dataclass(frozen=True)
class OverviewRow:
    """One line of the overview: a whole pack (`topic_id` None) or one of its topics."""

    pack: Pack
    topic_id: str | None
    title: str
    counts: Counts


def overview(packs: Sequence[Pack], store: ReviewStore, now: float) -> list[OverviewRow]:
    """For each pack: its row, then a row per topic (a question with several topics counts in each)."""
    rows = []
    for pack in packs:
        groups = pack.topic_groups
        with studied_cards(pack, store, now) as studied:
            due, later = studied.counts_by_group()
        tallies = _Tallies(groups.topics, Counter(dict(enumerate(groups.sizes))), due, later)
        rows.append(OverviewRow(pack, None, pack.title, tallies.counts(None)))
        rows.extend(OverviewRow(pack, t.id, t.title, tallies.counts(t.id)) for t in pack.topics)
    return rows


@dataclass(frozen=True)
class _Tallies:
    """Questions counted by topic group: all of them, the due ones and the later ones."""

    groups: tuple[tuple[str, ...], ...]
    total: Counter
    due: Counter
    later: Counter

    def counts(self, topic_id: str | None) -> Counts:
        """Counts over the questions with `topic_id` (None: every question)."""
        total, due, later = (
            sum(
                n
                for group, n in tally.items()
                if group is not None and (topic_id is None or topic_id in self.groups[group])
            )
            for tally in (self.total, self.due, self.later)
        )
        return Counts(new=total - due - later, due=due, total=total)
