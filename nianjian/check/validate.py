"""Turn parsed documents into model records, collecting every problem on the way.

Shape (types, required fields, patterns) is checked by the JSON Schema; this module
adds what a schema cannot know: area keys defined in site.yaml, file names that
must match the year, references between fields, and duplicates across files.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace

from nianjian.errors import DataError
from nianjian.model import PLACEHOLDER, AcceptedFinding, Achievement, Area, Attachment, Contribution, DocumentFields, Editorial, Event, Honour, Indicator, Photo, Plan, PlanOutcome, ReportProblem, ReviewStep, SecrecySettings, Section, SiteSettings, Unit, YearRecord
from nianjian.facts.numbering import outline_marker
from nianjian.check.review import review_errors
from nianjian.prose import ProseRenderer, conversion_problems
from nianjian.read.schema import check_against_schema, load_schema
from nianjian.read.documents import IMAGE_SUFFIXES, SOURCE_SUFFIXES, FieldPath, YamlDocument
from nianjian import urls
from nianjian.urls import SLUG_MAX_CHARACTERS, link_problem, slug

# Beyond this a figure is a typing mistake, and changes computed from it overflow (1e308 → -inf).
MAX_MAGNITUDE = 1e15


# What `nianjian new` writes where the editor still has to write: never published.


def placeholder_errors(document: YamlDocument) -> list[DataError]:
    """Every text of a year file still holding the scaffold's placeholder."""
    found: list[DataError] = []

    def walk(value: object, path: FieldPath) -> None:
        if path[-1:] == ("area",):
            return  # an area still to choose is reported once, with the codes to choose from (_unknown_area)
        if isinstance(value, str) and PLACEHOLDER in value:
            found.append(document.error(path, "还有待填写的内容", f"把“{PLACEHOLDER}”换成正文；这一项没有内容就删去它"))
        elif isinstance(value, dict):
            for key, inner in value.items():
                walk(inner, path + (key,))
        elif isinstance(value, list):
            for index, inner in enumerate(value):
                walk(inner, path + (index,))

    walk(document.data, ())
    return found


def number_problem(value: float) -> str | None:
    """Why a number cannot be published, or None."""
    if not math.isfinite(value):
        return "不是有限的数字"
    if abs(value) > MAX_MAGNITUDE:
        return "数值过大（绝对值超过 10^15），多半是输入错误"
    return None


def markdown_errors(
    document: YamlDocument, path: FieldPath, page_path: str, prose: ProseRenderer, images: ImageCheck | None = None
) -> list[DataError]:
    """A Markdown field stays within the bounds of a linear conversion (prose.conversion_problems),
    its links and images point only inside the site (or to mailto:), and each image it shows is a
    picture under data/sources/ (`images` checks it and notes it to copy into the site)."""
    text = document.value_at(path)
    if not isinstance(text, str):
        return []
    if bounds := conversion_problems(text):  # converting it could take minutes: it is not converted
        return [
            document.error_in_text(path, offset, problem, "单独使用的 [ * _ 等符号请写成 \\[ \\* \\_；长的列表和引用请分成几段")
            for offset, problem in bounds
        ]
    errors = []
    found_before = len(images.found) if images is not None else 0
    for target in prose.link_targets(text):
        problem = link_problem(target.url, page_path)
        if problem:
            shown = target.url if len(target.url) <= 60 else target.url[:60] + "…"
            errors.append(
                document.error_in_text(
                    path, target.offset, f"{problem}：{shown}",
                    "网站在内网使用，只能链接本站的页面（相对路径，如 ../2023/）或 mailto: 邮件地址；站外的图片和网页请下载后放进网站",
                )
            )
        elif target.image and (problem := image_problem(target.url, page_path, images)):
            errors.append(document.error_in_text(path, target.offset, *problem))
        elif not target.image and (problem := file_link_problem(target.url, page_path, images)):
            errors.append(document.error_in_text(path, target.offset, *problem))
    if images is not None:
        images.linked += [(path, file) for file in images.found[found_before:]]
    return errors


