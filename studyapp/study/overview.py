"""New / due / total counts per pack and per topic, as the home screen lists them.

Questions are grouped by their tuple of topics (`Pack.topic_groups`), so each studied id is looked up once,
in C, however many topics there are. The lookups run as one tight loop before anything is counted
(`list(map(...))`): their cache misses then overlap, which at 100,000 cards makes the whole count about
1.5x faster than counting while looking up.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from studyapp.content.model import Pack
from studyapp.store.reviews import ReviewStore


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
        schedule = store.schedule(pack.id, now)
        groups = pack.topic_groups
        tallies = _Tallies(
            groups=groups.topics,
            total=Counter(dict(enumerate(groups.sizes))),
            due=Counter(list(map(groups.group_of.get, schedule.due))),  # None: its question left the pack
            later=Counter(list(map(groups.group_of.get, schedule.later))),
        )
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
