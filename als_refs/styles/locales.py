"""The official CSL locale files, as shipped by the installed ``citeproc-py`` package."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import citeproc

LOCALES_DIR = Path(citeproc.__file__).resolve().parent / "data" / "locales"

# What a bare language code means (the CSL locales' own "primary dialects").
PRIMARY_DIALECTS = {
    "af": "af-ZA",
    "ar": "ar",
    "bg": "bg-BG",
    "ca": "ca-AD",
    "cs": "cs-CZ",
    "cy": "cy-GB",
    "da": "da-DK",
    "de": "de-DE",
    "el": "el-GR",
    "en": "en-US",
    "es": "es-ES",
    "et": "et-EE",
    "eu": "eu",
    "fa": "fa-IR",
    "fi": "fi-FI",
    "fr": "fr-FR",
    "he": "he-IL",
    "hr": "hr-HR",
    "hu": "hu-HU",
    "id": "id-ID",
    "is": "is-IS",
    "it": "it-IT",
    "ja": "ja-JP",
    "km": "km-KH",
    "ko": "ko-KR",
    "la": "la",
    "lt": "lt-LT",
    "lv": "lv-LV",
    "mn": "mn-MN",
    "nb": "nb-NO",
    "nl": "nl-NL",
    "nn": "nn-NO",
    "pl": "pl-PL",
    "pt": "pt-PT",
    "ro": "ro-RO",
    "ru": "ru-RU",
    "sk": "sk-SK",
    "sl": "sl-SI",
    "sr": "sr-RS",
    "sv": "sv-SE",
    "th": "th-TH",
    "tr": "tr-TR",
    "uk": "uk-UA",
    "vi": "vi-VN",
    "zh": "zh-CN",
}


@cache
def available_locales() -> frozenset[str]:
    return frozenset(
        p.name[len("locales-") : -len(".xml")] for p in LOCALES_DIR.glob("locales-*.xml")
    )


def resolve_locale(tag: str) -> str | None:
    """The locale file's tag for ``tag`` ("en" -> "en-US", "de-CH" as is), or None."""
    if tag in available_locales():
        return tag
    primary = PRIMARY_DIALECTS.get(tag.split("-")[0])
    return primary if primary in available_locales() else None


def locale_path(tag: str) -> Path:
    resolved = resolve_locale(tag)
    if resolved is None:
        raise KeyError(tag)
    return LOCALES_DIR / f"locales-{resolved}.xml"
