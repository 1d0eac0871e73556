"""How much of the archive the search panel searches at first (MkDocs adapter).

An agency's decades of years make a search index of a few hundred KB (gzip). At thousands of
years it would be several MB that every reader downloads on opening the search: so beyond
RECENT_YEARS years, search/search_index.json holds every page except the year pages older than
the newest RECENT_YEARS years, and search/search_index_all.json holds everything. The search
panel says how far back it searches and offers the whole archive (site.js); chosen, the page's
own script (theme/main.html) has Material's search load the whole index instead.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass

RECENT_YEARS = 200
RECENT_YEARS_VARIABLE = "NIANJIAN_SEARCH_YEARS"  # another number (the tests use 2)
INDEX = "search/search_index.json"  # Material's
WHOLE_INDEX = "search/search_index_all.json"
_YEAR_PAGE = re.compile(r"years/([0-9]{4})/")


@dataclass(frozen=True)
class SearchScope:
    """The first year the default index searches, of how many; the file of the whole archive."""

    first_year: int
    years: int
    index: str = INDEX
    whole_index: str = WHOLE_INDEX

    def holds(self, location: str) -> bool:
        """Whether a hit at `location` ("years/1901/#…") is in the default index."""
        found = _YEAR_PAGE.match(location)
        return found is None or int(found.group(1)) >= self.first_year

    def for_page(self) -> dict:
        """What the page's script and site.js are told (JSON in the page)."""
        return {"first_year": self.first_year, "years": self.years, "index": self.index, "whole_index": self.whole_index}


def search_scope(years: tuple[int, ...], recent: int | None = None) -> SearchScope | None:
    """None when the default index holds every year (RECENT_YEARS or fewer)."""
    if recent is None:
        given = os.environ.get(RECENT_YEARS_VARIABLE, "")
        recent = int(given) if given.isdigit() and int(given) > 0 else RECENT_YEARS
    newest = sorted(set(years), reverse=True)
    if len(newest) <= recent:
        return None
    return SearchScope(first_year=newest[recent - 1], years=recent)
