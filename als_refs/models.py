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


_OPEN_CONFIG = ConfigDict(
    validate_by_name=True,
    validate_by_alias=True,
    serialize_by_alias=True,
    extra="allow",
    frozen=True,
)
"""CSL data models keep keys they do not know (a Zotero export's extras) and write them back."""

Flag = bool | int | float | str


class Name(BaseModel):
    """A CSL name: a person split into parts, or a ``literal`` for a group or institution."""

    model_config = _OPEN_CONFIG

    family: str | None = None
    given: str | None = None
    suffix: str | None = None
    non_dropping_particle: str | None = Field(None, alias="non-dropping-particle")
    dropping_particle: str | None = Field(None, alias="dropping-particle")
    literal: str | None = None
    comma_suffix: Flag | None = Field(None, alias="comma-suffix")
    static_ordering: Flag | None = Field(None, alias="static-ordering")
    parse_names: Flag | None = Field(None, alias="parse-names")

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


DatePart = int | float | str


class DateParts(BaseModel):
    """A CSL date: ``date-parts`` ([[year, month, day]], or two for a range), or a literal."""

    model_config = _OPEN_CONFIG

    date_parts: tuple[tuple[DatePart, ...], ...] | None = Field(None, alias="date-parts")
    season: int | float | str | None = None
    circa: Flag | None = None
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
        except (ValueError, OverflowError):
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

NUMBER_VARIABLES = frozenset(
    {
        "chapter-number",
        "citation-number",
        "collection-number",
        "edition",
        "first-reference-note-number",
        "issue",
        "locator",
        "number",
        "number-of-pages",
        "number-of-volumes",
        "page",
        "page-first",
        "part",
        "printing",
        "supplement",
        "volume",
    }
)
"""CSL variables the schema allows as a string or a number: the model holds them as strings and
remembers (in ``forms``) which were numbers, to write them back as given."""
_AS_GIVEN = NUMBER_VARIABLES | {"id"}
_NO_NAMES: tuple[Name, ...] = ()