def file_link_problem(url: str, page_path: str, files: ImageCheck | None) -> tuple[str, str] | None:
    """(message, what to do) when a link leads into the site's sources/ (an attachment, a
    photograph, an original) but no such file is kept under data/sources/; a file that is there
    is noted to be copied into the site, so the link finds it."""
    target = urls.site_path_of(url, page_path)
    if target is None or not target.startswith(f"{urls.SOURCES_DIR}/") or files is None:
        return None
    if not target.lower().endswith(SOURCE_SUFFIXES) or not files.exists(target):
        shown = url if len(url) <= 60 else url[:60] + "…"
        return f"链接的文件 data/{target} 不存在，或不是可以放进网站的文件类型：{shown}", f"把文件放进 data/sources/（{'、'.join(SOURCE_SUFFIXES)}），或改正链接"
    files.found.append(target)
    return None


@dataclass
class ImageCheck:
    """Whether a file under data/ is there (a regular file inside data/, within the size limit),
    and the pictures the texts show and the files they link, to be copied into the site."""

    exists: Callable[[str], bool]
    found: list[str] = field(default_factory=list)
    linked: list[tuple[FieldPath, str]] = field(default_factory=list)  # each found file with the field that names it


def image_problem(url: str, page_path: str, images: ImageCheck | None) -> tuple[str, str] | None:
    """(message, what to do) when an image on the page at `page_path` would not show: it must be
    a picture kept under data/sources/, which the build copies into the site's sources/."""
    target = urls.site_path_of(url, page_path)
    if target is None:
        return None  # mailto: or not a path: link_problem has said what is wrong
    where = urls.file_href_from_url(f"{urls.SOURCES_DIR}/图片.jpg", page_path)
    shown = url if len(url) <= 60 else url[:60] + "…"
    what_to_do = f"把图片（{'、'.join(IMAGE_SUFFIXES)}）放进 data/sources/，在这一页写成 ![说明]({where})"
    if not target.startswith(f"{urls.SOURCES_DIR}/") or "/" in target[len(urls.SOURCES_DIR) + 1:]:
        return f"图片 {shown} 不在 data/sources/ 里，网站里没有这个文件（读者会看到一张坏图）", what_to_do
    if not target.lower().endswith(IMAGE_SUFFIXES):
        return f"{shown} 不是网页能显示的图片", what_to_do
    if images is not None and not images.exists(target):
        return f"图片 data/{target} 不存在（或超过 50 MB）", what_to_do
    if images is not None:
        images.found.append(target)
    return None


def tag_problem(tag: str) -> str | None:
    """Why a tag cannot become a page of its own, or None."""
    if len(tag) > SLUG_MAX_CHARACTERS:
        return f"标签太长（{len(tag)} 个字，最多 {SLUG_MAX_CHARACTERS} 个）"
    if slug(tag) is None:
        return "标签里没有能用作网址的文字（只有符号，或是 index 等保留名称）"
    return None


def site_from_document(
    document: YamlDocument, prose: ProseRenderer, source_exists: Callable[[str], bool] = lambda path: False
) -> tuple[SiteSettings | None, list[DataError]]:
    errors = check_against_schema(document, "site")
    images = ImageCheck(source_exists)
    errors += markdown_errors(document, ("description",), urls.page_url(urls.HOME_PAGE), prose, images)
    errors += markdown_errors(document, ("editorial", "notes"), urls.page_url(urls.ABOUT_PAGE), prose, images)
    if errors or document.refused:  # a refused value was reported when the file was read
        return None, errors
    data = document.data
    areas: list[Area] = []
    seen: dict[str, int] = {}
    for index, item in enumerate(data["areas"]):
        if item["key"] in seen:
            errors.append(
                document.error(("areas", index, "key"), f"领域代码 `{item['key']}` 重复（第 {seen[item['key']] + 1} 项已用过）", "每个领域的 key 必须不同")
            )
            continue
        seen[item["key"]] = index
        areas.append(Area(item["key"], item["name"], item["order"]))
    keys = {area.key for area in areas}
    indicators, found = _indicator_registry(document, keys)
    errors += found
    current_name = {(entry.area, name): entry.name for entry in indicators for name in entry.former_names}
    key_indicators = []
    for index, item in enumerate(data.get("key_indicators", [])):
        if item["area"] not in keys:
            errors.append(_unknown_area(document, ("key_indicators", index, "area"), item["area"], keys))
        key_indicators.append((item["area"], current_name.get((item["area"], item["indicator"]), item["indicator"])))
    site = SiteSettings(
        organization=data["organization"],
        title=data["title"],
        description=data.get("description", ""),
        areas=tuple(sorted(areas, key=lambda area: (area.order, area.key))),
        key_indicators=tuple(key_indicators),
        indicators=tuple(indicators),
        document=_document_fields(data.get("document", {})),
        letterhead=_letterhead(data),
        images=tuple(dict.fromkeys(images.found)),
        editorial=_editorial(data.get("editorial", {})),
        secrecy=_secrecy(data.get("secrecy", {})),
        units=tuple(Unit(item["name"].strip(), tuple(item.get("reviewers", [])), item.get("office", False)) for item in data.get("units", [])),
    )
    return site, errors


