"""``ClinicalTrialsClient``: ClinicalTrials.gov API v2 over the shared transport.

The registry publishes no rate limit, so requests are paced at 1 per second unless told otherwise.
"""

from __future__ import annotations

import json
import re
from typing import Any

from als_refs.clinicaltrials.mapping import Study, read_study
from als_refs.errors import InputError, ServiceHTTPError
from als_refs.transport.http import Answer
from als_refs.transport.limits import Limits
from als_refs.transport.registry import PacedRegistryClient, json_answer

DEFAULT_BASE_URL = "https://clinicaltrials.gov"
DEFAULT_LIMITS = Limits(rate=1.0, concurrency=1)
_NCT = re.compile(r"^NCT\d{8}$")


class StudyNotFoundError(InputError, LookupError):
    """The registry holds no study under this NCT id."""


class ClinicalTrialsClient(PacedRegistryClient):
    service = "ClinicalTrials.gov"

    default_base_url = DEFAULT_BASE_URL
    default_limits = DEFAULT_LIMITS

    def get_study(self, nct_id: str) -> Study:
        """The study; :class:`StudyNotFoundError` when the registry has none under this id."""
        nct = nct_id.strip().upper()
        if not _NCT.match(nct):
            raise StudyNotFoundError(f"not an NCT id: {nct_id!r}")
        url = f"{self.base_url}/api/v2/studies/{nct}"
        data = self._get_cached(f"study:{nct}", url, {}, lambda answer: _decode(answer, nct))
        return read_study(data)

    def search(
        self, *, title: str | None = None, term: str | None = None, size: int = 10
    ) -> list[Study]:
        """Studies for ``query.titles`` and/or ``query.term`` (unreadable ones left out)."""
        params = {"pageSize": str(size), "format": "json"}
        if title:
            params["query.titles"] = title
        if term:
            params["query.term"] = term
        key = "search:" + json.dumps(params, sort_keys=True)
        url = f"{self.base_url}/api/v2/studies"
        data = self._get_cached(key, url, params, lambda answer: _decode(answer, None))
        studies = data.get("studies") if isinstance(data, dict) else None
        if not isinstance(studies, list):
            raise ServiceHTTPError(
                "not a ClinicalTrials.gov answer: no 'studies' list", status_code=200, url=url
            )
        found: list[Study] = []
        for item in studies:
            try:
                found.append(read_study(item))
            except InputError:
                continue
        return found


def _decode(answer: Answer, missing: str | None) -> Any:
    if answer.status == 404 and missing is not None:
        raise StudyNotFoundError(f"{missing} is not registered on ClinicalTrials.gov")
    return json_answer(answer, "ClinicalTrials.gov")
