"""Search finds what staff type: words inside compounds (unit tests of the cutting; the
browser tests are in test_browser.py)."""

from __future__ import annotations

from pathlib import Path

from conftest import REPO
from nianjian.web.search_words_cut import WordCutter

SEARCH_WORDS = REPO / "data" / "search-words.txt"


def test_a_compound_is_cut_into_the_words_inside_it_and_kept_whole_beside_them() -> None:
    cutter = WordCutter(SEARCH_WORDS)
    cut = cutter.cut("解放思想开拓创新构建机关后勤服务新框架")
    assert "".join(cut.words) == "解放思想开拓创新构建机关后勤服务新框架"  # the text reads the same
    assert {"开拓", "创新", "解放", "思想"} <= set(cut.words)
    assert {"开拓创新", "解放思想"} <= set(cut.hidden)
    cut = cutter.cut("机关党委的要求")
    assert cut.words[:2] == ("机关", "党委的") and "机关党委" in cut.hidden  # 的 goes with the word before it
    # No duplicate, and a hidden word is never one of the shown words.
    assert len(cut.hidden) == len(set(cut.hidden)) and not set(cut.hidden) & set(cut.words)


def test_the_agencys_own_terms_stay_whole() -> None:
    cut = WordCutter(SEARCH_WORDS).cut("保持共产党员先进性教育活动")
    assert "先进性教育" in cut.words  # data/search-words.txt
    assert ("共产", "党员") == cut.words[1:3]  # 党员 inside 共产党员 is a word of its own
    assert {"共产党员", "共产党"} <= set(cut.hidden)


def test_a_word_is_not_cut_where_a_piece_would_be_one_character() -> None:
    cutter = WordCutter(SEARCH_WORDS)
    assert cutter.cut("模糊化").words == ("模糊化",)  # 模糊 finds it already: the browser matches word starts
    assert "任意" not in cutter.cut("责任意识").hidden  # a dictionary word across the pieces 责任|意识


def test_a_word_after_a_one_character_prefix_is_found_without_indexing_the_prefix() -> None:
    """总经理, 副主任, 副局长: the compound stays one word of the text (总 alone would be noise that
    every query starting with 总 matches), and 经理, 主任, 局长 are among its hidden words, which
    the search matches."""
    cutter = WordCutter(SEARCH_WORDS)
    for run, inner in (("公司总经理张三", "经理"), ("中心副主任", "主任"), ("副局长", "局长"), ("新建的大食堂", "食堂")):
        cut = cutter.cut(run)
        assert inner in cut.hidden or inner in cut.words, (run, cut)
        assert all(len(word) > 1 for word in cut.words), (run, cut)


def test_cuts_are_kept_between_builds_and_made_again_when_the_terms_change(tmp_path: Path) -> None:
    words = tmp_path / "search-words.txt"
    words.write_text("食堂 100 n\n", encoding="utf-8")
    cache = tmp_path / "cache" / "search-words.json"
    first = WordCutter(words, cache)
    expected = first.cut("开拓创新")
    first.save()
    second = WordCutter(words, cache)
    assert second.cut("开拓创新") == expected and second._tokenizer is None  # jieba was not even loaded
    words.write_text("食堂 100 n\n开拓创新 100 n\n", encoding="utf-8")
    third = WordCutter(words, cache)
    assert third.cut("开拓创新").words == ("开拓创新",)  # now the agency's term: whole
    cache.write_text("{broken", encoding="utf-8")
    assert WordCutter(words, cache).cut("开拓创新").words == ("开拓创新",)  # a damaged cache is cut again


def test_a_single_character_never_stands_alone_so_a_two_character_query_stays_whole() -> None:
    """Material's search cuts a query at the longest index word that starts it, short of the
    whole query: with 党 a word of the index, 党委 would be searched as 党 (and find 党员)."""
    cutter = WordCutter(SEARCH_WORDS)
    for run in ("在局党组的大力支持下", "进一步增强了全面正确地贯彻执行党的基本路线", "机关党委的要求"):
        cut = cutter.cut(run)
        assert "".join(cut.words) == run and all(len(word) > 1 for word in cut.words), cut.words
    cut = cutter.cut("在局党组的大力支持下")
    assert cut.words[0] == "在局党组的" and "党组" in cut.hidden  # its start hidden by 在局: still found



def test_a_long_unpunctuated_run_is_given_to_jieba_in_bounded_windows() -> None:
    """jieba's guessing of unknown words takes time quadratic in what it is given (80,000 rare
    characters in one run took 27 s): a run longer than a window is cut window by window, so no
    call to jieba sees more than WINDOW characters, and the run still reads the same."""
    from nianjian.web.search_words_cut import WINDOW

    cutter = WordCutter(SEARCH_WORDS)
    tokenizer = cutter._jieba()
    seen: list[int] = []
    original_cut = tokenizer.cut
    tokenizer.cut = lambda text, *args, **kwargs: (seen.append(len(text)), original_cut(text, *args, **kwargs))[1]
    run = "丂丄丅丆丌丏丒丟" * 5000 + "开拓创新"
    cut = cutter.cut(run)
    assert "".join(cut.words) == run
    assert seen and max(seen) <= WINDOW
    assert cutter.cut("解放思想开拓创新").words == ("解放", "思想", "开拓", "创新")  # short runs as before


def test_a_cache_file_written_by_hand_cannot_put_text_into_the_index(tmp_path: Path) -> None:
    """.cache/ is a folder of the checkout, so someone can commit a cuts file: a cut that does not
    spell its run (here markup for Material's HTML index) is cut again instead of used."""
    import json

    cache = tmp_path / "search-words.json"
    version = WordCutter(SEARCH_WORDS, cache)._version
    poisoned = {"食堂改造": [["<img src=x onerror=alert(1)>"], []], "节能降耗": [["节能", "降耗"], ["<b>"]]}
    cache.write_text(json.dumps({"version": version, "cuts": poisoned}, ensure_ascii=False), encoding="utf-8")
    cutter = WordCutter(SEARCH_WORDS, cache)
    assert cutter.cut("食堂改造").words == ("食堂", "改造")
    assert "<b>" not in cutter.cut("节能降耗").hidden
