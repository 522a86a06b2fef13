"""The company-wide views, kept in memory and updated from each write's declared changes (issue 15).

Departure risk and impact, coverage and rep levels read the whole graph: the reach graph of every
contact (who can reach whom), key contacts and degrees per account, open-deal roles per contact, the
ties of every rep. Built once (`_build`: the whole graph, a minute at S under load), they are then
brought up to date by what the writes since then declared (app.services.graph_changes) in `refresh`.
Its re-reads run in ONE read transaction, each by id (`_gather`), and only for what can differ:

1. the rows of the contacts written (a declaring write names both ends of every edge it changed, so
   no other row can differ); the rows whose reach part differs are the changed contacts T;
2. the contacts whose sources can change are those within `max_hops` steps after T (before and after
   the write): A. Their two smallest sources are propagated again over the `max_hops` steps before A
   only (exact for A: every warm path into A lies there), the rest keeps its values;
3. open-deal roles of the contacts and deals written; key contacts and degrees only of the accounts
   whose inputs changed (a contact's own values or account, a role, the account itself: a KNOWS edit
   reads no account); rep ties are made from the rows held, for the employees whose ties changed;
4. only the employees, accounts and reps whose inputs changed get a new answer; lists are re-sorted.

When the changes are not all known (a write path that does not declare, a wiped graph) or too big,
everything is built again. Reads take one tiny query (the version and the change records since ours)
and a lock; tests/integration/test_company_state.py checks refreshed views equal freshly built ones.
"""
from __future__ import annotations

import logging
import threading
import time
from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from app.core.config import Settings
from app.core.levels_config import ManagerSettings
from app.db.graph import Graph, in_one_read_transaction
from app.models.managers import ClosenessGrade, CoverageRow, DepartureImpact, DepartureRiskRow, RepLevel, RepLevelAnswer
from app.services.degrees import closeness_grade, degrees_from_row
from app.services.graph_changes import Changes, changes_since
from app.services.view_cache import settings_key
from app.services.warm_index import NONE, index_from_rows

log = logging.getLogger("brm.company_state")
REBUILD_SHARE = 0.25   # changes reaching more than this share of contacts (and REBUILD_MIN): build everything again
REBUILD_MIN = 2000
MAX_STATES = 4         # settings variants kept per process


