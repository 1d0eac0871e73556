"""Text leaving the project, escaped once, for the place it lands.

Text from data reaches readers and editors through many exits, and each has its own rules;
every writer uses the one function of its exit here (or the Jinja autoescape that applies the
same HTML rules), so no text is shown raw and none is escaped twice:

| exit                                          | function                         |
|-----------------------------------------------|----------------------------------|
| HTML text and quoted attributes, SVG (pages,  | `html` (templates: autoescape)   |
| and the file Word's chart pictures come from) |                                  |
| a Markdown heading of a generated page        | `markdown_heading`               |
| a page title in front matter (MkDocs, <title>)| `front_matter_title`             |
| the site name and copyright Material inserts  | `theme_text`                     |
| JSON for our scripts, in a data- attribute    | `script_json`, then `html`       |
| labels of Material's search hits              | `search_label`                   |
| the text of a search hit (render/parts/search_text.py) | `index_text`            |
| plotly labels and hover text                  | `plotly_text`                    |
| Word and xlsx XML (the XML library escapes)   | `xml_text`                       |
| CSV and xlsx cells                            | `spreadsheet_text`               |
| the editor's terminal                         | `terminal_line`                  |
| links in printed PDFs                         | `urls.printed_link` (paper/volume.py)  |

Editors' Markdown is not escaped but sanitised, by nianjian.prose.
"""

from __future__ import annotations

import html as _html
import json
import re
import unicodedata

from markupsafe import Markup


def html(value: object) -> str:
    """Text for HTML element content or a double-quoted attribute (also SVG)."""
    return _html.escape("" if value is None else str(value), quote=True)


def index_text(value: str) -> str:
    """Text of a search entry, which Material's search shows as HTML: escaped as Material's own
    parser escapes the text it reads from a page (quotes left as they are)."""
    return _html.escape(value, quote=False)


# Every character Python-Markdown lets a backslash escape, `{` `}` included: an escaped
# brace can never open an attribute list (`{: onclick=…}`) on a heading.
_MARKDOWN_INLINE = re.compile(r"([\\`*_{}\[\]()>#+\-.!])")


def markdown_heading(text: str) -> str:
    """Plain text for a Markdown heading: one line, HTML escaped, every Markdown mark literal."""
    one_line = " ".join(text.split())
    return _MARKDOWN_INLINE.sub(r"\\\1", _html.escape(one_line, quote=False))


def front_matter_title(title: str) -> str:
    """MkDocs takes a page's title from the front matter and puts it unescaped into <title> and
    the navigation, so it gets the HTML-escaped text, as a JSON string (JSON is valid YAML)."""
    return json.dumps(html(title.strip()), ensure_ascii=False)


def theme_text(text: str) -> Markup:
    """The site name or copyright for Material's templates, which insert it raw in some places
    (the header, <title>) and escape it (`| e`) in others (the logo's tooltip): escaped text
    marked as such, so `| e` leaves it as it is instead of escaping it a second time."""
    return Markup(html(text))


def script_json(value: object) -> str:
    """A value for our scripts as JSON text (then put in a data- attribute by `html` or the
    template's autoescape; the scripts read it with JSON.parse and show it with textContent)."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def search_label(text: str) -> str:
    """A label shown under a search hit: Material inserts an entry's tags into the result list
    as HTML (its title and text are escaped by its own parser, tags are not)."""
    return html(text)


def plotly_text(text: str) -> str:
    """A label or hover text for plotly.js, which reads a few HTML tags (<b>, <a href>, <br>)
    and only a few entities: &lt; &gt; &amp; and numeric ones, not &quot; (a reader would see
    it as typed). So only the three characters that can start markup are escaped."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


# Characters XML 1.0 forbids (C0 controls but tab and line ends, lone surrogates, U+FFFE/FFFF):
# one of them makes a whole .docx or .xlsx unreadable. Validation refuses them in data
# (nianjian.read.documents); an imported Word file's text can still hold them.
XML_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_text(text: str) -> str:
    """Text for Word or xlsx XML: the XML writer escapes markup; what XML cannot hold at all
    is left out."""
    return XML_FORBIDDEN.sub("", text)


# Formula injection (OWASP "CSV Injection"): a spreadsheet reads a cell as a formula when it
# starts with = + - @ (Excel, WPS; LibreOffice Calc with =), and OWASP lists tab and carriage
# return too. The sign counts after leading whitespace, controls and zero-width characters
# (U+3000, NBSP, line breaks, U+200B, BOM: an import that trims them, like Calc's "trim spaces",
# leaves it first) and in full-width and other compatibility forms (＝＋－＠, by NFKC), which
# Chinese input methods type and spreadsheets may read as the ASCII sign.
_FORMULA_SIGNS = ("=", "+", "-", "@")
_OWASP_START = ("\t", "\r")
_PLAIN_NUMBER = re.compile(r"[+-]?[0-9][0-9,]*(\.[0-9]+)?%?\Z")


def _first_visible(text: str) -> str:
    """The first character a reader sees, in its plain form (＝ is =)."""
    if text[:1].isalnum():  # most cells: a word or a number (no sign is alphanumeric, in any form)
        return text[0]
    for char in text:
        if not char.isspace() and unicodedata.category(char) not in ("Cc", "Cf"):
            return unicodedata.normalize("NFKC", char)
    return ""


# Excel keeps at most 32,767 characters (UTF-16 units) in a cell and cuts or refuses the rest;
# validation keeps every field that reaches a table far below it, this is the last guard.
SPREADSHEET_CELL_LIMIT = 32_767
_CUT_NOTE = "（超出电子表格单元格上限，全文见网站）"


def spreadsheet_text(text: str, *, typed: bool = False) -> str:
    """A text cell as a spreadsheet will show it, never run, within a cell's limit (cut with a
    note). In a CSV, formula starts get a leading `'`; plain signed numbers (-120, +6.5%) stay
    numbers. `typed`: the file marks the cell as text (an .xlsx inline string), which no
    spreadsheet reads as a formula, so it needs no `'` (a reader would see it)."""
    if not typed and (text.startswith(_OWASP_START) or _first_visible(text).startswith(_FORMULA_SIGNS)) and not _PLAIN_NUMBER.match(text):
        text = "'" + text
    if len(text) > SPREADSHEET_CELL_LIMIT // 2:  # shorter, it holds fewer UTF-16 units than the limit
        units = text.encode("utf-16-le")
        if len(units) > 2 * SPREADSHEET_CELL_LIMIT:  # cut between characters: a split pair is dropped
            text = units[: 2 * (SPREADSHEET_CELL_LIMIT - len(_CUT_NOTE))].decode("utf-16-le", "ignore") + _CUT_NOTE
    return text


# What a terminal acts on instead of showing: C0 and C1 controls (ESC starts the sequences that
# retitle, recolour or clear it; U+009B is a one-character CSI), DEL, and the bidirectional
# overrides that make a line read in another order than it is written.
_TERMINAL_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def terminal_line(text: str) -> str:
    """Text from data for one line of terminal output: every control character shown as its
    escape (\\x1b, \\n), so it can neither act on the terminal nor break the line."""
    return _TERMINAL_CONTROL.sub(lambda match: match.group().encode("unicode_escape").decode("ascii"), text)
