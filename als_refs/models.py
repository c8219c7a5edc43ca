"""The hub model: every format converts to and from :class:`Reference`.

A ``Reference`` is a CSL-JSON item with types: field names are snake_case, their aliases are the
CSL keys, so ``Reference.model_validate(csl_item)`` reads CSL-JSON and ``to_csl()`` writes it back.
What CSL has no variable for (provenance, trial registration ids, print/online dates, the DOI as
written) travels in CSL's ``custom`` object under ``"als-refs"``, so the round trip is lossless and
the output still validates against the official CSL-JSON schema.
"""

from __future__ import annotations

from typing import Any, Literal, get_args

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

CSLType = Literal[
    "article",
    "article-journal",
    "article-magazine",
    "article-newspaper",
    "bill",
    "book",
    "broadcast",
    "chapter",
    "classic",
    "collection",
    "dataset",
    "document",
    "entry",
    "entry-dictionary",
    "entry-encyclopedia",
    "event",
    "figure",
    "graphic",
    "hearing",
    "interview",
    "legal_case",
    "legislation",
    "manuscript",
    "map",
    "motion_picture",
    "musical_score",
    "pamphlet",
    "paper-conference",
    "patent",
    "performance",
    "periodical",
    "personal_communication",
    "post",
    "post-weblog",
    "regulation",
    "report",
    "review",
    "review-book",
    "software",
    "song",
    "speech",
    "standard",
    "thesis",
    "treaty",
    "webpage",
]
CSL_TYPES: frozenset[str] = frozenset(get_args(CSLType))

CitationKind = Literal["reference", "trial", "prose"]
"""What a document does when it cites: a reference-list entry, a trial listing, or a work named
in prose (a candidate to resolve)."""

FieldOrigin = Literal["document", "registry", "person", "derived"]
"""Where a field's value came from: the citing document, a registry (Crossref...), a person's
correction, or computed from other fields."""

CUSTOM_KEY = "als-refs"

_MODEL_CONFIG = ConfigDict(
    validate_by_name=True,
    validate_by_alias=True,
    serialize_by_alias=True,
    extra="forbid",
    frozen=True,
)


class Name(BaseModel):
    """A CSL name: a person split into parts, or a ``literal`` for a group or institution."""

    model_config = _MODEL_CONFIG

    family: str | None = None
    given: str | None = None
    suffix: str | None = None
    non_dropping_particle: str | None = Field(None, alias="non-dropping-particle")
    dropping_particle: str | None = Field(None, alias="dropping-particle")
    literal: str | None = None

    @model_validator(mode="after")
    def _has_a_name(self) -> Name:
        if not (self.family or self.given or self.literal):
            raise ValueError("a name needs a family name, a given name or a literal")
        return self

    @property
    def is_group(self) -> bool:
        return self.literal is not None

    def display(self) -> str:
        """The name as one would write it: ``"Adriano Chiò"``, ``"Ludwig van Beethoven"``."""
        if self.literal:
            return self.literal
        parts = [self.given, self.dropping_particle, self.non_dropping_particle, self.family]
        text = " ".join(p for p in parts if p)
        return f"{text}, {self.suffix}" if self.suffix else text


DatePart = int | str


class DateParts(BaseModel):
    """A CSL date: ``date-parts`` ([[year, month, day]], or two for a range), or a literal."""

    model_config = _MODEL_CONFIG

    date_parts: tuple[tuple[DatePart, ...], ...] | None = Field(None, alias="date-parts")
    season: int | str | None = None
    circa: bool | int | str | None = None
    literal: str | None = None
    raw: str | None = None

    @field_validator("date_parts")
    @classmethod
    def _shape(
        cls, value: tuple[tuple[DatePart, ...], ...] | None
    ) -> tuple[tuple[DatePart, ...], ...] | None:
        if value is None:
            return value
        if not 1 <= len(value) <= 2 or any(not 1 <= len(part) <= 3 for part in value):
            raise ValueError("date-parts holds one or two dates of 1 to 3 parts: [[2016, 4, 19]]")
        return value

    @classmethod
    def from_ymd(cls, year: int, month: int | None = None, day: int | None = None) -> DateParts:
        parts: tuple[int, ...] = (
            (year,) if month is None else ((year, month) if day is None else (year, month, day))
        )
        return cls(date_parts=(parts,))

    @property
    def year(self) -> int | None:
        if not self.date_parts:
            return None
        first = self.date_parts[0][0]
        try:
            return int(first)
        except ValueError:
            return None


