"""Organisation shapes: a reporting tree with realistic spans and the departments it implies.

Real org charts are not random graphs: managers have 5-8 direct reports, the
tree gets deeper as the company grows, and departments nest along the chart.
Both the scale generator and the demo build their customers' hierarchies here.
"""
from __future__ import annotations

import random
from dataclasses import dataclass, field

from seed.vocab import CHIEF_TITLES, EXEC_ASSISTANT_TITLES, FUNCTIONS

SPAN = (5, 8)


@dataclass
class Org:
    """Index 0 is the chief; every parent index is smaller than its children's (breadth-first)."""

    parent: list[int]            # -1 for the root
    depth: list[int]
    function: list[int]          # index into FUNCTIONS, -1 for the executive office
    department: list[int] = field(default_factory=list)   # index into dept_names
    dept_names: list[str] = field(default_factory=list)
    dept_parent: list[int] = field(default_factory=list)  # -1 for the top department
    dept_head: list[int] = field(default_factory=list)
    titles: list[str] = field(default_factory=list)
    manager: list[bool] = field(default_factory=list)     # has direct reports

    @property
    def size(self) -> int:
        return len(self.parent)


def build_tree(rng: random.Random, n: int, span: tuple[int, int] = SPAN,
               manager_share: float = 0.8) -> tuple[list[int], list[int]]:
    """Fill a tree level by level: each manager takes 5-8 reports; ~1 in 5 people are individual contributors.

    Shuffling each level's managers spreads the last, partly filled level over the
    whole company instead of piling it on the first departments.
    """
    parent = [-1]
    depth = [0]
    level = [0]
    may_manage = [True]
    while len(parent) < n:
        managers = [x for x in level if may_manage[x]] or list(level)
        rng.shuffle(managers)
        next_level: list[int] = []
        for boss in managers:
            room = n - len(parent)
            if room <= 0:
                break
            for _ in range(min(rng.randint(*span), room)):
                child = len(parent)
                parent.append(boss)
                depth.append(depth[boss] + 1)
                may_manage.append(rng.random() < manager_share)
                next_level.append(child)
        level = next_level
    return parent, depth


def dept_depth_for(n: int) -> int:
    """Departments nest deeper in bigger companies: functions only, then sub-departments, then teams."""
    return 1 if n < 40 else 2 if n < 400 else 3 if n < 4000 else 4


def build_org(rng: random.Random, n: int) -> Org:
    """Tree, functions (by top-level branch), departments and titles for an n-person customer."""
    parent, depth = build_tree(rng, n)
    children_count = [0] * n
    for p in parent[1:]:
        children_count[p] += 1
    manager = [c > 0 for c in children_count]
    function = [-1] * n
    next_function = 0
    offset = rng.randrange(len(FUNCTIONS))
    for i in range(1, n):
        if depth[i] == 1:
            if manager[i] or n <= 12:
                function[i] = (offset + next_function) % len(FUNCTIONS)
                next_function += 1
        else:
            function[i] = function[parent[i]]
    org = Org(parent=parent, depth=depth, function=function, manager=manager)
    _departments(rng, org, children_count)
    _titles(rng, org)
    return org


def _departments(rng: random.Random, org: Org, children_count: list[int]) -> None:
    """The executive office, one department per function head, then sub-departments along the chart."""
    max_depth = dept_depth_for(org.size)
    org.dept_names = ["Executive Office"]
    org.dept_parent = [-1]
    org.dept_head = [0]
    org.department = [0] * org.size
    used_names: set[str] = {"Executive Office"}
    sub_counter: dict[int, int] = {}
    for i in range(1, org.size):
        boss_dept = org.department[org.parent[i]]
        heads_one = org.function[i] >= 0 and (org.depth[i] == 1 or (
            2 <= org.depth[i] <= max_depth and children_count[i] >= 3))
        if not heads_one:
            org.department[i] = boss_dept
            continue
        fname, _, subs, _ = FUNCTIONS[org.function[i]]
        k = sub_counter.get(boss_dept, 0)
        sub_counter[boss_dept] = k + 1
        if org.depth[i] == 1:
            name = fname
        elif org.depth[i] == 2:
            name = subs[k % len(subs)] + ("" if k < len(subs) else f" {k // len(subs) + 1}")
        else:
            name = f"{org.dept_names[boss_dept]} Team {chr(65 + k % 26)}{'' if k < 26 else k // 26}"
        base, suffix = name, 2
        while name in used_names:
            name = f"{base} ({suffix})"
            suffix += 1
        used_names.add(name)
        org.dept_names.append(name)
        org.dept_parent.append(boss_dept)
        org.dept_head.append(i)
        org.department[i] = len(org.dept_names) - 1


def _titles(rng: random.Random, org: Org) -> None:
    heads = {head: d for d, head in enumerate(org.dept_head)}
    titles = [rng.choice(CHIEF_TITLES)]
    for i in range(1, org.size):
        f = org.function[i]
        if f < 0:
            titles.append(rng.choice(EXEC_ASSISTANT_TITLES))
            continue
        fname, head_title, _, staff = FUNCTIONS[f]
        if org.depth[i] == 1:
            titles.append(head_title)
        elif i in heads:
            level = "Director" if org.depth[i] == 2 else "Manager"
            titles.append(f"{org.dept_names[heads[i]]} {level}")
        elif org.manager[i]:
            titles.append(f"{rng.choice(staff)} Team Lead")
        else:
            titles.append(("Senior " if rng.random() < 0.3 else "") + rng.choice(staff))
    org.titles = titles