class CompanyState:
    """Inputs and answers of the company-wide views for one version of one graph and one set of settings."""

    def __init__(self, settings: Settings, ms: ManagerSettings) -> None:
        self.settings, self.ms = settings, ms
        self.hops = settings.reach_max_hops
        self.version: int | None = None
        self.token: str | None = None
        self.lock = threading.Lock()
        self.pages: dict[Any, Any] = {}          # per-request shapes of the lists (e.g. localised levels), per version
        self._shaped: dict[Any, tuple[Any, Any]] = {}
        self.builds = self.refreshes = 0         # how often each path ran (tests: writes that declare never rebuild)
        self.last_refresh: dict[str, Any] = {}   # timings and sizes of the last refresh (benchmarks, logs)

    def view(self, key: Any, build: Any) -> Any:
        """A per-request shape of the lists (sorted coverage, localised levels), made once per version, under
        the lock so it is built from one version's answers only."""
        with self.lock:
            if key not in self.pages:
                self.pages[key] = build()
            return self.pages[key]

    def shaped(self, answer: Any, key: Any, build: Any) -> Any:
        """`build(answer)` (e.g. a rep level in one language), kept while that answer object is current:
        a refresh replaces only the answers whose inputs changed, so the others keep their shapes."""
        slot = (getattr(answer, "employee", None) or getattr(answer, "account", None), key)
        entry = self._shaped.get(slot)
        if entry is None or entry[0] is not answer:
            entry = self._shaped[slot] = (answer, build(answer))
        return entry[1]

    # ------------------------------------------------------------------ reach graph bookkeeping
    def _index_rows(self, rows: Iterable[dict[str, Any]]) -> None:
        self.rows: dict[str, dict[str, Any]] = {}
        self.infl_in: dict[str, set[str]] = defaultdict(set)
        self.rep_in: dict[str, set[str]] = defaultdict(set)
        self.members: dict[str, set[str]] = defaultdict(set)
        self.known_by: dict[str, set[str]] = defaultdict(set)
        self.account_contacts: dict[str, set[str]] = defaultdict(set)
        for row in rows:
            self._add_row(row)

    def _add_row(self, row: dict[str, Any]) -> None:
        c = row["id"]
        self.rows[c] = row
        for v in row["influences"]:
            self.infl_in[v].add(c)
        for v in row["reports_to"]:
            self.rep_in[v].add(c)
        for ci in row["circles"]:
            self.members[ci].add(c)
        for e in row["knowers"]:
            self.known_by[e].add(c)
        if row["account"] is not None:
            self.account_contacts[row["account"]].add(c)

    def _drop_row(self, c: str) -> None:
        row = self.rows.pop(c)
        for v in row["influences"]:
            self.infl_in[v].discard(c)
        for v in row["reports_to"]:
            self.rep_in[v].discard(c)
        for ci in row["circles"]:
            self.members[ci].discard(c)
        for e in row["knowers"]:
            self.known_by[e].discard(c)
        if row["account"] is not None:
            self.account_contacts[row["account"]].discard(c)

    def _too_many(self) -> float:
        return max(REBUILD_MIN, REBUILD_SHARE * len(self.rows))

    def _passable(self, c: str) -> bool:
        row = self.rows.get(c)
        return row is not None and not row["hostile"]

    def _step_preds(self, c: str) -> set[str]:
        """Contacts that step to c along INFLUENCES or REPORTS_TO (either way); circles apart."""
        row = self.rows.get(c)
        out = set(self.infl_in.get(c, ())) | set(self.rep_in.get(c, ()))
        if row is not None:
            out.update(row["reports_to"])
        out.discard(c)
        return out

    def _ball(self, start: Iterable[str], forward: bool) -> set[str]:
        """Contacts within `hops` steps after (forward: ignoring hostility, a superset of who can be affected)
        or before (through contacts that can be passed) `start`. A circle is expanded once, not per member."""
        seen = set(start)
        frontier = set(seen)
        circles_done: set[str] = set()
        for _ in range(self.hops):
            nxt: set[str] = set()
            for c in frontier:
                row = self.rows.get(c)
                if forward:
                    nxt |= self.rep_in.get(c, set())
                    if row is not None:
                        nxt.update(row["influences"], row["reports_to"])
                else:
                    nxt |= self._step_preds(c)
                if row is not None:
                    for ci in row["circles"]:
                        if ci not in circles_done:
                            circles_done.add(ci)
                            nxt |= self.members.get(ci, set())
            if not forward:
                nxt = {p for p in nxt if self._passable(p)}
            frontier = nxt - seen
            if not frontier:
                break
            seen |= frontier
        return seen

    def _bits(self, employees: Iterable[str]) -> int:
        mask = 0
        for e in employees:
            bit = self.bit.get(e)
            if bit is None:
                bit = self.bit[e] = len(self.bit_employee)
                self.bit_employee.append(e)
            mask |= 1 << bit
        return mask

    def _masks(self, targets: Iterable[str]) -> dict[str, int]:
        """Every employee with a warm path to each target, as a bit mask, propagated over the `hops` steps
        before the targets only (every warm path of at most `hops` steps into a target lies in that ball).

        One backward walk finds the ball and each node's passable predecessors at once (the nodes of its
        last layer keep none: a path through them is longer than `hops`); then `hops` rounds of ORs."""
        rows = self.rows
        targets = {c for c in targets if c in rows}
        preds: dict[str, list[str]] = {}
        passing: dict[str, list[str]] = {}       # circle -> its members that can be passed
        ball = set(targets)
        frontier = list(targets)
        for _ in range(self.hops):
            found: set[str] = set()
            for c in frontier:
                ps = [p for p in self._step_preds(c) if p in rows and not rows[p]["hostile"]]
                preds[c] = ps
                found.update(ps)
                for ci in rows[c]["circles"]:
                    if ci not in passing:
                        passing[ci] = [m for m in self.members.get(ci, ()) if m in rows and not rows[m]["hostile"]]
                        found.update(passing[ci])
            frontier = [p for p in found if p not in ball]
            if not frontier:
                break
            ball.update(frontier)
        cur = {c: self._bits(rows[c]["knowers"]) for c in ball}
        for c in ball:
            if c in preds:
                preds[c] = [p for p in preds[c] if p in cur]
        passing = {ci: [m for m in members if m in cur] for ci, members in passing.items()}
        circles_of = {c: [ci for ci in rows[c]["circles"] if ci in passing] for c in ball}
        for _ in range(self.hops):
            circle = {}
            for ci, members in passing.items():
                mask = 0
                for m in members:
                    mask |= cur[m]
                circle[ci] = mask
            nxt = {}
            for c in ball:
                mask = cur[c]
                for p in preds.get(c, ()):
                    mask |= cur[p]
                for ci in circles_of[c]:
                    mask |= circle[ci]
                nxt[c] = mask
            if nxt == cur:
                break
            cur = nxt
        return {c: cur[c] for c in targets}

    def _two_of(self, mask: int) -> tuple[str, ...]:
        """Two employees of a mask (the two lowest bits): exact for 'nobody / exactly one (who) / several'."""
        out = []
        while mask and len(out) < 2:
            low = mask & -mask
            out.append(self.bit_employee[low.bit_length() - 1])
            mask ^= low
        return tuple(out)

    def reaches(self, employee: str, contact: str) -> bool:
        """Does the employee have a warm path to the contact? The two sources answer it unless the contact
        has two or more and the employee is not among the two kept: then the contact's mask does."""
        src = self.sources.get(contact, ())
        if employee in src:
            return True
        if len(src) < 2:
            return False
        if contact not in self._mask:
            self._mask.update(self._masks([contact]))
        bit = self.bit.get(employee)
        return bit is not None and bool(self._mask.get(contact, 0) >> bit & 1)

    # ------------------------------------------------------------------ build everything
    def build(self, graph: Graph, version: int | None, token: str | None) -> None:
        self.builds += 1
        started = time.perf_counter()
        rows = graph.read("warm_index_contacts", ids=None)
        employee_rows = graph.read("employees_brief")
        index = index_from_rows(rows, employee_rows)
        first, second = index.two_sources(self.hops)
        self._index_rows(rows)
        names = index.employees
        self.sources: dict[str, tuple[str, ...]] = {}
        for i, contact in enumerate(index.contacts):
            f, s = int(first[i]), int(second[i])
            self.sources[contact["id"]] = tuple(names[x] for x in (f, s) if x != NONE)
        self.sole: dict[str, set[str]] = defaultdict(set)
        for c, src in self.sources.items():
            if len(src) == 1:
                self.sole[src[0]].add(c)
        self.bit: dict[str, int] = {}            # employee id -> bit of the reach masks (refreshes)
        self.bit_employee: list[str] = []
        self._mask: dict[str, int] = {}          # contact -> mask of every employee reaching it (this version)
        self.employees = {e["id"]: e for e in employee_rows}
        self._set_keys(graph.read("key_contacts", accounts=None,
                                  fallback_importance=self.ms.key_contact_fallback_importance), replace_all=True)
        self.degrees = {row["account"]: degrees_from_row(row, self.settings)
                        for row in graph.read("account_degrees_live", accounts=None)}
        self.roles: dict[str, list[dict[str, Any]]] = defaultdict(list)
        self.deal_members: dict[str, set[str]] = defaultdict(set)
        for member in graph.read("open_deal_members", contacts=None, opportunities=None):
            self.roles[member["contact"]].append(member)
            self.deal_members[member["opportunity"]].add(member["contact"])
        self.reps = {e: self._rep_of(e) for e in self.employees}
        from app.services import coverage, departure, rep_levels  # the views' own rules (they import us lazily)

        self.impacts = {e: departure.impact_of(self, e) for e in self.employees}
        self.coverage = {a: coverage.account_row(self, a) for a in self.keys}
        pairs = {(rep, k) for rep in self.reps for k in self._rep_key_people(rep)}
        reached = index.reaches(sorted(pairs), self.hops)  # vectorised; refreshes ask reaches() per pair
        self.levels = {rep: rep_levels.answer_of(self, rep, lambda r, k: (r, k) in reached) for rep in self.reps}
        self._finish(version, token)
        log.info("company views built from the whole graph in %.2f s (%d contacts)", time.perf_counter() - started,
                 len(self.rows))

    def _rep_of(self, employee: str) -> dict[str, Any]:
        """The rep's ties as cypher/rep_account_ties.cypher gives them (per account the contacts there the
        employee KNOWS, with closeness), from the rows held: no query per refresh, whatever the rep knows."""
        by_account: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for c in self.known_by.get(employee, ()):
            row = self.rows[c]
            if row["account"] is not None:
                by_account[row["account"]].append({"id": c, "name": row["name"], "closeness": row["closeness"]})
        emp = self.employees[employee]
        return {"id": employee, "name": emp["name"], "title": emp["title"], "team": emp["team"],
                "accounts": [{"account": a, "name": self.account_name(a), "contacts": contacts}
                             for a, contacts in sorted(by_account.items())]}

    def _unchanged_accounts(self, rep: str, accounts: set[str], affected: set[str]) -> Any:
        """For a rep whose ties did not change: its previous entry of an account that was not re-read and
        none of whose key people's reach can have changed (answer_of keeps it), else None."""
        old = self.levels.get(rep)
        entries = {a.account: a for a in old.accounts} if old is not None else {}

        def reuse(account: str) -> Any:
            if account in accounts or not affected.isdisjoint(self._key_ids(account)):
                return None
            return entries.get(account)
        return reuse

    def _rep_excellent(self, rep: str) -> list[str]:
        """The rep's accounts graded excellent by closeness: only their key people's reach matters for it."""
        return [a["account"] for a in self.reps[rep]["accounts"]
                if closeness_grade(best_closeness(a), self.settings) is ClosenessGrade.excellent]

    def _rep_key_people(self, rep: str) -> set[str]:
        """The key people of the rep's accounts graded excellent by closeness (whose reach decides them)."""
        return {c for a in self._rep_excellent(rep) for c in self._key_ids(a)}

    def _set_keys(self, rows: list[dict[str, Any]], replace_all: bool = False, accounts: Iterable[str] = ()) -> set[str]:
        """Store key-contact rows (all, or for `accounts`); returns the contacts whose key status changed."""
        if replace_all:
            self.keys: dict[str, dict[str, Any]] = {}
            self.key_accounts_of: dict[str, set[str]] = defaultdict(set)
        before = {c for a in accounts for c in self._key_ids(a)}
        for a in accounts:
            for c in self._key_ids(a):
                self.key_accounts_of[c].discard(a)
            self.keys.pop(a, None)
        for row in rows:
            self.keys[row["account"]] = row
            for c in self._key_ids(row["account"]):
                self.key_accounts_of[c].add(row["account"])
        after = {c for a in accounts for c in self._key_ids(a)}
        return {c for c in before ^ after}

    def _key_ids(self, account: str) -> list[str]:
        return [c["id"] for c in self.keys.get(account, {}).get("key_contacts", [])]

    def is_key(self, contact: str) -> bool:
        return bool(self.key_accounts_of.get(contact))

    def account_name(self, account: str | None) -> str | None:
        return None if account is None else self.keys.get(account, {}).get("name")

    def _finish(self, version: int | None, token: str | None) -> None:
        from app.services.departure import rank_key

        ordered = sorted(self.impacts.values(), key=rank_key)
        self.impacts = {imp.employee: imp for imp in ordered}
        self.ranking = [DepartureRiskRow(rank=i + 1, employee=imp.employee, name=imp.name, team=imp.team,
                                         amount_at_risk=imp.amount_at_risk, key_contacts=imp.key_contacts,
                                         contacts=imp.contacts, deals=len(imp.deals))
                        for i, imp in enumerate(ordered)]
        order = list(RepLevel)
        self.levels_sorted: list[RepLevelAnswer] = sorted(
            self.levels.values(), key=lambda a: (-order.index(a.level), a.name or "", a.employee))
        self.coverage_rows: list[CoverageRow] = list(self.coverage.values())
        self.pages = {}
        self.version, self.token = version, token

    # ------------------------------------------------------------------ bring up to date from declared changes
    def refresh(self, graph: Graph, changes: Changes, version: int, token: str) -> bool:
        """Apply what the writes since our version declared; False when it is too big (build instead).

        Every re-read runs in ONE read transaction (`_gather`: it changes nothing here, so the driver may
        retry it), then `_apply` updates the state in memory. `last_refresh` keeps the timings."""
        self.refreshes += 1
        started = time.perf_counter()
        if changes.is_empty():
            self.version, self.token = version, token
            self.last_refresh = {"empty": True}
            return True
        if len(changes.contacts) > self._too_many():
            return False
        fresh = in_one_read_transaction(graph, lambda g: self._gather(g, changes))
        read_s = time.perf_counter() - started
        done = self._apply(changes, fresh, version, token)
        self.last_refresh = {**fresh.timings, "read_ms": round(read_s * 1000, 1),
                             "apply_ms": round((time.perf_counter() - started - read_s) * 1000, 1), **fresh.sizes}
        log.info("company views refreshed (%s) in %.2f s: %s", "applied" if done else "too big, rebuilding",
                 time.perf_counter() - started, self.last_refresh)
        return done

    def _gather(self, graph: Graph, changes: Changes) -> "_Fresh":
        """Everything a refresh reads, by id (index seeks only), without touching the state: the rows of the
        contacts written (a declaring write names both ends of every edge it changed, so no other contact's
        row can differ), the open-deal roles of those contacts and deals, and the key contacts and degrees
        of the accounts whose inputs changed (a KNOWS edit changes none: no account is read for it)."""
        fresh = _Fresh()

        def read(name: str, **params: Any) -> list[dict[str, Any]]:
            t0 = time.perf_counter()
            rows = graph.read(name, **params)
            fresh.timings[f"{name}_ms"] = round((time.perf_counter() - t0) * 1000, 1)
            return rows

        C, O = set(changes.contacts), set(changes.opportunities)
        fresh.rows = {row["id"]: row for row in read("warm_index_contacts", ids=sorted(C))} if C else {}
        role_rows = read("open_deal_members", contacts=sorted(C), opportunities=sorted(O)) if C or O else []
        fresh.roles = self._new_roles(C, O, role_rows)
        accounts = set(changes.accounts)
        for c in C:
            old, new = self.rows.get(c), fresh.rows.get(c)
            if _facts_key(old) != _facts_key(new):      # what key contacts and degrees read of a contact
                accounts |= {row["account"] for row in (old, new) if row is not None and row["account"]}
                accounts |= self.key_accounts_of.get(c, set())
        for c, new_roles in fresh.roles.items():
            accounts |= {r["account"] for r in self.roles.get(c, []) + new_roles if r["account"] is not None}
        accounts.discard(None)  # type: ignore[arg-type]
        fresh.accounts = accounts
        if accounts:
            wanted = sorted(accounts)
            fresh.keys = read("key_contacts", accounts=wanted, fallback_importance=self.ms.key_contact_fallback_importance)
            fresh.degrees = read("account_degrees_live", accounts=wanted)
        E = changes.employees
        if E & changes.renamed or any(e not in self.employees for e in E):
            fresh.employees = read("employees_brief")
        fresh.sizes = {"contacts": len(C), "opportunities": len(O), "accounts": len(accounts), "employees": len(E)}
        return fresh

    def _new_roles(self, C: set[str], O: set[str], role_rows: list[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
        """The open-deal roles of every contact whose roles changed (all roles of the contacts in C, those in
        the deals in O of the others), from the re-read rows; contacts whose roles are the same are left out."""
        by_contact: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for r in role_rows:
            by_contact[r["contact"]].append(r)
        role_contacts = set(C) | set(by_contact) | {c for o in O for c in self.deal_members.get(o, ())}
        out = {}
        for c in role_contacts:
            old = self.roles.get(c, [])
            kept = [] if c in C else [r for r in old if r["opportunity"] not in O]
            added = [r for r in by_contact.get(c, []) if c in C or r["opportunity"] in O]
            new = sorted(kept + added, key=lambda r: r["opportunity"])
            if new != old:
                out[c] = new
        return out

    def _apply(self, changes: Changes, fresh: "_Fresh", version: int, token: str) -> bool:
        """Update rows, sources, roles, keys, degrees, ties and the answers concerned from `fresh`."""
        C, E = set(changes.contacts), set(changes.employees)
        changed = {c for c in C if _row_key(self.rows.get(c)) != _row_key(fresh.rows.get(c))}   # reach rows
        # employees whose ties (contacts known, their names, closeness, accounts; their own names) changed
        tie_reps = {e for e in E if e in changes.renamed or e not in self.employees or e not in self.reps}
        for c in C:
            old, new = self.rows.get(c), fresh.rows.get(c)
            old_knowers = set(old["knowers"]) if old else set()
            new_knowers = set(new["knowers"]) if new else set()
            tie_reps |= (old_knowers | new_knowers) if _tie_key(old) != _tie_key(new) else old_knowers ^ new_knowers
        affected = self._ball(changed, forward=True)
        moved_steps = {c for c in changed if _steps_key(self.rows.get(c)) != _steps_key(fresh.rows.get(c))}
        for c in C:
            if self.rows.get(c) != fresh.rows.get(c):
                if c in self.rows:
                    self._drop_row(c)
                if c in fresh.rows:
                    self._add_row(fresh.rows[c])
        if moved_steps:          # the walk after the write differs from the one before only if a step changed
            affected |= self._ball(changed, forward=True)
        if len(affected) > self._too_many():
            return False
        self._mask = self._masks(affected)
        new_sources = {c: self._two_of(m) for c, m in self._mask.items()}
        moved: set[str] = set()      # contacts whose sources changed
        who: set[str] = set(E)       # employees whose departure impact must be worked out again
        for c in affected:
            old_src, new_src = self.sources.get(c, ()), new_sources.get(c, ())
            if c not in self.rows:
                self.sources.pop(c, None)
            else:
                self.sources[c] = new_src
            if _kind(old_src) != _kind(new_src):   # nobody / this one alone / several
                moved.add(c)
                if len(old_src) == 1:
                    self.sole[old_src[0]].discard(c)
                    who.add(old_src[0])
                if len(new_src) == 1 and c in self.rows:
                    self.sole[new_src[0]].add(c)

        # roles in open deals
        role_changed = set(fresh.roles)
        for c, new_roles in fresh.roles.items():
            for r in self.roles.get(c, []):
                self.deal_members[r["opportunity"]].discard(c)
            for r in new_roles:
                self.deal_members[r["opportunity"]].add(c)
            if new_roles:
                self.roles[c] = new_roles
            else:
                self.roles.pop(c, None)

        # key contacts and degrees of the accounts re-read
        accounts = fresh.accounts
        old_names = {a: self.account_name(a) for a in accounts}
        key_changed: set[str] = set()
        if accounts:
            wanted = sorted(accounts)
            key_changed = self._set_keys(fresh.keys, accounts=wanted)
            for a in wanted:
                self.degrees.pop(a, None)
            self.degrees.update({row["account"]: degrees_from_row(row, self.settings) for row in fresh.degrees})
        renamed_accounts = {a for a in accounts if self.account_name(a) != old_names[a]}

        # employees and their ties (from the rows held: no query)
        if fresh.employees is not None:
            self.employees = {e["id"]: e for e in fresh.employees}
        for a in renamed_accounts:
            tie_reps |= {e for c in self.account_contacts.get(a, ()) for e in self.rows[c]["knowers"]}
        for e in tie_reps:
            if e in self.employees:
                self.reps[e] = self._rep_of(e)
            else:
                self.reps.pop(e, None)

        # answers: only those whose inputs changed (on copies: a reader may still hold the old ones)
        from app.services import coverage, departure, rep_levels

        self.impacts, self.coverage, self.levels = dict(self.impacts), dict(self.coverage), dict(self.levels)

        people = C | changed | moved | role_changed | key_changed
        for a in renamed_accounts:
            people |= self.account_contacts.get(a, set())
        for c in people:
            src = self.sources.get(c, ())
            if len(src) == 1:
                who.add(src[0])
        for e in who:
            if e in self.employees:
                self.impacts[e] = departure.impact_of(self, e)
            else:
                self.impacts.pop(e, None)
        for e in [e for e in self.impacts if e not in self.employees]:
            del self.impacts[e]
        for e in self.employees:
            if e not in self.impacts:
                self.impacts[e] = departure.impact_of(self, e)

        cover = set(accounts)
        for c in moved:
            cover |= self.key_accounts_of.get(c, set())
        for a in cover:
            if a in self.keys:
                self.coverage[a] = coverage.account_row(self, a)
            else:
                self.coverage.pop(a, None)

        # a rep's level reads its ties, the key people of its excellent accounts and whether it reaches them
        reps = set(tie_reps)
        # ... so the reps with an excellent account re-read or with a key person in `affected`: among those
        # who know somebody in such an account
        hit = set(accounts) | {a for c in affected for a in self.key_accounts_of.get(c, ())}
        candidates = {e for a in hit for c in self.account_contacts.get(a, ()) for e in self.rows[c]["knowers"]}
        for rep in candidates:
            if rep not in reps and rep in self.reps and not hit.isdisjoint(self._rep_excellent(rep)):
                reps.add(rep)
        # who reaches a key person outside `affected` is as before: a rep's previous answer says it
        known = {(rep, p.id): p.reachable for rep in reps if rep in self.levels
                 for a in self.levels[rep].accounts for p in a.key_people if p.id not in affected}

        def reaches(rep: str, contact: str) -> bool:
            hit = known.get((rep, contact))
            return self.reaches(rep, contact) if hit is None else hit

        # the key people whose reach neither that nor the two sources answer: one propagation for all of them
        need = {k for rep in reps if rep in self.reps for k in self._rep_key_people(rep)
                if (rep, k) not in known and len(self.sources.get(k, ())) == 2 and k not in self._mask}
        if need:
            self._mask.update(self._masks(need))
        for rep in reps:
            if rep in self.reps:
                self.levels[rep] = rep_levels.answer_of(self, rep, reaches, None if rep in tie_reps else
                                                        self._unchanged_accounts(rep, accounts, affected))
            else:
                self.levels.pop(rep, None)
        self._finish(version, token)
        fresh.sizes.update({"changed": len(changed), "affected": len(affected), "impacts": len(who), "need": len(need),
                            "ties": len(tie_reps), "levels": len(reps)})
        return True


class _Fresh:
    """What one refresh read (app.services.company_state.CompanyState._gather)."""

    def __init__(self) -> None:
        self.rows: dict[str, dict[str, Any]] = {}
        self.roles: dict[str, list[dict[str, Any]]] = {}
        self.accounts: set[str] = set()
        self.keys: list[dict[str, Any]] = []
        self.degrees: list[dict[str, Any]] = []
        self.employees: list[dict[str, Any]] | None = None
        self.timings: dict[str, float] = {}
        self.sizes: dict[str, int] = {}


def _kind(sources: tuple[str, ...]) -> tuple[str, ...] | int:
    return sources if len(sources) < 2 else 2


def best_closeness(account: dict[str, Any]) -> float | None:
    values = [c["closeness"] for c in account["contacts"] if c["closeness"] is not None]
    return max(values) if values else None


def _facts_key(row: dict[str, Any] | None) -> Any:
    """What key contacts and an account's degrees read of a contact (its account and own values)."""
    return None if row is None else (row["name"], row["account"], tuple(row["facts"]))


def _tie_key(row: dict[str, Any] | None) -> Any:
    """What a rep's ties read of a contact it knows."""
    return None if row is None else (row["name"], row["account"], row["closeness"])


def _steps_key(row: dict[str, Any] | None) -> Any:
    """The forward steps of a contact's row (what `_ball(forward=True)` walks): its edges and circles."""
    if row is None:
        return None
    return (tuple(sorted(row["influences"])), tuple(sorted(row["reports_to"])), tuple(sorted(row["circles"])))


def _row_key(row: dict[str, Any] | None) -> Any:
    if row is None:
        return None
    return (row["name"], row["account"], bool(row["hostile"]), tuple(sorted(row["influences"])),
            tuple(sorted(row["reports_to"])), tuple(sorted(row["circles"])), tuple(sorted(row["knowers"])))


# ---------------------------------------------------------------------- one state per graph and settings
_lock = threading.Lock()
_states: dict[tuple[Any, ...], CompanyState] = {}


def company_state(graph: Graph, settings: Settings, ms: ManagerSettings) -> CompanyState:
    """The state of the graph as it is now: refreshed from the declared changes, or built again.

    Returned with its lock NOT held; callers read the answers they need at once (refreshes replace the
    lists and answers, they never change an answer object in place)."""
    key = (id(graph.driver), graph.database, settings_key(settings, ms))
    with _lock:
        state = _states.get(key)
        if state is None:
            state = _states[key] = CompanyState(settings, ms)
            while len(_states) > MAX_STATES:
                _states.pop(next(iter(_states)))
    with state.lock:
        try:
            if state.version is not None and state.token is not None:
                version, token, changes = changes_since(graph, state.version, state.token)
                if changes is not None and version is not None and token is not None:
                    if state.refresh(graph, changes, version, token):
                        return state
            row = graph.read_one("graph_version") or {}
            state.build(graph, row.get("version"), row.get("token"))
        except BaseException:
            state.version = state.token = None   # half applied (a query failed): the next call builds again
            raise
        if row.get("token") is None:     # nothing written through the gateway yet: nothing can be kept
            state.version = state.token = None
        return state


def clear() -> None:
    """Forget every state (tests that want a cold start)."""
    with _lock:
        _states.clear()