def _editorial(data: dict) -> Editorial:
    texts = {name: data[name].strip() for name in ("chief_editor", "office", "date", "notice", "notes") if name in data}
    return Editorial(committee=tuple(data.get("committee", [])), editors=tuple(data.get("editors", [])), credits=data.get("credits", True), **texts)


def _secrecy(data: dict) -> SecrecySettings:
    words = tuple(word.strip() for word in data["words"]) if "words" in data else SecrecySettings.words
    accepted = tuple(AcceptedFinding(entry["text"], entry["reason"].strip()) for entry in data.get("accepted", []))
    return SecrecySettings(words=words, staff=tuple(name.strip() for name in data.get("staff", [])), accepted=accepted)


def _document_fields(data: dict) -> DocumentFields:
    """A `document` mapping (year record or site.yaml) that passed the schema."""
    fields = {name: value.strip() for name, value in data.items() if name in DocumentFields.__dataclass_fields__ and isinstance(value, str)}
    return DocumentFields(**fields, copies_to=tuple(name.strip() for name in data.get("copies_to", [])))


def _letterhead(data: dict) -> str:
    """The red head's words when site.yaml switches it on: its own, else the issuer's + 文件."""
    document = data.get("document", {})
    if not document.get("letterhead"):
        return ""
    return (document.get("letterhead_name") or f"{document.get('issuer') or data['organization']}文件").strip()


def _indicator_registry(document: YamlDocument, area_keys: set[str]) -> tuple[list[Indicator], list[DataError]]:
    """site.yaml `indicators`: keys unique, and each name (current or former) names one indicator."""
    entries: list[Indicator] = []
    errors: list[DataError] = []
    keys: dict[str, int] = {}
    names: dict[tuple[str, str], int] = {}
    for index, item in enumerate(document.data.get("indicators", [])):
        path = ("indicators", index)
        if item["area"] not in area_keys:
            errors.append(_unknown_area(document, path + ("area",), item["area"], area_keys))
        if item["key"] in keys:
            errors.append(document.error(path + ("key",), f"指标代码 `{item['key']}` 重复（第 {keys[item['key']] + 1} 项已用过）", "每个指标的 key 必须不同"))
        keys.setdefault(item["key"], index)
        former = tuple(item.get("former_names", []))
        for position, name in enumerate((item["name"], *former)):
            field = path + (("name",) if position == 0 else ("former_names", position - 1))
            if (item["area"], name) in names:
                errors.append(
                    document.error(field, f"名称“{name}”已是第 {names[(item['area'], name)] + 1} 项指标的名称或曾用名", "一个名称只能属于一个指标")
                )
            names.setdefault((item["area"], name), index)
        entries.append(Indicator(item["key"], item["area"], item["name"], item["unit"], former, document.position(path)[0]))
    # A broken registry is not applied: its errors alone are reported, not a cascade in the CSVs.
    return ([] if errors else entries), errors


def known_area_keys(document: YamlDocument | None) -> set[str]:
    """Area keys declared in site.yaml, read leniently so other files can be checked even
    while site.yaml itself has errors."""
    if document is None:
        return set()
    return {item["key"] for _, item in _dicts(document.data, "areas") if isinstance(item.get("key"), str)}


