"""Reach into big accounts from memory (issue 15 part 3): the same answer as cypher/reach.cypher, in milliseconds.

reach.cypher walks one state per contact through five unrolled step blocks; in a 5,000-contact account that is
thousands of path states sorted and copied per block in Cypher's runtime (100-300 ms warm, several round trips
with the floors). Here the account's reach graph (topology, weights, attitudes, who KNOWS whom, the fields the answer
shows) is read once (cypher/reach_account_graph.cypher) and searched in Python with the same rules and the same order:

- rounds 1..max_hops backwards from the target; round h expands only the states found in round h-1; a contact's
  state is replaced only by a strictly better key (score rounded to 12 digits; on a tie the one with fewer
  steps, found earlier, stays); candidates for one contact are ordered by key, then the predecessor's path, then
  the step kind (INFLUENCES, REPORTS_TO up, down, circle); a circle steps each member to the best frontier member
  (the second best for itself); the last step only to contacts some employee KNOWS; hostile contacts are not
  entered unless asked for;
- a floor: after each round, the `limit`-th best employee score found so far (those paths are valid answers),
  a little under it; a candidate below it cannot end in the answer (every weight is <= 1) and every state at or
  above it is the state it was without the floor (the argument of app.services.reach.floors), so the answer is
  the same and the search stays small.

Freshness: an entry remembers the graph version and token it was read at. Before each use the change records
since then are read (app.services.graph_changes, one small query); the entry stays only if every write since
declared its changes and none touched the account, its contacts or the employees who know them; otherwise it is
dropped and the query answers. A search that steps into a `border` contact (a neighbour outside the account)
also gives way to the query. Entries are built in a background thread (one at a time) for accounts of at
least `reach_memory_min_contacts` contacts, after a reach into them; the request that asked is answered by the
query, so no request waits for a build. tests/integration/test_reach_big_account.py checks the answers
against the independent NetworkX reach (benchmarks/nx_reach.py).
"""
from __future__ import annotations

import heapq
import logging
import threading
import time
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from app.core.config import Settings
from app.db.graph import Graph, in_one_read_transaction
from app.services.graph_changes import changes_since

log = logging.getLogger("brm.reach_memory")

KIND_RANK = {"INFLUENCES": 1, "REPORTS_TO_UP": 2, "REPORTS_TO_DOWN": 3, "SAME_CIRCLE": 4}
FLOOR_SLACK = 1e-9
MAX_ACCOUNTS = 8        # accounts kept in memory per process (least recently used dropped first)


class OutsideAccount(Exception):
    """The search reached a contact with neighbours outside the account: the query must answer."""


@dataclass
class AccountReach:
    """The reach graph of one account's contacts, by contact id; weights resolved per request."""

    account: str
    version: int
    token: str
    ids: list[str]
    contacts: dict[str, dict[str, Any]]                          # id -> the target fields of the reach answer
    attitude: dict[str, str | None]
    steps_in: dict[str, list[tuple[str, str, float | None]]]   # u -> (v, kind, strength or None) for v stepping to u
    circles_of: dict[str, list[str]]
    members: dict[str, list[str]]
    knowers: dict[str, list[tuple[str, float | None, str | None]]]   # c -> (employee, strength, team)
    border: set[str]
    employees: dict[str, dict[str, Any]] = field(default_factory=dict)   # id -> {id, name, title, team}

    @classmethod
    def from_rows(cls, account: str, version: int, token: str, rows: list[dict[str, Any]]) -> AccountReach:
        steps_in: dict[str, list[tuple[str, str, float | None]]] = defaultdict(list)
        circles_of: dict[str, list[str]] = {}
        members: dict[str, list[str]] = defaultdict(list)
        knowers: dict[str, list[tuple[str, float | None, str | None]]] = {}
        contacts: dict[str, dict[str, Any]] = {}
        border: set[str] = set()
        employees: dict[str, dict[str, Any]] = {}
        for row in sorted(rows, key=lambda r: r["contact"]["id"]):
            cid = row["contact"]["id"]
            contacts[cid] = row["contact"]
            for v, strength in row["influenced_by"]:
                steps_in[cid].append((v, "INFLUENCES", strength))
            for v in row["reports"]:          # v reports to c: v steps up to c
                steps_in[cid].append((v, "REPORTS_TO_UP", None))
            for v in row["managers"]:         # c reports to v: v steps down to c
                steps_in[cid].append((v, "REPORTS_TO_DOWN", None))
            circles_of[cid] = sorted(set(row["circles"]))
            for ci in circles_of[cid]:
                members[ci].append(cid)
            knowers[cid] = [(e["id"], strength, e.get("team")) for strength, e in row["knowers"]]
            employees.update((e["id"], e) for _, e in row["knowers"])
            if row["border"]:
                border.add(cid)
        return cls(account, version, token, sorted(contacts), contacts,
                   {cid: c.get("attitude") for cid, c in contacts.items()}, dict(steps_in), circles_of,
                   dict(members), knowers, border, employees)


