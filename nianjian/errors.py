"""Data errors an editor can act on: file, line, column, field, what is wrong, what to do."""

from __future__ import annotations

from dataclasses import dataclass

from nianjian.escaping import terminal_line


@dataclass(frozen=True)
class DataError:
    """One problem found in the editors' data files."""

    file: str  # path as the editor knows it, e.g. "data/years/2024.yaml"
    line: int | None
    column: int | None
    field: str  # field path, e.g. "achievements[2].area"; "" for the whole file
    message: str  # what is wrong, in Chinese
    hint: str = ""  # what to do, in Chinese

    def location(self) -> str:
        parts = [self.file]
        if self.line is not None:
            parts.append(str(self.line))
            if self.column is not None:
                parts.append(str(self.column))
        return ":".join(parts)

    def format(self) -> str:
        """`file:line:column: 字段 — message — hint`, the one format every tool prints: one line,
        whatever the file name, field (a YAML key) or quoted value holds."""
        text = f"{self.location()}: {self.field or '（整个文件）'} — {self.message}"
        if self.hint:
            text += f" — {self.hint}"
        return terminal_line(text)

    def sort_key(self) -> tuple:
        return (self.file, self.line or 0, self.column or 0, self.field)


class DataInvalid(Exception):
    """Raised when the data cannot be published; carries every problem found."""

    def __init__(self, errors: list[DataError]):
        self.errors = sorted(errors, key=DataError.sort_key)
        super().__init__(format_report(self.errors))


# Beyond this many problems in one file an editor is helped by no more lines (a CSV of 300,000
# wrong rows made as many, and 530 MB of them): one line says there are more, and the checks of
# a file's rows stop there.
REPORTED_PER_FILE = 100


def first_per_file(errors: list[DataError]) -> list[DataError]:
    """At most REPORTED_PER_FILE problems of each file, and a line saying there are more."""
    kept: list[DataError] = []
    counts: dict[str, int] = {}
    for error in errors:
        counts[error.file] = counts.get(error.file, 0) + 1
        if counts[error.file] <= REPORTED_PER_FILE:
            kept.append(error)
    for file, count in counts.items():
        if count > REPORTED_PER_FILE:
            kept.append(DataError(file, None, None, "", f"还有问题没有列出（每个文件只列出前 {REPORTED_PER_FILE} 个）", "先改正上面列出的问题，再运行一次检查"))
    return sorted(kept, key=DataError.sort_key)


def format_report(errors: list[DataError], consequence: str = "网站没有生成（上一次生成的网站保持不变）") -> str:
    lines = [f"数据检查发现 {len(errors)} 个问题，{consequence}："]
    lines += [f"  {error.format()}" for error in errors]
    return "\n".join(lines)


def program_error(exc: BaseException, doing: str) -> str:
    """The one line every command and the build say when something fails that no check
    foresaw — a bug of ours, or the machine running out of memory or disk — in place of a
    traceback: what was being done, what went wrong, what to do."""
    if isinstance(exc, MemoryError):
        cause = "内存不足"
    elif isinstance(exc, OSError) and exc.strerror:
        cause = f"{exc.strerror}：{exc.filename}" if exc.filename else exc.strerror
    else:
        cause = f"{type(exc).__name__}: {exc}"
    return terminal_line(f"{doing}时出现程序错误（{cause[:300]}）。数据文件没有被改动；请把这一行报告给维护人员。")