def _unknown_area(document: YamlDocument, path: FieldPath, value: str, known: set[str]) -> DataError:
    codes = f"可用的领域代码：{'、'.join(sorted(known))}"
    if value == PLACEHOLDER:
        return document.error(path, "工作领域还没有填写", f"把“{PLACEHOLDER}”换成领域代码；{codes}")
    return document.error(path, f"未知的工作领域 `{value}`", f"{codes}；新领域请先在 data/site.yaml 的 areas 里添加")


def _dicts(container: object, key: str) -> list[tuple[int, dict]]:
    """(index, item) for the mapping items of a list field, tolerating any wrong shape."""
    value = container.get(key) if isinstance(container, dict) else None
    if not isinstance(value, list):
        return []
    return [(index, item) for index, item in enumerate(value) if isinstance(item, dict)]


def _section_anchors(
    document: YamlDocument,
    container: object,
    path: FieldPath,
    depth: int,
    anchors: dict[str, FieldPath],
    errors: list[DataError],
    area_keys: set[str],
    check_text: Callable[[FieldPath], list[DataError]],
) -> None:
    """Collect section ids (reporting duplicates), report outlines deeper than five levels and
    check each body's links and each section's tags."""
    for index, item in _dicts(container, "sections"):
        item_path = path + ("sections", index)
        errors += check_text(item_path + ("body",))
        if depth > 4:
            errors.append(document.error(item_path, "章节层级超过 5 层", "原文的编号最多到 ① 这一层，请把这一节并入上一级"))
        area = item.get("area")
        if isinstance(area, str) and area not in area_keys:
            errors.append(_unknown_area(document, item_path + ("area",), area, area_keys))
        anchor = item.get("id")
        if isinstance(anchor, str):
            if anchor in anchors:
                first_line = document.position(anchors[anchor])[0]
                errors.append(document.error(item_path + ("id",), f"章节锚点 `{anchor}` 重复（第 {first_line} 行已用过）", "同一年内每个章节的 id 必须不同"))
            else:
                anchors[anchor] = item_path + ("id",)
        _section_anchors(document, item, item_path, depth + 1, anchors, errors, area_keys, check_text)




# Each section is a heading of its year page; Material's search looks up every heading in the
# page's table of contents, work that grows with the square of the headings of a page.
MAX_SECTIONS = 500


def _beyond_section_limit(container: object, path: FieldPath, counted: list[int] | None = None) -> FieldPath | None:
    """The path of the first section past MAX_SECTIONS (all levels, in reading order), if any."""
    counted = [0] if counted is None else counted
    for index, item in _dicts(container, "sections"):
        counted[0] += 1
        if counted[0] > MAX_SECTIONS:
            return path + ("sections", index)
        if (found := _beyond_section_limit(item, path + ("sections", index), counted)) is not None:
            return found
    return None