@dataclass
class State:
    node: str
    score: float
    key: float
    steps: int
    path: tuple[str, ...]      # this contact first, the target last
    types: tuple[str, ...]
    weights: tuple[float, ...]


def search(index: AccountReach, settings: Settings, target: str, params: dict[str, Any]) -> list[dict[str, Any]]:
    """The paths cypher/reach.cypher answers for `target` (its rows' `paths`, without names and employee fields:
    each {employee, score, key, steps, path, types, weights}), best first. Raises OutsideAccount."""
    max_hops, limit = params["max_hops"], params["limit"]
    hostile = set(params["hostile"])
    include_hostile = params["include_hostile"]
    team, only = params["team"], set(params["employees"]) if params["employees"] else None
    w_default = {"INFLUENCES": params["w_influences"], "REPORTS_TO_UP": params["w_up"],
                 "REPORTS_TO_DOWN": params["w_down"]}
    w_knows, w_circle = params["w_knows"], params["w_circle"]
    attitude = index.attitude

    def allowed(e: str, e_team: str | None) -> bool:
        return (team is None or e_team == team) and (only is None or e in only)

    def passable(v: str) -> bool:
        return include_hostile or (attitude.get(v) or "") not in hostile

    best: dict[str, State] = {target: State(target, 1.0, 1.0, 0, (target,), (), ())}
    employee_best: dict[str, float] = {}
    floor = 0.0

    def credit(state: State) -> None:   # the employees this state gives a path to (for the floor)
        for e, strength, e_team in index.knowers.get(state.node, ()):
            w = w_knows if strength is None else strength
            if w > 0 and allowed(e, e_team):
                score = w * state.score
                if score > employee_best.get(e, -1.0):
                    employee_best[e] = score

    credit(best[target])
    frontier = [best[target]]
    for h in range(1, max_hops + 1):
        if len(employee_best) >= limit:
            floor = max(floor, heapq.nlargest(limit, employee_best.values())[-1] * (1 - FLOOR_SLACK) - FLOOR_SLACK)
        frontier = [f for f in frontier if f.score >= floor]
        if not frontier:
            break
        last = h == max_hops
        # candidate per contact: (-key, predecessor path, kind rank) smallest wins
        chosen: dict[str, tuple[tuple[float, tuple[str, ...], int], State, str, float]] = {}

        def offer(v: str, kind: str, w: float, f: State, floor: float = floor, last: bool = last,
                  chosen: dict[str, Any] = chosen) -> None:
            if w <= 0 or v == f.node or v in f.path:
                return
            score = w * f.score
            if score < floor or not passable(v):
                return
            if last and not index.knowers.get(v):
                return
            order = (-round(score, 12), f.path, KIND_RANK[kind])
            old = chosen.get(v)
            if old is None or order < old[0]:
                chosen[v] = (order, f, kind, w)

        by_circle: dict[str, list[State]] = defaultdict(list)
        for f in frontier:
            u = f.node
            if u in index.border:
                raise OutsideAccount(u)
            for v, kind, strength in index.steps_in.get(u, ()):
                offer(v, kind, w_default[kind] if strength is None else strength, f)
            for ci in index.circles_of.get(u, ()):
                by_circle[ci].append(f)
        for ci, fs in by_circle.items():
            top = sorted(fs, key=lambda s: (-s.key, s.steps, s.path))[:2]
            for v in index.members.get(ci, ()):
                if top[0].node != v:
                    offer(v, "SAME_CIRCLE", w_circle, top[0])
                elif len(top) > 1:
                    offer(v, "SAME_CIRCLE", w_circle, top[1])
        found = []
        for v, (order, f, kind, w) in chosen.items():
            score = w * f.score
            key = round(score, 12)
            old = best.get(v)
            if old is not None and old.key >= key:
                continue           # a state with fewer steps and at least this key stays
            state = State(v, score, key, f.steps + 1, (v,) + f.path, (kind,) + f.types, (w,) + f.weights)
            best[v] = state
            found.append(state)
            credit(state)
        frontier = found
    # the first step: the employees who KNOW a contact of `best`
    per_employee: dict[str, tuple[tuple[float, int, tuple[str, ...]], dict[str, Any]]] = {}
    for state in best.values():
        for e, strength, e_team in index.knowers.get(state.node, ()):
            w = w_knows if strength is None else strength
            if w <= 0 or not allowed(e, e_team):
                continue
            score = w * state.score
            order = (-round(score, 12), state.steps, state.path)
            old = per_employee.get(e)
            if old is None or order < old[0]:
                per_employee[e] = (order, {"employee": e, "score": score, "key": round(score, 12),
                                           "steps": state.steps + 1, "path": [e, *state.path],
                                           "types": ["KNOWS", *state.types], "weights": [w, *state.weights]})
    ranked = sorted(per_employee.values(), key=lambda item: (item[0][0], item[1]["steps"], item[1]["path"]))
    return [p for _, p in ranked[:limit]]


