"""Reviews (审核) and the plan of contributions (组稿) in a year file, checked beyond the schema:
the steps in order (初审 → 复审 → 终审; 驳回 returns to the start and says why), no date before the
step before it (nor before the part was handed in), each date on the calendar; each planned part
names something the year has (a section's id, a work area), once."""

from __future__ import annotations

from nianjian.errors import DataError
from nianjian.facts.contributions import AREA_PARTS, WHOLE_PARTS
from nianjian.model import REVIEW_LEVELS
from nianjian.read.documents import FieldPath, YamlDocument



def _review_errors(document: YamlDocument, steps: object, path: FieldPath, date_problem, after: str = "") -> list[DataError]:  # noqa: ANN001
    """`after`: a date no step may be before (the part's 供稿日期)."""
    if not isinstance(steps, list):
        return []
    errors = []
    level = 0  # steps of REVIEW_LEVELS passed since the start or the last 驳回
    previous = after
    for index, step in enumerate(steps):
        if not isinstance(step, dict) or not isinstance(step.get("step"), str) or not isinstance(step.get("date"), str):
            continue  # the schema has said what is wrong
        where = (*path, index)
        name, date = step["step"], step["date"]
        if problem := date_problem(date):
            errors.append(document.error((*where, "date"), f"审核日期 {date} 不存在：{problem}", "写成 2025-01-20 这样的日期"))
        elif previous and date < previous:
            errors.append(document.error((*where, "date"), f"{name}的日期 {date} 早于上一步（{previous}）", "审核按时间先后记录：改正日期或顺序"))
        previous = max(previous, date) if not date_problem(date) else previous
        if name == "驳回":
            if level == 0 and index == 0 and not after:
                errors.append(document.error((*where, "step"), "还没有审核就驳回", "驳回记在初审、复审或终审之后"))
            if not str(step.get("note", "")).strip():
                errors.append(document.error((*where, "note"), "驳回时要写明意见（note）", "写上要改什么，供稿部门据此修改"))
            level = 0
            continue
        expected = REVIEW_LEVELS[level] if level < len(REVIEW_LEVELS) else None
        if expected is None:
            errors.append(document.error((*where, "step"), f"终审（签发）之后不能再有{name}", "已签发的内容要重新审核时，先记一次驳回"))
        elif name != expected:
            before = REVIEW_LEVELS[REVIEW_LEVELS.index(name) - 1] if name != REVIEW_LEVELS[0] else ""
            message = f"{name}之前要有{before}" if before and level < REVIEW_LEVELS.index(name) else f"这里应是{expected}，不是{name}"
            errors.append(document.error((*where, "step"), message, "审核顺序是 初审 → 复审 → 终审；驳回后从初审重新开始"))
        else:
            level += 1
    return errors


def review_errors(document: YamlDocument, data: dict, section_ids: set[str], area_keys: set[str], date_problem) -> list[DataError]:  # noqa: ANN001
    """What is wrong with a year file's `review` and `contributions`."""
    errors = _review_errors(document, data.get("review"), ("review",), date_problem)
    contributions = data.get("contributions")
    if not isinstance(contributions, list):
        return errors
    seen: dict[str, int] = {}
    for index, item in enumerate(contributions):
        if not isinstance(item, dict):
            continue
        where = ("contributions", index)
        part = item.get("part")
        if isinstance(part, str):
            kind, _, area = part.partition(":")
            if kind in AREA_PARTS and area:
                if area not in area_keys:
                    errors.append(document.error((*where, "part"), f"部分 {part} 里的领域代码 {area} 不存在", f"可用的领域代码：{'、'.join(sorted(area_keys))}"))
            elif part not in WHOLE_PARTS and part not in section_ids:
                errors.append(document.error(
                    (*where, "part"), f"没有 id 为 {part[:40]} 的章节",
                    "写章节的 id，或 summary、events、honours、photos、attachments，或 achievements:领域代码、metrics:领域代码",
                ))
            if part in seen:
                errors.append(document.error((*where, "part"), f"部分 {part[:40]} 已在第 {seen[part] + 1} 项列过", "每一部分只列一次"))
            seen.setdefault(part, index)
        for field in ("due", "submitted"):
            value = item.get(field)
            if isinstance(value, str) and (problem := date_problem(value)):
                errors.append(document.error((*where, field), f"日期 {value} 不存在：{problem}", "写成 2025-01-15 这样的日期"))
        submitted = item.get("submitted") if isinstance(item.get("submitted"), str) and not date_problem(item["submitted"]) else ""
        steps = item.get("review")
        if steps and not submitted:
            errors.append(document.error((*where, "review"), "还没有供稿（submitted）就有审核记录", "先写上供稿日期 submitted"))
        errors += _review_errors(document, steps, (*where, "review"), date_problem, after=submitted)
    return errors


def unit_errors(document: YamlDocument, units: set[str]) -> list[DataError]:
    """Each planned part's unit is one of site.yaml's `units`, when site.yaml lists them."""
    data = document.data if isinstance(document.data, dict) else {}
    contributions = data.get("contributions")
    if not units or not isinstance(contributions, list):
        return []
    return [
        document.error(("contributions", index, "unit"), f"供稿单位 {item['unit'][:40]} 不在 data/site.yaml 的 units 里", f"可用的部门：{'、'.join(sorted(units))}")
        for index, item in enumerate(contributions)
        if isinstance(item, dict) and isinstance(item.get("unit"), str) and item["unit"].strip() not in units
    ]
