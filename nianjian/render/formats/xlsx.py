"""A minimal .xlsx writer: one sheet of typed cells (text, numbers with a number format),
nothing else.

A site of 200 years has over a thousand tables; pandas.to_excel/openpyxl spend ~20 ms on
each (styles, themes, full workbook model), which alone would add half a minute to the
build. The Office Open XML needed for one plain sheet is six small files in a zip. The
tests open every generated file with openpyxl to prove Excel-compatible output.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Sequence
from xml.sax.saxutils import escape

from nianjian.escaping import spreadsheet_text, xml_text

_FIXED_TIME = (1980, 1, 1, 0, 0, 0)  # the same bytes for the same table: reproducible builds
# Cell styles (cellXfs below): plain, whole number with thousands separator (Excel's built-in
# format 3, "#,##0"), decimal with thousands separator (built-in 4, "#,##0.00").
PLAIN, WHOLE, DECIMAL = 0, 1, 2

_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
    '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
    "</Types>"
)
_ROOT_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>'
    "</Relationships>"
)
_WORKBOOK_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>'
    '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>'
    "</Relationships>"
)
_STYLES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
    '<fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts>'
    '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>'
    '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
    '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
    '<cellXfs count="3"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
    '<xf numFmtId="3" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
    '<xf numFmtId="4" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs>'
    '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>'
    "</styleSheet>"
)


def _column(index: int) -> str:
    """0 → A, 25 → Z, 26 → AA."""
    name = ""
    index += 1
    while index:
        index, remainder = divmod(index - 1, 26)
        name = chr(65 + remainder) + name
    return name


def _cell(reference: str, value: str | float | int | None, style: int) -> str:
    """A number cell, or an inline string; never a formula (we write no <f> element), so text
    starting with = + - @ is text in Excel and Calc, and a code like 007 stays 007."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if style == DECIMAL and float(value).is_integer():
            style = WHOLE
        return f'<c r="{reference}" s="{style}"><v>{value!r}</v></c>'
    text = escape(xml_text(spreadsheet_text("" if value is None else str(value), typed=True)))
    return f'<c r="{reference}" t="inlineStr"><is><t xml:space="preserve">{text}</t></is></c>'


def workbook_bytes(
    headers: Sequence[str], rows: Sequence[Sequence[str | float | int | None]], styles: Sequence[int], sheet_name: str = "数据"
) -> bytes:
    """`styles` gives each column's number style (PLAIN, WHOLE or DECIMAL); text is text."""
    lines = [f'<row r="1">{"".join(_cell(f"{_column(index)}1", title, PLAIN) for index, title in enumerate(headers))}</row>']
    for row_number, values in enumerate(rows, start=2):
        cells = "".join(_cell(f"{_column(index)}{row_number}", value, styles[index]) for index, value in enumerate(values))
        lines.append(f'<row r="{row_number}">{cells}</row>')
    sheet = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        f"<sheetData>{''.join(lines)}</sheetData></worksheet>"
    )
    workbook = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
        'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
        f'<sheets><sheet name="{escape(xml_text(sheet_name))}" sheetId="1" r:id="rId1"/></sheets></workbook>'
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in (
            ("[Content_Types].xml", _CONTENT_TYPES),
            ("_rels/.rels", _ROOT_RELS),
            ("xl/workbook.xml", workbook),
            ("xl/_rels/workbook.xml.rels", _WORKBOOK_RELS),
            ("xl/worksheets/sheet1.xml", sheet),
            ("xl/styles.xml", _STYLES),
        ):
            archive.writestr(zipfile.ZipInfo(name, _FIXED_TIME), content.encode("utf-8"), zipfile.ZIP_DEFLATED)
    return buffer.getvalue()