def _reference_errors(
    document: YamlDocument, file_stem: str, area_keys: set[str], source_exists: Callable[[str], bool], prose: ProseRenderer,
    images: ImageCheck | None = None,
) -> tuple[list[DataError], dict[str, FieldPath]]:
    """What a schema cannot know. Runs even on a partly malformed file, so one pass reports all."""
    data = document.data if isinstance(document.data, dict) else {}
    errors: list[DataError] = []
    year = data.get("year")
    if isinstance(year, int) and not isinstance(year, bool) and file_stem != str(year):
        errors.append(document.error(("year",), f"`year` 是 {year}，但文件名是 {file_stem}.yaml", f"把文件改名为 {year}.yaml，或改正 year"))
    source = data.get("source")
    if isinstance(source, str) and not source.lower().endswith(SOURCE_SUFFIXES):
        shown = "、".join(SOURCE_SUFFIXES)
        errors.append(document.error(("source",), f"原始文件 {source[-40:]} 不是报告文件的类型", f"只能是 {shown}；网页（.html、.svg）和 .md 会在读者的浏览器里当作网页打开"))
    elif isinstance(source, str) and source and not source_exists(source):
        errors.append(document.error(("source",), f"`source` 指向的文件 data/{source} 不存在（或超过 50 MB）", "把原始文件放到 data/sources/ 下，路径相对于 data/"))

    page_path = urls.year_url(int(file_stem))

    images = images if images is not None else ImageCheck(source_exists)

    def check_text(path: FieldPath) -> list[DataError]:
        return markdown_errors(document, path, page_path, prose, images)

    errors += check_text(("summary",))
    anchors: dict[str, FieldPath] = {}
    if (too_many := _beyond_section_limit(data, ())) is not None:
        errors.append(document.error(too_many, f"章节太多：一年最多 {MAX_SECTIONS} 个（各级合计）", "一年的报告通常只有几十节；合并过细的章节"))
        return errors, anchors  # each section's own checks would cost as much as the build
    _section_anchors(document, data, (), 0, anchors, errors, area_keys, check_text)

    errors += _event_errors(document, data)
    errors += review_errors(document, data, set(anchors), area_keys, date_problem)
    for key in ("achievements", "problems", "plans", "events", "honours", "photos"):
        for index, item in _dicts(data, key):
            area = item.get("area")
            if isinstance(area, str) and area not in area_keys:
                errors.append(_unknown_area(document, (key, index, "area"), area, area_keys))
    for index, item in _dicts(data, "achievements"):
        figure = item.get("figure")
        if isinstance(figure, (int, float)) and not isinstance(figure, bool) and number_problem(figure):
            errors.append(document.error(("achievements", index, "figure"), f"`figure`（数值）{number_problem(figure)}", "写成普通的数字，如 12.5"))
        section = item.get("section")
        if isinstance(section, str) and section not in anchors:
            known = "、".join(anchors) or "（本年还没有章节设置 id）"
            errors.append(document.error(("achievements", index, "section"), f"`section` 指向的章节 `{section}` 不存在", f"填写某个章节的 id；本年已有：{known}"))
    for index, item in _dicts(data, "photos"):
        section = item.get("section")
        if isinstance(section, str) and section not in anchors:
            known = "、".join(anchors) or "（本年还没有章节设置 id）"
            errors.append(document.error(("photos", index, "section"), f"`section` 指向的章节 `{section}` 不存在", f"填写某个章节的 id；本年已有：{known}"))
    for index, item in _dicts(data, "plan_outcomes"):
        evidence = item.get("evidence")
        for position, anchor in enumerate(evidence if isinstance(evidence, list) else []):
            if isinstance(anchor, str) and anchor not in anchors:
                errors.append(
                    document.error(("plan_outcomes", index, "evidence", position), f"佐证章节 `{anchor}` 不存在", "填写本年某个章节的 id")
                )
    plan_ids: dict[str, int] = {}
    for index, item in _dicts(data, "plans"):
        plan_id = item.get("id")
        if not isinstance(plan_id, str):
            continue
        if plan_id in plan_ids:
            errors.append(document.error(("plans", index, "id"), f"工作思路编号 `{plan_id}` 重复（第 {plan_ids[plan_id] + 1} 项已用过）", "每条工作思路的 id 必须不同"))
        plan_ids.setdefault(plan_id, index)
    return errors, anchors


def date_problem(text: str) -> str | None:
    """Why a date written 2025-02-30 (or 2025-02, 2025) is not on the calendar, or None."""
    parts = [int(part) for part in text.split("-")]
    try:
        dt.date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)
    except ValueError:
        return f"{parts[1]}月没有{parts[2]}日" if len(parts) > 2 else "没有这个月份"
    return None


def _event_errors(document: YamlDocument, data: dict) -> list[DataError]:
    """大事记 and 荣誉 dates on the calendar; events in the file's year unless a 补记; no event twice."""
    errors: list[DataError] = []
    year = data.get("year")
    seen: dict[tuple[str, str], int] = {}
    for key in ("events", "honours"):
        for index, item in _dicts(data, key):
            date = item.get("date")
            if not isinstance(date, str) or not DATE_PATTERN.fullmatch(date):
                continue  # the schema says what is wrong with its shape
            if problem := date_problem(date):
                errors.append(document.error((key, index, "date"), f"日期 {date} 不存在：{problem}", "改正日期；只知道月份时写年-月，如 2025-03"))
                continue
            if key == "events" and isinstance(year, int) and int(date[:4]) != year and not item.get("follow_up"):
                errors.append(document.error((key, index, "date"), f"日期 {date} 不在 {year} 年内", "改正日期；记的确是往年的事时加 follow_up: true（补记）"))
            text = item.get("text")
            if key == "events" and isinstance(text, str):
                if (date, text.strip()) in seen:
                    errors.append(document.error((key, index), f"这件大事与第 {seen[(date, text.strip())] + 1} 项重复（日期和内容相同）", "删去重复的一项"))
                seen.setdefault((date, text.strip()), index)
    return errors


