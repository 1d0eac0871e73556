"""Material's search index, with our Chinese words and labels (imported by the MkDocs hooks
only: the rest of nianjian does not depend on MkDocs or Material).

Material's search plugin parses each page into sections and cuts their Chinese text with
jieba's accurate mode; its index (SearchIndex) is put in the plugin's place by the hooks before
the first page. A year page's sections are not parsed from its HTML: its model gives them
(render/parts/search_text.py), and they become entries as Material makes them. This index, for
each section:
- cuts the Chinese text into the smaller words of nianjian.web.search_words_cut (a word inside a
  compound is found and highlighted), kept between builds in .cache/;
- keeps the compounds in a field of their own ("words", searched, not shown: mkdocs.yml gives
  it its weight), so pages with the whole compound rank first;
- adds the year and work area of the hit as its tags, which Material shows under each hit;
- puts the hit's filter words (year, area, kind: render/pages/search_filters.py) in a hidden field
  of their own, which a filtered query requires;
and writes the index as UTF-8 instead of \\uXXXX escapes (half the bytes). A page whose sections
(or finished HTML), title, contents and metadata are unchanged takes its entries from the last build
(nianjian.web.page_cache) instead of being parsed and cut again.
"""

from __future__ import annotations

import json
from pathlib import Path
from collections.abc import Callable
from typing import TextIO

from material.plugins.search.plugin import Element, SearchIndex, Section

from nianjian.render.pages.search_filters import FIELD as FACETS_FIELD
from nianjian.render.parts.search_text import sections_from_json
from nianjian.stored import digest
from nianjian.web.page_cache import SEARCH_ENTRIES, PageCache
from nianjian.web.search_scope import INDEX, WHOLE_INDEX, SearchScope
from nianjian.web.search_words_cut import HAN_RUN, WordCutter

HIDDEN_FIELD = "words"
_SEPARATOR = "\u200b"  # zero-width: Material's separator between words, invisible in excerpts


