"""Bibliography order and characters where citeproc-js does not print the data as written.

The items are real ones from ``tests/data/render-real/items.json`` (Better BibTeX fixtures); the
expected entries are citeproc-js 2.4.63's (``expected/chicago-author-date.json.gz``).
"""

from __future__ import annotations

import json
from pathlib import Path

from als_refs.styles import format_entries
from als_refs.styles.sortkeys import _collate

ITEMS = Path(__file__).resolve().parents[1] / "data" / "render-real" / "items.json"


def _items(*ids: str) -> list[dict[str, object]]:
    by_id = {item["id"]: item for item in json.loads(ITEMS.read_text(encoding="utf-8"))}
    return [by_id[i] for i in ids]


def test_a_sort_macro_with_a_date_keys_on_the_date_only() -> None:
    # The patent's "Patent mypreciousreportnumber, issued January 1995" keys as its date,
    # which sorts before the other reports' numbers: it takes the first year suffix.
    entries = format_entries(
        _items("bbt-i69-dataset", "bbt-i72-patent", "bbt-i73-report", "bbt-i75-techreport"),
        style="chicago-author-date",
    )
    assert [e.split(". ")[1] for e in entries] == ["1995a", "1995b", "1995c", "1995d"]
    assert entries[0].endswith("Patent mypreciousreportnumber, issued January 1995.")


def test_no_break_and_narrow_spaces_do_not_separate_words() -> None:
    # citeproc-js joins a key's words with "|", which counts; U+00A0 and U+2006 are ignored.
    assert _collate("100 \\muJ, 200\u2006\\muJ") < _collate("100\u00a0\\muJ, 200\u2006J")
    assert _collate("a^c") < _collate("a1") < _collate("ab")


def test_space_before_colon_becomes_narrow_no_break() -> None:
    # "Reason : The Passions" (bbt-i4-ZGaukroger1998a): citeproc-js prints U+202F before ":".
    entry = format_entries(_items("bbt-i4-ZGaukroger1998a"), style="chicago-author-date")[0]
    assert "Reason\u202f: The Passions" in entry


def test_plural_label_decided_on_the_first_number() -> None:
    # number "10, Issue 260" (bbt-i36-10.4:52): citeproc-js labels it "Nos.".
    entry = format_entries(_items("bbt-i36-10.4:52"), style="chicago-author-date")[0]
    assert "Nos. 10, Issue 260." in entry


def test_capitalize_first_leaves_a_word_with_capitals() -> None:
    # publisher "mcDJ; RCA" (bbt-i36-10.13:92c) after a period.
    entry = format_entries(_items("bbt-i36-10.13:92c"), style="chicago-author-date")[0]
    assert entry.endswith("This Is America. mcDJ; RCA.")


def test_number_variable_cased_piece_by_piece() -> None:
    # edition "ninth Dover printing, tenth GPO printing" (bbt-i7-abramowitz+stegun).
    entry = format_entries(_items("bbt-i7-abramowitz+stegun"), style="chicago-author-date")[0]
    assert "Ninth Dover printing, Tenth GPO printing. Dover." in entry


def test_chinese_title_not_italicised() -> None:
    # bbt-x9-ShuiZhong...2000 (Better BibTeX fixture): citeproc-js prints the title upright.
    ident = (
        "bbt-x9-ShuiZhongZongYouJiTanJianCeFangFaGuoYangJiaoLiuSuanYanZiWaiGuangYangHua"
        "HongWaiXianCeDingFa2000"
    )
    entry = format_entries(_items(ident), style="chicago-notes-bibliography", output="html")[0]
    assert entry.startswith("水中總有機碳檢測方法－過氧焦硫酸鹽紫外光氧化／紅外線測定法. ")


def test_period_moved_into_quotes_stays_out_of_italics() -> None:
    # jgm-issue_116-Turville-PetreSirAdrianFortescue2000 (pandoc citeproc fixture).
    ident = "jgm-issue_116-Turville-PetreSirAdrianFortescue2000"
    entry = format_entries(_items(ident), style="chicago-notes-bibliography", output="html")[0]
    assert "Copy of <i>Piers Plowman</i>.”" in entry