# The schema's shapes, taken from it: a photograph's or attachment's path (a file directly under
# data/sources/), and a date (year, month or day), which alone is looked up on the calendar (the
# schema reports the others).
PHOTO_PATH = re.compile(load_schema("year")["$defs"]["photo"]["properties"]["file"]["pattern"])
DATE_PATTERN = re.compile(load_schema("year")["$defs"]["honour"]["properties"]["date"]["pattern"])


def _sections(items: list[dict], depth: int) -> tuple[Section, ...]:
    return tuple(
        Section(
            title=item["title"].strip(),
            number=item.get("number") or outline_marker(depth, position),
            body=item.get("body", "").strip(),
            anchor=item.get("id"),
            missing=item.get("missing", False),
            truncated=item.get("truncated", False),
            children=_sections(item.get("sections", []), depth + 1),
            area=item.get("area"),
            tags=tuple(item.get("tags", [])),
            internal=item.get("internal", False),
        )
        for position, item in enumerate(items, start=1)
    )


def _review(steps: list[dict]) -> tuple[ReviewStep, ...]:
    return tuple(ReviewStep(step["step"], step["by"].strip(), step["date"], step.get("note", "").strip()) for step in steps)


def _year_record(data: dict) -> YearRecord:
    """Build the record from a document that passed every check."""
    return YearRecord(
        year=data["year"],
        title=data["title"],
        summary=data["summary"].strip(),
        source=data.get("source"),
        sections=_sections(data["sections"], 0),
        achievements=tuple(
            Achievement(
                area=item["area"],
                item=item["item"],
                result=item["result"],
                date=item.get("date"),
                figure=item.get("figure"),
                unit=item.get("unit"),
                section=item.get("section"),
                sample=item.get("sample", False),
                tags=tuple(item.get("tags", [])),
                internal=item.get("internal", False),
            )
            for item in data["achievements"]
        ),
        problems=tuple(
            ReportProblem(item["text"], item.get("area"), item.get("id"), item.get("continues"), item.get("internal", False)) for item in data["problems"]
        ),
        plans=tuple(Plan(item["id"], item["text"], item.get("area"), item.get("internal", False)) for item in data["plans"]),
        plan_outcomes=tuple(
            PlanOutcome(item["plan"], item.get("outcome"), item.get("note", ""), tuple(item.get("evidence", [])))
            for item in data.get("plan_outcomes", [])
        ),
        document=_document_fields(data.get("document", {})),
        events=tuple(sorted(
            (
                Event(item["date"], item["text"].strip(), item.get("place", ""), item.get("source", ""), item.get("area"), tuple(item.get("tags", [])), item.get("follow_up", False), item.get("internal", False))
                for item in data.get("events", [])
            ),
            key=lambda event: event.date,  # stable: events of one day keep the editor's order
        )),
        honours=tuple(
            Honour(item["title"], item["holder"], item["level"], item.get("awarded_by", ""), item.get("date", ""), item.get("area"), item.get("internal", False))
            for item in data.get("honours", [])
        ),
        index_terms=tuple(term.strip() for term in data.get("index", [])),
        attachments=tuple(
            Attachment(item["file"], item["title"].strip(), item.get("kind", "其他"), item.get("number", ""), item.get("date", ""), item.get("internal", False))
            for item in data.get("attachments", [])
        ),
        internal=data.get("internal", False),
        review=_review(data["review"]) if "review" in data else None,
        contributions=tuple(
            Contribution(item["part"], item["unit"].strip(), item["due"], item.get("writer", "").strip(), item.get("submitted", ""), _review(item.get("review", [])))
            for item in data.get("contributions", [])
        ),
        photos=tuple(sorted(
            (
                Photo(item["file"], item["caption"].strip(), item.get("date", ""), item.get("place", ""), item.get("by", ""), item.get("area"), item.get("section"), item.get("order", 0), item.get("internal", False))
                for item in data.get("photos", [])
            ),
            key=lambda photo: photo.order,  # stable: the file's order among equals
        )),
    )