class NianjianSearchIndex(SearchIndex):
    def __init__(
        self, cutter: WordCutter, labels: dict[str, tuple[str, ...]], facets: dict[str, tuple[str, ...]], cache_dir: Path | None = None,
        deferred: bool = False, spill_dir: Path | None = None, scope: SearchScope | None = None,
        from_model: Callable[[str], str | None] = lambda path: None, **config: object,
    ):
        """`deferred`: a preview's index, left empty until its complete build (nianjian.web.preview).
        `spill_dir`: each page's entries are written there as JSON as soon as they are made, not
        held (at 2,000 years they were 140 MB of JSON and several times that as Python objects),
        and write_index streams them into the index. `scope`: the older years' hits go to the
        whole archive's index only (nianjian.web.search_scope). `from_model`: a page's sections as its
        model gives them (RenderedSite.search_json, by the page's path under docs/), or None."""
        super().__init__(**config)
        self._from_model = from_model
        self._deferred = deferred
        self._scope = scope
        self._recent = _EntryFile(spill_dir / "search-entries.json") if spill_dir is not None else None
        self._older = _EntryFile(spill_dir / "search-entries-older.json") if spill_dir is not None and scope is not None else None
        self._cutter = cutter
        self._labels = labels
        self._facets = facets
        self._hidden: list[str] = []  # the hidden words of the section being indexed
        # Entries depend on the page and, for every page alike, on the words, labels, filters
        # and the plugin's settings.
        shared = digest(cutter.version, json.dumps([labels, facets, config], ensure_ascii=False, sort_keys=True, default=str))
        self._cache = PageCache(cache_dir, shared) if cache_dir is not None else None

    def add_entry_from_context(self, page) -> None:  # noqa: ANN001 (MkDocs' Page)
        if self._deferred:
            return
        self._add_entries(page)
        if self._recent is not None:
            for entry in self.entries:
                held = self._older is None or self._scope.holds(entry["location"])
                (self._recent if held else self._older).write(_json(entry))
            self.entries.clear()

    def _add_entries(self, page) -> None:  # noqa: ANN001
        searched = self._from_model(page.file.src_uri)  # JSON of the sections, decoded only to make entries
        if self._cache is None:
            self._make_entries(page, searched)
            return
        metadata = json.dumps(page.meta, ensure_ascii=False, sort_keys=True, default=str)
        key = self._cache.key(page.url, str(page.title), metadata, str(page.toc), searched if searched is not None else page.content or "")
        stored = self._cache.get(SEARCH_ENTRIES, page.url, key)
        if stored is not None:
            self.entries.extend(stored["entries"])
            return
        first = len(self.entries)
        self._make_entries(page, searched)
        self._cache.put(SEARCH_ENTRIES, page.url, key, {"entries": self.entries[first:]})

    def _make_entries(self, page, searched: str | None) -> None:  # noqa: ANN001
        """Material's entries of the page: from the sections its model gives (`searched`, their
        JSON), or (docs/'s own pages, the summary and error pages) from Material's parse of its HTML."""
        if searched is None:
            super().add_entry_from_context(page)
            return
        if (page.meta.get("search") or {}).get("exclude"):
            return
        for part in sections_from_json(searched):
            section = Section(Element("h2" if part.anchor else "h1"))
            section.id, section.title, section.text = part.anchor, [part.title], [part.text]
            self.create_entry_for_section(section, page.toc, page.url, page)

    def _segment_chinese(self, data: str) -> str:
        def words(match: object) -> str:
            cut = self._cutter.cut(match.group(0))
            self._hidden.extend(cut.hidden)
            return _SEPARATOR + _SEPARATOR.join(cut.words) + _SEPARATOR

        return HAN_RUN.sub(words, data)

    def create_entry_for_section(self, section, toc, url, page) -> None:  # noqa: ANN001 (Material's signature)
        self._hidden = []
        super().create_entry_for_section(section, toc, url, page)
        entry = self.entries[-1]
        if self._hidden:
            entry[HIDDEN_FIELD] = _SEPARATOR.join(dict.fromkeys(self._hidden))
        location = entry["location"]
        labels = self._labels.get(location) or self._labels.get(location.split("#", 1)[0])
        if labels:
            entry["tags"] = [*labels, *entry.get("tags", [])]
        facets = self._facets.get(location) or self._facets.get(location.split("#", 1)[0])
        if facets:
            entry[FACETS_FIELD] = " ".join(facets)

    def generate_search_index(self, prev: SearchIndex | None) -> str:
        """The index Material writes; with spilled entries, a stand-in that write_index replaces."""
        if prev is not None:
            super().generate_search_index(prev)  # only for its merge of a dirty reload's entries
        self._cutter.save()
        if self._recent is not None:
            return ""
        return _json({"config": self._index_config(), "docs": self.entries})

    def write_index(self, site_dir: Path) -> None:
        """The spilled entries streamed into the index files (search/search_index.json and, with a
        scope, the whole archive's): the bytes generate_search_index would return, never held whole."""
        if self._recent is None:
            return
        parts = [part for part in (self._recent, self._older) if part is not None]
        for part in parts:
            part.close()
        self._write(site_dir / INDEX, [self._recent])
        if self._older is not None:
            self._write(site_dir / WHOLE_INDEX, parts)

    def _write(self, path: Path, parts: list[_EntryFile]) -> None:
        written = 0
        with path.open("w", encoding="utf-8", errors="surrogatepass") as out:
            out.write(_json({"config": self._index_config(), "docs": []})[: -len("[]}")] + "[")
            for part in parts:
                if part.count:
                    out.write("," if written else "")
                    part.copy_to(out)
                    written += part.count
            out.write("]}")

    def _index_config(self) -> dict:
        return {key: self.config[key] for key in ("lang", "separator", "pipeline", "fields")}


class _EntryFile:
    """Search entries as JSON, comma-separated, in a file of the build's folder."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.count = 0
        self._out = path.open("w", encoding="utf-8", errors="surrogatepass")

    def write(self, entry_json: str) -> None:
        self._out.write(("," if self.count else "") + entry_json)
        self.count += 1

    def close(self) -> None:
        self._out.close()

    def copy_to(self, out: TextIO) -> None:
        with self.path.open(encoding="utf-8", errors="surrogatepass") as entries:
            while chunk := entries.read(1 << 20):
                out.write(chunk)


def _json(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), default=str)
