"""What the rule parser and the labeller read from one reference string: :class:`Parsed`."""

from __future__ import annotations

from dataclasses import dataclass, field

from als_refs.models import Name


@dataclass
class Parsed:
    """Fields read from one reference string, as written, plus what could not be read."""

    authors: tuple[Name, ...] = ()
    editors: tuple[Name, ...] = ()
    et_al: bool = False
    title: str | None = None
    container: str | None = None
    volume: str | None = None
    issue: str | None = None
    page: str | None = None
    number: str | None = None
    year: int | None = None
    month: int | None = None
    day: int | None = None
    date_text: str | None = None
    publisher: str | None = None
    place: str | None = None
    edition: str | None = None
    genre: str | None = None
    collection: str | None = None
    kind: str = "article-journal"
    in_prefix: bool = False
    ditto: bool = False
    leftover: list[str] = field(default_factory=list)