def year_from_document(
    document: YamlDocument, file_stem: str, area_keys: set[str], source_exists: Callable[[str], bool], prose: ProseRenderer,
    photo_problem: Callable[[str], str | None] = lambda path: None,
) -> tuple[YearRecord | None, list[DataError]]:
    """`source_exists(path)` tells whether a path under data/ exists, `photo_problem(path)` what
    is wrong with a photograph there (both kept out of this module's I/O)."""
    errors = check_against_schema(document, "year")
    for index, item in _dicts(document.data if isinstance(document.data, dict) else {}, "photos"):
        file = item.get("file")
        if isinstance(file, str) and PHOTO_PATH.fullmatch(file) and (problem := photo_problem(file)):
            errors.append(document.error(("photos", index, "file"), problem, "照片放进 data/sources/，用相机或手机拍的 JPEG、PNG 或 WebP 原图"))
    for index, item in _dicts(document.data if isinstance(document.data, dict) else {}, "attachments"):
        file = item.get("file")
        if not isinstance(file, str) or not PHOTO_PATH.fullmatch(file):
            continue  # the schema says what is wrong with its shape
        if not file.lower().endswith(SOURCE_SUFFIXES):
            errors.append(document.error(("attachments", index, "file"), f"附件 {file[-40:]} 不是可以放进网站的文件类型", f"只能是 {'、'.join(SOURCE_SUFFIXES)}；网页（.html、.svg）会在读者的浏览器里当作网页打开"))
        elif not source_exists(file):
            errors.append(document.error(("attachments", index, "file"), f"附件 data/{file} 不存在（或超过 50 MB）", "把文件放进 data/sources/，路径相对于 data/"))
    images = ImageCheck(source_exists)
    reference_errors, _ = _reference_errors(document, file_stem, area_keys, source_exists, prose, images)
    errors += reference_errors
    if errors or document.refused:  # a refused value was reported when the file was read
        return None, errors
    return replace(_year_record(document.data), images=tuple(dict.fromkeys(images.found)), image_links=tuple(images.linked)), []


def _year_of(document: YamlDocument) -> int | None:
    year = document.data.get("year") if isinstance(document.data, dict) else None
    return year if isinstance(year, int) and not isinstance(year, bool) else None


def _items(documents: list[YamlDocument], key: str) -> Iterator[tuple[YamlDocument, int | None, int, dict]]:
    """(document, its year, index, item) for every mapping item of a list field, across files."""
    for document in documents:
        for index, item in _dicts(document.data, key):
            yield document, _year_of(document), index, item


def check_years_together(documents: list[YamlDocument]) -> list[DataError]:
    """Across year files, however malformed otherwise."""
    return (
        _check_years_and_plan_ids(documents)
        + _check_plan_outcomes(documents)
        + _check_problem_chains(documents)
        + _check_tags(documents)
    )


def _tagged_items(container: object, path: FieldPath) -> Iterator[tuple[FieldPath, str]]:
    """(path of the tag, tag) for every tag of the sections (nested), achievements and events."""
    for key in ("sections", "achievements", "events"):
        for index, item in _dicts(container, key):
            tags = item.get("tags")
            for position, tag in enumerate(tags if isinstance(tags, list) else []):
                if isinstance(tag, str):
                    yield path + (key, index, "tags", position), tag
            if key == "sections":
                yield from _tagged_items(item, path + (key, index))


# Each tag is a page of the site; beyond this many the tags stop helping anyone find anything
# (and the build's pages grow with them): the schema also allows at most 10 on one item.
MAX_TAGS = 500


def _check_tags(documents: list[YamlDocument]) -> list[DataError]:
    """Each tag can become a page of its own, two different tags never the same page
    (节能 and “节能 ” or Ａ and a), and there are at most MAX_TAGS of them."""
    errors: list[DataError] = []
    first: dict[str, tuple[str, YamlDocument, FieldPath]] = {}
    for document in documents:
        for path, tag in _tagged_items(document.data, ()):
            problem = tag_problem(tag) if tag else None
            if problem:
                errors.append(document.error(path, problem, "标签用简短的中文词语，如 节能、安全、党建"))
                continue
            key = slug(tag)
            if key is None:
                continue
            if key not in first and len(first) == MAX_TAGS:
                errors.append(document.error(path, f"标签太多：各年份合计超过 {MAX_TAGS} 个不同的标签", "标签用来汇集少数几个主题，合并相近的标签"))
                return errors
            if key in first and first[key][0] != tag:
                other_tag, other_document, other_path = first[key]
                line = other_document.position(other_path)[0]
                errors.append(
                    document.error(path, f"标签“{tag}”与“{other_tag}”（{other_document.file} 第 {line} 行）会成为同一个页面", "统一写成同一个标签")
                )
            first.setdefault(key, (tag, document, path))
    return errors