# ---------------------------------------------------------------------- the kept entries
_lock = threading.Lock()
_threads: set[threading.Thread] = set()  # background reads still running (joined at shutdown)
_entries: dict[tuple[int, str, str], AccountReach] = {}      # (driver, database, account) -> entry
_of_contact: dict[tuple[int, str, str], str] = {}            # (driver, database, contact) -> account
_building: set[tuple[int, str, str]] = set()
_order: list[tuple[int, str, str]] = []
_small: dict[tuple[int, str, str], float] = {}              # accounts too small (or failed), when: checked again later
SMALL_RECHECK_S = 600.0


def _key(graph: Graph, name: str) -> tuple[int, str, str]:
    return id(graph.driver), graph.database, name


def entries_for(graph: Graph, contact_ids: list[str]) -> dict[str, AccountReach]:
    """Per contact id whose account is kept in memory and still current: its entry. An entry the graph changed
    under (a write that touched its account, or one that did not say what it touched) is dropped here."""
    with _lock:
        accounts = {cid: _of_contact.get(_key(graph, cid)) for cid in contact_ids}
        kept = {a: _entries.get(_key(graph, a)) for a in set(accounts.values()) if a is not None}
    current: dict[str, AccountReach] = {}
    for account, entry in kept.items():
        if entry is None:
            continue
        version, token, changes = changes_since(graph, entry.version, entry.token)
        if version is None or token is None or changes is None or _concerns(entry, changes):
            drop(graph, account)
            continue
        if version != entry.version:
            with _lock:
                entry.version, entry.token = version, token
        current[account] = entry
    return {cid: current[a] for cid, a in accounts.items() if a in current}


def _concerns(entry: AccountReach, changes: Any) -> bool:
    return (entry.account in changes.accounts or any(c in entry.attitude for c in changes.contacts)
            or any(e in entry.employees for e in changes.employees))


def drop(graph: Graph, account: str) -> None:
    with _lock:
        entry = _entries.pop(_key(graph, account), None)
        if entry is not None:
            for cid in entry.ids:
                _of_contact.pop(_key(graph, cid), None)
            _order.remove(_key(graph, account))


