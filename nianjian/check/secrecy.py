"""The secrecy check before publishing (保密检查): personal or sensitive data in the year files and
the metrics' notes, each finding with file:line:field:

- an 18-digit 身份证号 (its birth date real, its check digit right);
- a mobile number (1[3-9] and nine digits, groups of 3-4-4 allowed);
- a bank card number (16–19 digits passing Luhn's check);
- an e-mail address;
- a word of site.yaml's `secrecy.words` (涉密, 秘密, 机密, 绝密 when not given);
- in the public edition, a name of site.yaml's `secrecy.staff`.

`nianjian validate` warns; the public edition (make build EDITION=公开) refuses to build while any
finding is not accepted. An editor accepts a finding in site.yaml's `secrecy.accepted` with the
exact text found and a reason; accepted findings are listed at every publish. In the public
edition, what is marked internal is not checked: it is not published.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

from nianjian.errors import DataError
from nianjian.model import MetricRow, SecrecySettings
from nianjian.read.documents import FieldPath, YamlDocument

_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK = "10X98765432"
_ID_NUMBER = re.compile(r"(?<![0-9])[1-9][0-9]{16}[0-9Xx](?![0-9A-Za-z])")
_MOBILE = re.compile(r"(?<![0-9])1[3-9][0-9][ -]?[0-9]{4}[ -]?[0-9]{4}(?![0-9])")
_CARD = re.compile(r"(?<![0-9])[0-9](?:[ -]?[0-9]){15,18}(?![0-9])")
_EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")


def id_number_valid(text: str) -> bool:
    """An 18-digit 身份证号 (GB 11643): a real birth date and the right check character."""
    digits = text.upper()
    try:
        date(int(digits[6:10]), int(digits[10:12]), int(digits[12:14]))
    except ValueError:
        return False
    if not 1900 <= int(digits[6:10]) <= 2100:
        return False
    return _ID_CHECK[sum(int(digit) * weight for digit, weight in zip(digits[:17], _ID_WEIGHTS)) % 11] == digits[17]


def luhn_valid(digits: str) -> bool:
    total = 0
    for position, digit in enumerate(reversed(digits)):
        value = int(digit) * (2 if position % 2 else 1)
        total += value - 9 if value > 9 else value
    return total % 10 == 0


@dataclass(frozen=True)
class Found:
    offset: int
    text: str  # as written: what an accepted entry names
    kind: str  # 身份证号, 手机号, 银行卡号, 邮箱地址, 敏感词, 人名


def findings_in(text: str, settings: SecrecySettings, *, public: bool) -> list[Found]:
    """Everything in one text the check asks an editor to look at, in the order written."""
    found: list[Found] = []
    taken: list[range] = []

    def add(start: int, matched: str, kind: str) -> None:
        if not any(start in span for span in taken):
            found.append(Found(start, matched, kind))
            taken.append(range(start, start + len(matched)))

    for match in _ID_NUMBER.finditer(text):
        if id_number_valid(match.group()):
            add(match.start(), match.group(), "身份证号")
    for match in _MOBILE.finditer(text):
        add(match.start(), match.group(), "手机号")
    for match in _CARD.finditer(text):
        digits = re.sub(r"[ -]", "", match.group())
        if 16 <= len(digits) <= 19 and luhn_valid(digits):
            add(match.start(), match.group(), "银行卡号")
    for match in _EMAIL.finditer(text):
        add(match.start(), match.group(), "邮箱地址")
    for word in settings.words:
        for match in re.finditer(re.escape(word), text):
            add(match.start(), word, "敏感词")
    if public:
        for name in settings.staff:
            for match in re.finditer(re.escape(name), text):
                add(match.start(), name, "人名")
    return sorted(found, key=lambda item: item.offset)


_WHY = {
    "身份证号": "像是身份证号（校验位正确）",
    "手机号": "像是手机号",
    "银行卡号": "像是银行卡号（通过 Luhn 校验）",
    "邮箱地址": "是邮箱地址",
    "敏感词": "含有敏感词",
    "人名": "含有工作人员名单里的姓名（公开版）",
}
ACCEPT_HINT = "确属误报或可以公开时，在 data/site.yaml 的 secrecy.accepted 里写上这段文字和理由；否则删去或把这一项标为 internal: true"


@dataclass(frozen=True)
class Finding:
    error: DataError  # where, and what: “像是手机号：138…”
    text: str
    accepted_because: str = ""  # the reason an editor gave, when accepted


def _texts(value: object, path: FieldPath, internal: bool) -> Iterator[tuple[FieldPath, str, bool]]:
    """Every string of a year file with its path and whether it is inside something internal."""
    if isinstance(value, dict):
        inside = internal or value.get("internal") is True
        for key, item in value.items():
            yield from _texts(item, (*path, key), inside)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _texts(item, (*path, index), internal)
    elif isinstance(value, str):
        yield path, value, internal


def _shown(text: str) -> str:
    return text if len(text) <= 24 else text[:24] + "…"


def _published(path: FieldPath, credits: bool) -> bool:
    """Whether a year file's text reaches the public edition: reviews (who reviewed, their
    notes) and the plan's dates never do; a part's unit and writer only in its 撰稿 line."""
    if "review" in path:
        return False
    if path and path[0] == "contributions":
        return credits and path[-1] in ("unit", "writer")
    return True


def year_findings(document: YamlDocument, settings: SecrecySettings, *, public: bool, credits: bool = True) -> list[Finding]:
    """`credits`: the parts' 撰稿 lines are shown (site.yaml editorial.credits). Found once per
    document and settings (a kept document, nianjian.check.parsed_files, is not searched again)."""
    name = f"findings:{settings!r}:{public}:{credits}"
    kept = document.derived.get(name)
    if kept is not None:
        return list(kept)
    findings = []
    for path, text, internal in _texts(document.data, (), False):
        if public and (internal or not _published(path, credits)):
            continue  # not published
        for found in findings_in(text, settings, public=public):
            error = document.error_in_text(path, found.offset, f"{_WHY[found.kind]}：{_shown(found.text)}", ACCEPT_HINT)
            findings.append(Finding(error, found.text))
    document.derived[name] = tuple(findings)
    return findings


def metric_findings(rows: list[MetricRow] | tuple[MetricRow, ...], settings: SecrecySettings, *, public: bool) -> list[Finding]:
    findings = []
    for row in rows:
        if public and row.internal:
            continue
        for column, text in (("indicator", row.indicator), ("note", row.note)):
            for found in findings_in(text, settings, public=public):
                findings.append(Finding(DataError(row.file, row.line, None, column, f"{_WHY[found.kind]}：{_shown(found.text)}", ACCEPT_HINT), found.text))
    return findings


def with_acceptances(findings: list[Finding], settings: SecrecySettings) -> list[Finding]:
    """Each finding, with the reason an editor accepted its text for, when there is one."""
    reasons = {entry.text: entry.reason for entry in settings.accepted}
    return [Finding(finding.error, finding.text, reasons.get(finding.text, "")) for finding in findings]


def accepted_report(findings: list[Finding]) -> str:
    """The accepted findings, a line each, as every build lists them."""
    lines = [f"保密检查：{len(findings)} 处已确认（site.yaml 的 secrecy.accepted），照常发布："]
    lines += [f"  {finding.error.location()} {finding.error.field} — {_shown(finding.text)} — 理由：{finding.accepted_because}" for finding in findings]
    return "\n".join(lines)
