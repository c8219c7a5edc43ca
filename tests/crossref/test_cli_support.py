"""GitHub annotations and report formats (the progress bar: test_progress.py)."""

from __future__ import annotations

import io
import json

from als_refs.cli.online import exit_code, github_line, render_report
from als_refs.models import Issue


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


ERROR = Issue(
    severity="error",
    code="doi-not-found",
    message="DOI 10.9999/x does not exist\nsecond line 100%",
    source="refs,v2.bib",
    line=3,
)
WARNING = Issue(severity="warning", code="year-differs", message="cited 2010", source="a.bib")
INFO = Issue(severity="info", code="page-formatting", message="551-5")


def test_github_annotations_escape_data_and_properties() -> None:
    assert github_line(ERROR) == (
        "::error file=refs%2Cv2.bib,line=3,title=doi-not-found::"
        "DOI 10.9999/x does not exist%0Asecond line 100%25"
    )
    assert github_line(WARNING) == "::warning file=a.bib,title=year-differs::cited 2010"
    assert github_line(INFO).startswith("::notice title=page-formatting::")


def test_json_report_counts() -> None:
    report = json.loads(render_report([ERROR, WARNING, INFO], "json", {"references": 3}))
    assert report["counts"] == {"error": 1, "warning": 1, "info": 1}
    assert report["references"] == 3
    assert report["issues"][0]["code"] == "doi-not-found"


def test_text_report_is_file_line_severity_code_message() -> None:
    assert render_report([WARNING], "text") == "a.bib: warning: year-differs: cited 2010\n"


def test_exit_code_strict() -> None:
    assert exit_code([WARNING, INFO], strict=False) == 0
    assert exit_code([WARNING, INFO], strict=True) == 1
    assert exit_code([INFO], strict=True) == 0
    assert exit_code([ERROR], strict=False) == 1