class Location(BaseModel):
    """Where a citation was found: the document, its lines (1-based) and the text as written."""

    model_config = _MODEL_CONFIG

    document: str | None = None
    line: int | None = None
    end_line: int | None = Field(None, alias="end-line")
    start: int | None = None
    end: int | None = None
    section: str | None = None
    kind: str | None = None
    raw: str | None = None

    def label(self) -> str:
        place = self.document or "<input>"
        return f"{place}:{self.line}" if self.line is not None else place


class Provenance(BaseModel):
    """Where a record came from: every place it is cited, and the origin of each field."""

    model_config = _MODEL_CONFIG

    locations: tuple[Location, ...] = ()
    fields: dict[str, FieldOrigin] = Field(default_factory=dict)
    """Origin of each field, keyed by its CSL key (``container-title``, ``DOI``)."""
    as_written: dict[str, str] = Field(default_factory=dict, alias="as-written")
    confidence: float | None = None
    candidate: bool = False

    @property
    def first(self) -> Location | None:
        return self.locations[0] if self.locations else None


_CUSTOM_FIELDS = {
    "trial_ids": "trial-ids",
    "published_print": "published-print",
    "published_online": "published-online",
    "provenance": "provenance",
}


class Reference(BaseModel):
    """One cited work, shaped as a CSL-JSON item (aliases are the CSL variable names)."""

    model_config = _MODEL_CONFIG

    id: str
    type: CSLType = "article-journal"
    title: str | None = None
    title_short: str | None = Field(None, alias="title-short")
    author: tuple[Name, ...] = ()
    editor: tuple[Name, ...] = ()
    container_title: str | None = Field(None, alias="container-title")
    container_title_short: str | None = Field(None, alias="container-title-short")
    collection_title: str | None = Field(None, alias="collection-title")
    volume: str | None = None
    issue: str | None = None
    page: str | None = None
    number: str | None = None
    """Article number (e403808, CD004157), report number or similar."""
    edition: str | None = None
    issued: DateParts | None = None
    accessed: DateParts | None = None
    publisher: str | None = None
    publisher_place: str | None = Field(None, alias="publisher-place")
    genre: str | None = None
    medium: str | None = None
    status: str | None = None
    language: str | None = None
    abstract: str | None = None
    note: str | None = None
    doi: str | None = Field(None, alias="DOI")
    pmid: str | None = Field(None, alias="PMID")
    pmcid: str | None = Field(None, alias="PMCID")
    issn: str | None = Field(None, alias="ISSN")
    isbn: str | None = Field(None, alias="ISBN")
    url: str | None = Field(None, alias="URL")
    # Not CSL variables: stored in custom["als-refs"].
    trial_ids: tuple[str, ...] = ()
    published_print: DateParts | None = None
    published_online: DateParts | None = None
    provenance: Provenance = Field(default_factory=Provenance)
    custom: dict[str, Any] = Field(default_factory=dict)
    """Other ``custom`` data from the input, kept as it came."""

    @model_validator(mode="before")
    @classmethod
    def _from_csl(cls, data: Any) -> Any:
        if not isinstance(data, dict):
            return data
        data = dict(data)
        if "journalAbbreviation" in data:
            abbreviation = data.pop("journalAbbreviation")
            data.setdefault("container-title-short", abbreviation)
        if "shortTitle" in data:
            short = data.pop("shortTitle")
            data.setdefault("title-short", short)
        custom = data.get("custom")
        if isinstance(custom, dict) and isinstance(custom.get(CUSTOM_KEY), dict):
            custom = dict(custom)
            ours = custom.pop(CUSTOM_KEY)
            for name, key in _CUSTOM_FIELDS.items():
                if key in ours:
                    data.setdefault(name, ours[key])
            unknown = {k: v for k, v in ours.items() if k not in _CUSTOM_FIELDS.values()}
            if unknown:
                custom[CUSTOM_KEY] = unknown
            data["custom"] = custom
        return data

    @field_validator("doi")
    @classmethod
    def _normalise_doi(cls, value: str | None) -> str | None:
        if value is None:
            return None
        from als_refs.identifiers.doi import normalize_doi

        return normalize_doi(value)

    @property
    def year(self) -> int | None:
        return self.issued.year if self.issued else None

    def to_csl(self) -> dict[str, Any]:
        """This record as a CSL-JSON item (a plain dict, ready for ``json.dumps``)."""
        item = self.model_dump(
            mode="json", by_alias=True, exclude_none=True, exclude=set(_CUSTOM_FIELDS) | {"custom"}
        )
        for key in ("author", "editor"):
            if not item.get(key):
                item.pop(key, None)
        ours = self._custom_block()
        custom = dict(self.custom)
        if ours:
            custom[CUSTOM_KEY] = {**custom.get(CUSTOM_KEY, {}), **ours}
        if custom:
            item["custom"] = custom
        return item

    def _custom_block(self) -> dict[str, Any]:
        block: dict[str, Any] = {}
        if self.trial_ids:
            block["trial-ids"] = list(self.trial_ids)
        for name in ("published_print", "published_online"):
            date = getattr(self, name)
            if date is not None:
                block[_CUSTOM_FIELDS[name]] = date.model_dump(mode="json", exclude_none=True)
        provenance = self.provenance.model_dump(mode="json", exclude_defaults=True)
        if provenance:
            block["provenance"] = provenance
        return block

    @classmethod
    def from_csl(cls, item: dict[str, Any]) -> Reference:
        """Read one CSL-JSON item (raises ``pydantic.ValidationError`` on a bad one)."""
        return cls.model_validate(item)

    def with_fields(self, origin: FieldOrigin | None = None, **values: Any) -> Reference:
        """A copy with ``values`` set (validated), recording ``origin`` for each changed field."""
        data = self.model_dump(by_alias=False, exclude_none=True)
        data.update(values)
        if origin is not None:
            fields = dict(self.provenance.fields)
            fields.update(dict.fromkeys((csl_key(name) for name in values), origin))
            data["provenance"] = self.provenance.model_copy(update={"fields": fields})
        return type(self).model_validate(data)


def csl_key(field_name: str) -> str:
    """The CSL key of a model field (``container_title`` -> ``container-title``): provenance
    records fields by their CSL keys."""
    info = Reference.model_fields.get(field_name)
    return info.alias if info is not None and info.alias else field_name


Severity = Literal["error", "warning", "info"]


class Issue(BaseModel):
    """A problem found while reading or checking, tied to a place when one is known."""

    model_config = _MODEL_CONFIG

    severity: Severity
    code: str
    message: str
    source: str | None = None
    line: int | None = None
    field: str | None = None

    def __str__(self) -> str:
        if self.line is not None:
            place = f"{self.source or '<input>'}:{self.line}"
        else:
            place = self.source or ""
        text = f"{self.severity}: {self.code}: {self.message}"
        return f"{place}: {text}" if place else text


class ParseResult(BaseModel):
    """The outcome of reading one unit of input: a record (or none) and what went wrong."""

    model_config = _MODEL_CONFIG

    reference: Reference | None
    issues: tuple[Issue, ...] = ()

    @property
    def ok(self) -> bool:
        return self.reference is not None and not any(i.severity == "error" for i in self.issues)