def _check_years_and_plan_ids(documents: list[YamlDocument]) -> list[DataError]:
    """Each year in one file; each plan id once across all years."""
    errors: list[DataError] = []
    years: dict[int, YamlDocument] = {}
    for document in documents:
        year = _year_of(document)
        if year is None:
            continue
        if year in years:
            errors.append(document.error(("year",), f"{year} 年重复：{years[year].file} 也是这一年", "每年只能有一个文件；删除或合并其中一个"))
        years.setdefault(year, document)
    plans: dict[str, YamlDocument] = {}
    for document, _, index, item in _items(documents, "plans"):
        plan_id = item.get("id")
        if not isinstance(plan_id, str):
            continue
        if plan_id in plans and plans[plan_id] is not document:  # repeats within a file are named per file
            errors.append(
                document.error(("plans", index, "id"), f"工作思路编号 `{plan_id}` 与 {plans[plan_id].file} 重复", "编号在所有年份中都要唯一，建议以年份开头，如 2025-canteen")
            )
        plans.setdefault(plan_id, document)
    return errors


def _check_plan_outcomes(documents: list[YamlDocument]) -> list[DataError]:
    """`plan_outcomes` name plans of the year before, each once."""
    plans_by_year: dict[int, set[str]] = {}
    for _, year, _, item in _items(documents, "plans"):
        if year is not None and isinstance(item.get("id"), str):
            plans_by_year.setdefault(year, set()).add(item["id"])
    errors: list[DataError] = []
    reported: dict[tuple[int, str], int] = {}
    for document, year, index, item in _items(documents, "plan_outcomes"):
        plan_id = item.get("plan")
        if year is None or not isinstance(plan_id, str):
            continue
        earlier = plans_by_year.get(year - 1, set())
        if plan_id not in earlier:
            known = "、".join(sorted(earlier)) or "（上一年没有记录 plans）"
            errors.append(
                document.error(("plan_outcomes", index, "plan"), f"未知的目标编号 `{plan_id}`：{year - 1} 年的 plans 中没有这个 id", f"可用的编号：{known}")
            )
        if (year, plan_id) in reported:
            errors.append(document.error(("plan_outcomes", index, "plan"), f"目标 `{plan_id}` 的落实情况写了两次（第 {reported[(year, plan_id)] + 1} 项已有）", "合并为一项"))
        reported.setdefault((year, plan_id), index)
    return errors


def _check_problem_chains(documents: list[YamlDocument]) -> list[DataError]:
    """Problem ids are unique across years; `continues` names a problem of an earlier year."""
    errors: list[DataError] = []
    problem_years: dict[str, tuple[int, YamlDocument]] = {}
    for document, year, index, item in _items(documents, "problems"):
        problem_id = item.get("id")
        if not isinstance(problem_id, str) or year is None:
            continue
        if problem_id in problem_years:
            errors.append(
                document.error(("problems", index, "id"), f"问题编号 `{problem_id}` 与 {problem_years[problem_id][1].file} 重复", "每个问题的 id 在所有年份中都要唯一")
            )
        problem_years.setdefault(problem_id, (year, document))
    for document, year, index, item in _items(documents, "problems"):
        earlier = item.get("continues")
        if not isinstance(earlier, str) or year is None:
            continue
        if earlier not in problem_years or problem_years[earlier][0] >= year:
            known = "、".join(sorted(pid for pid, (y, _) in problem_years.items() if y < year)) or "（往年没有带 id 的问题）"
            errors.append(
                document.error(("problems", index, "continues"), f"`continues` 指向的问题 `{earlier}` 不是往年的问题", f"填写往年某个问题的 id；可用的：{known}")
            )
    return errors
