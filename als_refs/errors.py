"""The exceptions als-refs raises, one tree with a stable machine-readable code each.

::

    AlsRefsError(Exception)                          .code .message .source .line
    ├─ InvalidIdentifierError(AlsRefsError, ValueError)   "identifier-syntax"  .value .expected
    │  └─ InvalidDOIError                                 "doi-syntax"
    ├─ InputError(AlsRefsError, ValueError)               "input-invalid"
    │  ├─ ParseError                                      "parse-failed"   (strict mode only)
    │  └─ UnknownFormatError(InputError, LookupError)     "unknown-format"
    ├─ FileAccessError(AlsRefsError, OSError)             "file-unreadable"
    ├─ ResolveError(AlsRefsError)
    │  ├─ DOINotFoundError(ResolveError, LookupError)     "doi-not-found"  .doi
    │  ├─ ServiceHTTPError(ResolveError)                  "service-http"   .status_code .url .body
    │  │  └─ CrossrefHTTPError(ServiceHTTPError)          "crossref-http"
    │  │     └─ RateLimitedError(CrossrefHTTPError)       "rate-limited"   .retry_after
    │  └─ NetworkError(ResolveError)                      "network"        (timeout / connection)
    ├─ StyleNotFoundError(AlsRefsError, LookupError)      "unknown-style"
    └─ InternalError(AlsRefsError)                        "internal"  (a bug: CLI exit code 4)

``str(error)`` is ``file:line: message`` when the place is known, so the CLI can print it as is.
``requests`` exceptions never escape the package: they are re-raised as :class:`NetworkError`.
"""

from __future__ import annotations

from typing import Literal

ErrorCode = Literal[
    "error",
    "identifier-syntax",
    "doi-syntax",
    "input-invalid",
    "parse-failed",
    "unknown-format",
    "file-unreadable",
    "resolve-failed",
    "doi-not-found",
    "service-http",
    "crossref-http",
    "rate-limited",
    "network",
    "unknown-style",
    "internal",
]


class AlsRefsError(Exception):
    """Base class: every error raised on purpose by als-refs."""

    code: ErrorCode = "error"

    def __init__(self, message: str, *, source: str | None = None, line: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.source = source
        self.line = line

    def location(self) -> str:
        if self.source is None:
            return ""
        return f"{self.source}:{self.line}" if self.line is not None else self.source

    def __str__(self) -> str:
        place = self.location()
        return f"{place}: {self.message}" if place else self.message


class InvalidIdentifierError(AlsRefsError, ValueError):
    """An identifier (DOI, ISBN, ISSN, PMID, PMCID, NCT, arXiv) that does not have its form."""

    code: ErrorCode = "identifier-syntax"

    def __init__(
        self,
        scheme: str,
        value: str,
        expected: str,
        *,
        reason: str | None = None,
        source: str | None = None,
        line: int | None = None,
    ) -> None:
        detail = f" ({reason})" if reason else ""
        super().__init__(
            f"invalid {scheme} {value!r}{detail}: expected {expected}", source=source, line=line
        )
        self.scheme = scheme
        self.value = value
        self.expected = expected


class InvalidDOIError(InvalidIdentifierError):
    code: ErrorCode = "doi-syntax"


class InputError(AlsRefsError, ValueError):
    """Input that cannot be read as what it claims to be (bad JSON, a broken entry...)."""

    code: ErrorCode = "input-invalid"


class ParseError(InputError):
    """Raised only when a caller asks for ``strict=True``; otherwise problems are returned."""

    code: ErrorCode = "parse-failed"


class UnknownFormatError(InputError, LookupError):
    code: ErrorCode = "unknown-format"


class FileAccessError(AlsRefsError, OSError):
    code: ErrorCode = "file-unreadable"


class ResolveError(AlsRefsError):
    code: ErrorCode = "resolve-failed"


class DOINotFoundError(ResolveError, LookupError):
    code: ErrorCode = "doi-not-found"

    def __init__(self, doi: str, *, message: str | None = None) -> None:
        super().__init__(message or f"DOI {doi!r} is not registered")
        self.doi = doi


class ServiceHTTPError(ResolveError):
    """A registry (Crossref, PubMed, ClinicalTrials.gov) answered, but not usefully."""

    code: ErrorCode = "service-http"

    def __init__(self, message: str, *, status_code: int, url: str, body: str = "") -> None:
        super().__init__(message)
        self.status_code = status_code
        self.url = url
        self.body = body


class CrossrefHTTPError(ServiceHTTPError):
    code: ErrorCode = "crossref-http"


class RateLimitedError(CrossrefHTTPError):
    code: ErrorCode = "rate-limited"

    def __init__(
        self, message: str, *, url: str, retry_after: float | None = None, body: str = ""
    ) -> None:
        super().__init__(message, status_code=429, url=url, body=body)
        self.retry_after = retry_after


class NetworkError(ResolveError):
    code: ErrorCode = "network"


class StyleNotFoundError(AlsRefsError, LookupError):
    code: ErrorCode = "unknown-style"


class InternalError(AlsRefsError):
    """An unexpected exception, wrapped by the CLI's last guard: a bug in als-refs, not in the
    input. ``.cause`` is the original exception."""

    code: ErrorCode = "internal"

    def __init__(self, cause: BaseException, *, source: str | None = None) -> None:
        detail = " ".join(str(cause).split())[:300]
        name = type(cause).__name__
        super().__init__(f"internal error ({name}{': ' + detail if detail else ''})", source=source)
        self.cause = cause