class Reference(BaseModel):
    """One cited work, shaped as a CSL-JSON item (aliases are the CSL variable names).

    Every variable of the CSL 1.0.2 schema has a field; keys the schema does not know are kept
    as extras and written back."""

    model_config = _OPEN_CONFIG

    id: str
    type: CSLType = "article-journal"
    citation_key: str | None = Field(None, alias="citation-key")
    categories: tuple[str, ...] | None = None
    language: str | None = None
    journal_abbreviation: str | None = Field(None, alias="journalAbbreviation")
    short_title: str | None = Field(None, alias="shortTitle")
    # Names.
    author: tuple[Name, ...] = ()
    chair: tuple[Name, ...] = ()
    collection_editor: tuple[Name, ...] = Field(_NO_NAMES, alias="collection-editor")
    compiler: tuple[Name, ...] = ()
    composer: tuple[Name, ...] = ()
    container_author: tuple[Name, ...] = Field(_NO_NAMES, alias="container-author")
    contributor: tuple[Name, ...] = ()
    curator: tuple[Name, ...] = ()
    director: tuple[Name, ...] = ()
    editor: tuple[Name, ...] = ()
    editorial_director: tuple[Name, ...] = Field(_NO_NAMES, alias="editorial-director")
    executive_producer: tuple[Name, ...] = Field(_NO_NAMES, alias="executive-producer")
    guest: tuple[Name, ...] = ()
    host: tuple[Name, ...] = ()
    interviewer: tuple[Name, ...] = ()
    illustrator: tuple[Name, ...] = ()
    narrator: tuple[Name, ...] = ()
    organizer: tuple[Name, ...] = ()
    original_author: tuple[Name, ...] = Field(_NO_NAMES, alias="original-author")
    performer: tuple[Name, ...] = ()
    producer: tuple[Name, ...] = ()
    recipient: tuple[Name, ...] = ()
    reviewed_author: tuple[Name, ...] = Field(_NO_NAMES, alias="reviewed-author")
    script_writer: tuple[Name, ...] = Field(_NO_NAMES, alias="script-writer")
    series_creator: tuple[Name, ...] = Field(_NO_NAMES, alias="series-creator")
    translator: tuple[Name, ...] = ()
    # Dates.
    accessed: DateParts | None = None
    available_date: DateParts | None = Field(None, alias="available-date")
    event_date: DateParts | None = Field(None, alias="event-date")
    issued: DateParts | None = None
    original_date: DateParts | None = Field(None, alias="original-date")
    submitted: DateParts | None = None
    # Strings and numbers (numbers held as strings, see NUMBER_VARIABLES).
    abstract: str | None = None
    annote: str | None = None
    archive: str | None = None
    archive_collection: str | None = None
    archive_location: str | None = None
    archive_place: str | None = Field(None, alias="archive-place")
    authority: str | None = None
    call_number: str | None = Field(None, alias="call-number")
    chapter_number: str | None = Field(None, alias="chapter-number")
    citation_number: str | None = Field(None, alias="citation-number")
    citation_label: str | None = Field(None, alias="citation-label")
    collection_number: str | None = Field(None, alias="collection-number")
    collection_title: str | None = Field(None, alias="collection-title")
    container_title: str | None = Field(None, alias="container-title")
    container_title_short: str | None = Field(None, alias="container-title-short")
    dimensions: str | None = None
    division: str | None = None
    doi: str | None = Field(None, alias="DOI")
    """The standard (lower-case) DOI, for comparing; :attr:`display_doi` is the one to print."""
    edition: str | None = None
    event: str | None = None
    event_title: str | None = Field(None, alias="event-title")
    event_place: str | None = Field(None, alias="event-place")
    first_reference_note_number: str | None = Field(None, alias="first-reference-note-number")
    genre: str | None = None
    isbn: str | None = Field(None, alias="ISBN")
    issn: str | None = Field(None, alias="ISSN")
    issue: str | None = None
    jurisdiction: str | None = None
    keyword: str | None = None
    locator: str | None = None
    medium: str | None = None
    note: str | None = None
    number: str | None = None
    """Article number (e403808, CD004157), report number or similar."""
    number_of_pages: str | None = Field(None, alias="number-of-pages")
    number_of_volumes: str | None = Field(None, alias="number-of-volumes")
    original_publisher: str | None = Field(None, alias="original-publisher")
    original_publisher_place: str | None = Field(None, alias="original-publisher-place")
    original_title: str | None = Field(None, alias="original-title")
    page: str | None = None
    page_first: str | None = Field(None, alias="page-first")
    part: str | None = None
    part_title: str | None = Field(None, alias="part-title")
    pmcid: str | None = Field(None, alias="PMCID")
    pmid: str | None = Field(None, alias="PMID")
    printing: str | None = None
    publisher: str | None = None
    publisher_place: str | None = Field(None, alias="publisher-place")
    references: str | None = None
    reviewed_genre: str | None = Field(None, alias="reviewed-genre")
    reviewed_title: str | None = Field(None, alias="reviewed-title")
    scale: str | None = None
    section: str | None = None
    source: str | None = None
    status: str | None = None
    supplement: str | None = None
    title: str | None = None
    title_short: str | None = Field(None, alias="title-short")
    url: str | None = Field(None, alias="URL")
    version: str | None = None
    volume: str | None = None
    volume_title: str | None = Field(None, alias="volume-title")
    volume_title_short: str | None = Field(None, alias="volume-title-short")
    year_suffix: str | None = Field(None, alias="year-suffix")
    # Not CSL variables: stored in custom["als-refs"].
    trial_ids: tuple[str, ...] = ()
    published_print: DateParts | None = None
    published_online: DateParts | None = None
    provenance: Provenance = Field(default_factory=Provenance)
    custom: dict[str, Any] = Field(default_factory=dict)
    """Other ``custom`` data from the input, kept as it came."""
    forms: dict[str, Any] = Field(default_factory=dict, repr=False)
    """CSL values as given where the field holds a canonical form: a number (``"volume": 19``),
    a numeric id, the DOI as written (``https://doi.org/10.1212/WNL...``), an empty name list.
    Never written as a key; :meth:`to_csl` writes each back while the field still agrees."""

    @model_validator(mode="before")
    @classmethod
    def _from_csl(cls, data: Any) -> Any:
        if not isinstance(data, dict):
            return data
        data = dict(data)
        forms = dict(data.get("forms") or {})
        _keep_numbers(data, forms)
        _keep_doi(data, forms)
        _keep_empty_names(data, forms)
        if forms:
            data["forms"] = forms
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

    @property
    def display_doi(self) -> str | None:
        """The DOI to print: as the source wrote it (its case kept, no resolver prefix)."""
        if self.doi is None:
            return None
        from als_refs.identifiers.doi import display_doi, normalize_doi

        # A form that only repeats the folded DOI (a parser's normalised value) says nothing of
        # the case the source used; the document's own spelling, if any, does.
        for written in (self.forms.get("DOI"), self.provenance.as_written.get("DOI")):
            if isinstance(written, str):
                try:
                    if normalize_doi(written) == self.doi and display_doi(written) != self.doi:
                        return display_doi(written)
                except ValueError:
                    continue
        return self.doi

    def names(self) -> dict[str, tuple[Name, ...]]:
        """Every non-empty name list, keyed by its CSL variable (``author``, ``translator``)."""
        return {
            alias: getattr(self, name)
            for name, alias in NAME_VARIABLES.items()
            if getattr(self, name)
        }

    def to_csl(self) -> dict[str, Any]:
        """This record as a CSL-JSON item (a plain dict, ready for ``json.dumps``)."""
        item = self.model_dump(
            mode="json",
            by_alias=True,
            exclude_none=True,
            exclude=set(_CUSTOM_FIELDS) | {"custom", "forms"},
        )
        for key in NAME_VARIABLES.values():
            if not item.get(key) and self.forms.get(key) != []:
                item.pop(key, None)
        self._restore_forms(item)
        ours = self._custom_block()
        custom = dict(self.custom)
        if ours:
            custom[CUSTOM_KEY] = {**custom.get(CUSTOM_KEY, {}), **ours}
        if custom or self.forms.get("custom") == {}:
            item["custom"] = custom
        return item

    def _restore_forms(self, item: dict[str, Any]) -> None:
        for key, given in self.forms.items():
            if key in _AS_GIVEN and isinstance(item.get(key), str):
                if _number_text(given) == item[key]:
                    item[key] = given
            elif key == "type" and self.type == "document" and isinstance(given, str):
                item["type"] = given
            elif key == "DOI" and self.doi is not None and isinstance(given, str):
                item["DOI"] = given if self.display_doi == _display_or_none(given) else item["DOI"]
        if self.doi is not None and item.get("DOI") == self.doi:
            item["DOI"] = self.display_doi
        elif self.doi is None and _not_a_doi(written := self.forms.get("DOI")):
            item["DOI"] = written  # kept as written by the reader, never used as a DOI

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


