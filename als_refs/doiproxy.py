"""doi.org's handle API (``https://doi.org/api/handles/<handle>``): which DOI a shortDOI names.

A shortDOI (``10/b6vnmd``) is a handle whose ``HS_ALIAS`` value is the DOI it stands for. The API
answers ``{"responseCode": 1, "handle": ..., "values": [{"type": "HS_ALIAS", "data": {"value":
"10.1016/S0933-3657(96)00367-3"}}]}``; ``responseCode`` 100 (HTTP 404) when no such handle
exists, 200 when it exists without the value asked for (https://www.handle.net/proxy_servlet.html).
"""

from __future__ import annotations

from typing import Any

from als_refs.errors import DOINotFoundError, InvalidDOIError, ServiceHTTPError
from als_refs.identifiers.doi import SHORT_DOI, display_doi, normalize_doi
from als_refs.transport.http import Answer
from als_refs.transport.limits import Limits
from als_refs.transport.registry import PacedRegistryClient, RegistryClient, json_answer

DEFAULT_BASE_URL = "https://doi.org"
# doi.org publishes no rate limit; a few requests at a time is polite.
DEFAULT_LIMITS = Limits(rate=5.0, concurrency=2)
_HANDLE_NOT_FOUND = 100
_VALUES_NOT_FOUND = 200


class DoiProxyClient(PacedRegistryClient):
    service = "doi.org"

    default_base_url = DEFAULT_BASE_URL
    default_limits = DEFAULT_LIMITS

    @classmethod
    def beside(cls, client: RegistryClient, base_url: str | None = None) -> DoiProxyClient:
        """A client on another client's transport and cache, offline and refreshing as it is."""
        return cls(
            transport=client.transport,
            base_url=base_url,
            cache=client.cache,
            offline=client.offline,
            refresh=client.refresh,
        )

    def expand_short_doi(self, short_doi: str) -> str:
        """The DOI ``short_doi`` names, as the registry writes it; :class:`DOINotFoundError`
        when doi.org holds no such shortDOI."""
        handle = normalize_doi(short_doi)
        if not SHORT_DOI.match(handle):
            raise ValueError(f"not a shortDOI: {short_doi!r}")
        url = f"{self.base_url}/api/handles/{handle}"
        params = {"type": "HS_ALIAS"}
        data = self._get_cached(
            f"alias:{handle}", url, params, lambda answer: _decode(answer, handle)
        )
        return _alias(data, handle)


def _decode(answer: Answer, handle: str) -> Any:
    data = json_answer(answer, "doi.org", ok=(200, 404))
    if not isinstance(data, dict) or not isinstance(data.get("responseCode"), int):
        raise ServiceHTTPError(
            "not a handle API answer: no responseCode", status_code=answer.status, url=answer.url
        )
    if answer.status == 404 and data["responseCode"] != _HANDLE_NOT_FOUND:
        raise ServiceHTTPError(
            f"doi.org answered 404 for {handle}", status_code=404, url=answer.url
        )
    return data


def _alias(data: dict[str, Any], handle: str) -> str:
    code = data["responseCode"]
    if code == _HANDLE_NOT_FOUND:
        raise DOINotFoundError(handle, message=f"shortDOI {handle} is not registered at doi.org")
    if code == _VALUES_NOT_FOUND:
        raise DOINotFoundError(handle, message=f"shortDOI {handle} names no DOI at doi.org")
    for value in data.get("values") or ():
        if isinstance(value, dict) and value.get("type") == "HS_ALIAS":
            target = (value.get("data") or {}).get("value")
            if isinstance(target, str):
                try:
                    return display_doi(target)
                except InvalidDOIError:
                    break
    raise DOINotFoundError(handle, message=f"shortDOI {handle} names no DOI at doi.org")