def build(graph: Graph, account: str) -> AccountReach | None:
    """Read the account's reach graph now and keep it (None: the graph has no version yet, nothing is kept)."""
    def read(g: Graph) -> tuple[dict[str, Any] | None, list[dict[str, Any]]]:
        return g.read_one("graph_version"), g.read("reach_account_graph", account=account)

    version_row, rows = in_one_read_transaction(graph, read)   # the version of exactly the rows read
    if not version_row or version_row.get("token") is None or version_row.get("version") is None:
        return None
    entry = AccountReach.from_rows(account, version_row["version"], version_row["token"], rows)
    key = _key(graph, account)
    with _lock:
        old = _entries.pop(key, None)
        if old is not None:
            for cid in old.ids:
                _of_contact.pop(_key(graph, cid), None)
            _order.remove(key)
        _entries[key] = entry
        _order.append(key)
        for cid in entry.ids:
            _of_contact[_key(graph, cid)] = account
        while len(_order) > MAX_ACCOUNTS:
            gone = _entries.pop(_order.pop(0))
            for cid in gone.ids:
                _of_contact.pop((key[0], key[1], cid), None)
    return entry


def build_later(graph: Graph, settings: Settings, account: str | None) -> None:
    """After a reach answered by the query: keep the account in memory if it is big (a background thread, one
    build per account at a time; errors are logged, the query keeps answering)."""
    if account is None or settings.reach_memory_min_contacts <= 0:
        return
    key = _key(graph, account)
    now = time.monotonic()
    with _lock:
        if key in _entries or key in _building or (key in _small and now - _small[key] < SMALL_RECHECK_S):
            return
        _building.add(key)
    plain = Graph(graph.driver, graph.database, graph.timeout_s)  # never the caller's transaction

    def work() -> None:
        try:
            row = plain.read_one("account_contact_count", account=account)
            if row and row["contacts"] >= settings.reach_memory_min_contacts:
                build(plain, account)
            else:
                with _lock:
                    _small[key] = time.monotonic()
        except Exception:
            log.exception("reach: keeping account %s in memory failed (the query answers; tried again later)", account)
            with _lock:
                _small[key] = time.monotonic()
        finally:
            with _lock:
                _building.discard(key)
                _threads.discard(threading.current_thread())

    thread = threading.Thread(target=work, name=f"reach-memory-{account}", daemon=True)
    with _lock:
        _threads.add(thread)
    thread.start()


def join_background(timeout_s: float) -> None:
    """Wait (bounded) for the background reads still running: the app's shutdown closes the driver after this,
    and a query in flight on a closing driver fails inside the driver (BufferError at close)."""
    deadline = time.monotonic() + timeout_s
    with _lock:
        running = list(_threads)
    for thread in running:
        thread.join(max(0.0, deadline - time.monotonic()))


def clear() -> None:
    """Forget every entry (tests)."""
    with _lock:
        _entries.clear()
        _of_contact.clear()
        _order.clear()
        _small.clear()


def answer(graph: Graph, settings: Settings, params: dict[str, Any]) -> list[dict[str, Any]]:
    """Rows shaped like cypher/reach.cypher's for the targets whose account is in memory and current (the others
    are left out: the caller asks the query). Names and titles come from the entry: a write that changes one
    declares the contact or employee, which drops the entry before it is used again."""
    rows = []
    for target, entry in entries_for(graph, params["contact_ids"]).items():
        try:
            found = search(entry, settings, target, params)
        except OutsideAccount:
            continue
        rows.append({"target": entry.contacts[target], "paths": [
            {**p, "employee": entry.employees[p["employee"]],
             "names": [entry.employees[p["employee"]].get("name"), *(entry.contacts[c].get("name") for c in p["path"][1:])]}
            for p in found]})
    return rows


def reachable(graph: Graph, settings: Settings, params: dict[str, Any]) -> dict[str, bool]:
    """Per target whose account is in memory and current: does any employee reach it (cypher/warm_reach.cypher's
    question; a search for the single best path answers it, its floor cutting everything below the first one)."""
    out: dict[str, bool] = {}
    for target, entry in entries_for(graph, params["contact_ids"]).items():
        try:
            out[target] = bool(search(entry, settings, target, {**params, "contact_ids": [target], "limit": 1}))
        except OutsideAccount:
            continue
    return out