NAME_VARIABLES: dict[str, str] = {
    name: info.alias or name
    for name, info in Reference.model_fields.items()
    if info.annotation == tuple[Name, ...]
}
"""Model field -> CSL key of every name variable."""


def _number_text(value: Any) -> str | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    try:
        return str(value)
    except ValueError:  # an integer past Python's int-to-str digit limit
        return None


def _keep_numbers(data: dict[str, Any], forms: dict[str, Any]) -> None:
    for key, spelling in _NUMBER_SPELLINGS:
        value = data.get(spelling)
        if value is None or isinstance(value, str):
            continue  # the common case, said quickly
        text = _number_text(value)
        if text is not None:
            forms[key] = value
            data[spelling] = text


_NUMBER_SPELLINGS = tuple(
    (key, spelling)
    for key in sorted(_AS_GIVEN)
    for spelling in dict.fromkeys((key, key.replace("-", "_")))
)
"""``(CSL key, spelling)`` for each number variable: ``number-of-pages``, ``number_of_pages``."""


def _keep_doi(data: dict[str, Any], forms: dict[str, Any]) -> None:
    written = data.get("DOI", data.get("doi"))
    if not isinstance(written, str):
        return
    kept = forms.get("DOI")
    if isinstance(kept, str) and _folded_or_none(kept) == _folded_or_none(written):
        return
    forms["DOI"] = written


def _keep_empty_names(data: dict[str, Any], forms: dict[str, Any]) -> None:
    for key, value in data.items():
        if value == [] and key in _NAME_KEYS:
            forms[_NAME_KEYS[key]] = []
    # Only a CSL item's own empty ``custom`` is worth keeping; ours fills it anyway.
    if data.get("custom") == {} and not any(data.get(name) for name in _CUSTOM_FIELDS):
        forms["custom"] = {}


def _folded_or_none(value: str) -> str | None:
    from als_refs.identifiers.doi import normalize_doi

    try:
        return normalize_doi(value)
    except ValueError:
        return None


def _not_a_doi(value: Any) -> bool:
    return isinstance(value, str) and _folded_or_none(value) is None


def _display_or_none(value: str) -> str | None:
    from als_refs.identifiers.doi import display_doi

    try:
        return display_doi(value)
    except ValueError:
        return None


_NAME_KEYS = {
    **{alias: alias for alias in NAME_VARIABLES.values()},
    **NAME_VARIABLES,
}


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
