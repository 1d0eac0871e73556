"""Across years: what became of each year's plans (目标责任制), and problems that recur."""

from __future__ import annotations

from dataclasses import dataclass

from nianjian.model import Archive, Plan, ReportProblem

OUTCOMES = ("已完成", "部分完成", "未完成", "调整取消")
NOT_REPORTED = "未报告"  # the next year's record exists but says nothing about the plan
PENDING = "待下一年报告"  # no record of the next year yet


@dataclass(frozen=True)
class PlanStatus:
    plan: Plan
    set_in: int  # the year whose report set the plan
    outcome: str  # one of OUTCOMES, NOT_REPORTED or PENDING
    note: str
    evidence: tuple[str, ...]  # section anchors in the reporting year's page

    @property
    def reported_in(self) -> int:
        return self.set_in + 1


def plan_statuses(archive: Archive) -> list[PlanStatus]:
    years = {record.year: record for record in archive.years}
    statuses = []
    for record in archive.years:
        following = years.get(record.year + 1)
        outcomes = {outcome.plan: outcome for outcome in following.plan_outcomes} if following else {}
        for plan in record.plans:
            reported = outcomes.get(plan.id)
            if following is None:
                outcome = PENDING
            elif reported and reported.outcome:
                outcome = reported.outcome
            else:
                outcome = NOT_REPORTED
            statuses.append(
                PlanStatus(plan, record.year, outcome, reported.note if reported else "", reported.evidence if reported else ())
            )
    return statuses


def problems_by_id(archive: Archive) -> dict[str, tuple[int, ReportProblem]]:
    """Each problem with an id, and the year that reports it."""
    return {problem.id: (record.year, problem) for record in archive.years for problem in record.problems if problem.id}


def problem_chains(archive: Archive) -> list[list[tuple[int, ReportProblem]]]:
    """Problems linked by `continues`, oldest first; only chains spanning two or more years. A
    continuation joins its chain whether or not it has an id of its own (without one, no later
    year can continue it in turn)."""
    continuations: dict[str, list[tuple[int, ReportProblem]]] = {}
    for record in archive.years:
        for problem in record.problems:
            if problem.continues:
                continuations.setdefault(problem.continues, []).append((record.year, problem))
    chains = []
    for record in archive.years:
        for problem in record.problems:
            if problem.continues or problem.id is None:
                continue  # chains start at a problem that continues nothing
            chain = [(record.year, problem)]
            waiting = [problem.id]
            while waiting:
                for year, later in continuations.get(waiting.pop(0), []):
                    chain.append((year, later))
                    if later.id:
                        waiting.append(later.id)
            chain.sort(key=lambda entry: entry[0])  # stable: a year's own order is kept
            if len({year for year, _ in chain}) >= 2:
                chains.append(chain)
    return chains
