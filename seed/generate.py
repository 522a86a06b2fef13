"""Scale generator: a deterministic, organisation-shaped bundle of any size (import-format.md).

Benchmarks and load tests need graphs that look like real customers, not uniform
random graphs: heavy-tailed account sizes, reporting trees with 5-8 direct reports,
nested departments, a few contacts who sway many (preferential attachment), and a
few well-connected colleagues (Pareto-weighted KNOWS). Everything comes from one
`random.Random(seed)`, so a seed names a bundle. Accounts are generated one at a
time, which lets the CLI stream a 100k-contact bundle to disk in modest memory.

    python -m seed.generate --accounts 1000 --contacts-per-account 100 --employees 2000 --seed 7 --out bundle.json
"""
from __future__ import annotations

import argparse
import json
import math
import random
import sys
import tempfile
import time
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass, fields
from datetime import date, timedelta
from typing import IO, Any

from seed.employees import build_employees
from seed.org import build_org
from seed.stats import node_counts, relationship_counts
from seed.vocab import (
    ACTIVITY_SUMMARIES, ACTIVITY_TYPES, ATTITUDES, CIRCLE_NAMES, COMPANY_PREFIXES, COMPANY_SUFFIXES,
    COMPETITOR_NAMES, DEAL_THEMES, INDUSTRIES, ORIENTATIONS, REGIONS, person_name,
)

BUNDLE_KEYS = ("accounts", "departments", "contacts", "reports_to", "influences", "circles", "employees", "knows",
               "opportunities", "roles", "competitors", "activities")
ACCOUNT_KEYS = tuple(k for k in BUNDLE_KEYS if k not in ("employees", "competitors"))
END_DATE = date(2026, 11, 20)
SPAN_DAYS = 548  # 18 months of activities ending on END_DATE
DAYS = [(END_DATE - timedelta(days=SPAN_DAYS - 1 - i)).isoformat() for i in range(SPAN_DAYS)]
ATTITUDE_WEIGHTS = (0.10, 0.30, 0.35, 0.18, 0.07)
STAGE_WEIGHTS = (("validate", 14), ("initiate", 12), ("analyse_needs", 14), ("present_value", 14),
                 ("prepare_bid", 9), ("bid", 8), ("negotiate", 7), ("won", 12), ("lost", 10))
TYPE_WEIGHTS = (0.30, 0.25, 0.20, 0.10, 0.05, 0.10)  # meeting, call, email, visit, event, meal
KNOWS_SOURCES = ("former colleague", "university classmate", "industry event", "project work", "referral",
                 "same hometown")
ROLE_COUNTS = {"A": (8, 14), "B": (6, 10), "C": (4, 7), "D": (3, 5), "E": (2, 4)}
Row = dict[str, Any]


@dataclass(frozen=True)
class Densities:
    """Edge densities, as expected counts; the defaults give ~1M relationships for 100k contacts."""

    influence_per_contact: float = 2.0
    knows_per_employee: float = 40.0
    circles_per_account: float = 3.0
    opportunities_per_account: float = 3.0
    activities_per_opportunity: float = 30.0
    dotted_share: float = 0.02       # contacts with an extra dotted reporting line
    missing_share: float = 0.08      # chance each optional contact profile field is left unset

    @classmethod
    def of(cls, overrides: dict[str, float]) -> "Densities":
        known = {f.name for f in fields(cls)}
        unknown = set(overrides) - known
        if unknown:
            raise TypeError(f"unknown density parameter(s): {', '.join(sorted(unknown))}; known: {sorted(known)}")
        return cls(**overrides)


def stochastic_round(rng: random.Random, x: float) -> int:
    """Round so that the expectation is x (keeps totals right when per-account means are fractional)."""
    base = math.floor(x)
    return base + (1 if rng.random() < x - base else 0)


def account_sizes(rng: random.Random, accounts: int, mean: int, minimum: int = 5) -> list[int]:
    """Heavy-tailed (log-normal) sizes summing exactly to accounts × mean: a few giants, many small ones."""
    total = accounts * mean
    minimum = max(1, min(minimum, mean))
    weights = [rng.lognormvariate(0.0, 1.0) for _ in range(accounts)]
    spare = total - minimum * accounts
    scale = spare / sum(weights)
    raw = [w * scale for w in weights]
    sizes = [minimum + int(r) for r in raw]
    short = total - sum(sizes)
    for i in sorted(range(accounts), key=lambda j: raw[j] - int(raw[j]), reverse=True)[:short]:
        sizes[i] += 1
    return sizes


class Generator:
    """Holds what spans accounts (employees, competitors, id widths); builds one account at a time."""

    def __init__(self, accounts: int, contacts_per_account: int, employees: int, seed: int,
                 densities: Densities) -> None:
        if accounts < 1 or contacts_per_account < 1 or employees < 1:
            raise ValueError("accounts, contacts_per_account and employees must all be at least 1")
        self.rng = random.Random(seed)
        self.d = densities
        self.accounts = accounts
        self.mean = contacts_per_account
        self.sizes = account_sizes(self.rng, accounts, contacts_per_account)
        self.aw = max(4, len(str(accounts - 1)))
        self.employees, self.sellers, self.helpers = build_employees(self.rng, employees)
        self.emp_ids = [e["id"] for e in self.employees]
        # Pareto weights: a few colleagues know far more people than the rest.
        weights = [min(30.0, self.rng.paretovariate(1.5)) for _ in self.emp_ids]
        self.emp_cum = _cumulative(weights)
        self.seller_cum = _cumulative([weights[i] for i in self.sellers])
        self.knows_total = densities.knows_per_employee * employees
        n_comp = max(8, accounts // 8)
        self.competitors: list[Row] = [
            {"id": f"k{i:03d}", "name": _competitor_name(self.rng, i), "opportunities": []} for i in range(n_comp)]
        self.comp_cum = _cumulative([1.0 / (i + 1) for i in range(n_comp)])  # Zipf: big rivals everywhere
        self.account_seeds = [self.rng.getrandbits(64) for _ in range(accounts)]

    def parts(self) -> Iterator[dict[str, list[Row]]]:
        """One dict of rows per account, in order; employees and competitors are attributes."""
        for index in range(self.accounts):
            yield AccountBuilder(self, index).build()


class AccountBuilder:
    """Everything that belongs to one customer account, from its own derived random stream."""

    def __init__(self, gen: Generator, index: int) -> None:
        self.g = gen
        self.rng = random.Random(gen.account_seeds[index])
        self.n = gen.sizes[index]
        self.aid = f"a{index:0{gen.aw}d}"
        self.cw = max(4, len(str(self.n - 1)))
        self.out: dict[str, list[Row]] = {k: [] for k in ACCOUNT_KEYS}

    def cid(self, i: int) -> str:
        return self.contact_ids[i]

    def build(self) -> dict[str, list[Row]]:
        self._account()
        self._contacts()
        self._reports_to()
        self._influences()
        self._circles()
        self._team_and_knows()
        self._opportunities()
        return self.out

    def _account(self) -> None:
        rng = self.rng
        industry = rng.choice(INDUSTRIES)
        row = {"id": self.aid, "name": f"{rng.choice(COMPANY_PREFIXES)} {COMPANY_SUFFIXES[industry]}",
               "industry": industry, "region": rng.choice(REGIONS)}
        size_score = min(100, int(30 + 25 * math.log10(max(1, self.n))))
        row.update(revenue=size_score, potential=rng.randint(10, 100), demonstration=rng.randint(0, 100),
                   winnability=rng.randint(10, 90))
        self.out["accounts"].append(row)

    def _contacts(self) -> None:
        rng, d = self.rng, self.g.d
        org = self.org = build_org(rng, self.n)
        self.contact_ids = [f"{self.aid}-c{i:0{self.cw}d}" for i in range(self.n)]
        self.dept_ids = [f"{self.aid}-d{k:03d}" for k in range(len(org.dept_names))]
        for k, name in enumerate(org.dept_names):
            row = {"id": self.dept_ids[k], "name": name, "account": self.aid}
            if org.dept_parent[k] >= 0:
                row["parent"] = self.dept_ids[org.dept_parent[k]]
            self.out["departments"].append(row)
        miss = d.missing_share
        self.dept_members: list[list[int]] = [[] for _ in org.dept_names]
        self.importance = []
        for i in range(self.n):
            depth = org.depth[i]
            imp = 5 if depth == 0 else 5 if depth == 1 and org.manager[i] else 4 if depth <= 2 and org.manager[i] \
                else 3 if org.manager[i] else rng.choice((1, 2, 2, 3))
            self.importance.append(imp)
            self.dept_members[org.department[i]].append(i)
            row = {"id": self.contact_ids[i], "name": person_name(rng), "title": org.titles[i], "account": self.aid,
                   "department": self.dept_ids[org.department[i]]}
            r = rng.random
            if r() >= miss:
                row["orientation"] = rng.choice(ORIENTATIONS)
            if r() >= miss:
                row["attitude"] = rng.choices(ATTITUDES, ATTITUDE_WEIGHTS)[0]
            if r() >= miss:
                row["importance"] = imp
            for key in ("closeness", "solution_acceptance", "price_acceptance"):
                if r() >= miss:
                    row[key] = int(min(100, max(0, rng.gauss(50, 18))))
            self.out["contacts"].append(row)
        self.contact_cum = _cumulative([imp * imp for imp in self.importance])

    def _reports_to(self) -> None:
        rng, org, ids = self.rng, self.org, self.contact_ids
        rows = self.out["reports_to"]
        for i in range(1, self.n):
            rows.append({"from": ids[i], "to": ids[org.parent[i]]})
        managers = [i for i in range(1, self.n) if org.manager[i]]
        if len(managers) < 2:
            return
        seen = set()
        for _ in range(stochastic_round(rng, self.n * self.g.d.dotted_share)):
            i = rng.randrange(1, self.n)
            boss = rng.choice(managers)  # a dotted line to a manager elsewhere in the company
            if boss in (i, org.parent[i]) or (i, boss) in seen or org.parent[boss] == i:
                continue
            seen.add((i, boss))
            rows.append({"from": ids[i], "to": ids[boss], "dotted": True})

    def _influences(self) -> None:
        """Price-style preferential attachment: people join in chart order (seniors first) and are swayed
        by those who already sway many, so out-degree gets a power-law tail.

        Half the picks come from the newcomer's own department (influence is mostly local),
        half from the whole company; both pools are preferential.
        """
        rng, org, n = self.rng, self.org, self.n
        self.out_degree = [0] * n
        self.influence_targets: list[list[int]] = [[] for _ in range(n)]
        if n < 2:
            return
        per_contact = self.g.d.influence_per_contact
        pool: list[int] = [0]
        dept_pool: dict[int, list[int]] = {org.department[0]: [0]}
        rows = self.out["influences"]
        ids = self.contact_ids
        for t in range(1, n):
            local = dept_pool.setdefault(org.department[t], [])
            chosen: set[int] = set()
            wanted = min(t, stochastic_round(rng, per_contact * n / (n - 1)))
            for _ in range(wanted * 3):
                if len(chosen) >= wanted:
                    break
                source_pool = local if local and rng.random() < 0.5 else pool
                s = source_pool[int(rng.random() * len(source_pool))]
                if s in chosen:
                    continue
                chosen.add(s)
                pool.append(s)
                dept_pool.setdefault(org.department[s], []).append(s)
                self.out_degree[s] += 1
                self.influence_targets[s].append(t)
                row = {"from": ids[s], "to": ids[t]}
                if rng.random() < 0.9:
                    row["strength"] = round(0.3 + 0.65 * rng.random(), 2)
                rows.append(row)
            pool.append(t)
            local.append(t)

    def _circles(self) -> None:
        """Factions form around the strongest influencers: leader, a few core allies, a wider membership."""
        rng, org, n = self.rng, self.org, self.n
        count = min(stochastic_round(rng, self.g.d.circles_per_account * n / self.g.mean), n // 6)
        if count <= 0:
            return
        leaders = sorted(range(n), key=lambda i: (-self.out_degree[i], org.depth[i], i))[:count]
        taken = set(leaders)
        names = rng.sample(CIRCLE_NAMES, min(count, len(CIRCLE_NAMES)))
        children: dict[int, list[int]] = {}
        for i in range(1, n):
            children.setdefault(org.parent[i], []).append(i)
        for k, leader in enumerate(leaders):
            size = max(3, min(80, round(n * rng.uniform(0.04, 0.12))))
            near = self.influence_targets[leader] + children.get(leader, []) + \
                self.dept_members[org.department[leader]]
            rng.shuffle(near)
            members = [{"contact": self.contact_ids[leader], "role": "leader"}]
            for t in near + [rng.randrange(n) for _ in range(size * 2)]:
                if len(members) >= size:
                    break
                if t in taken:
                    continue
                taken.add(t)
                members.append({"contact": self.contact_ids[t], "role": "core" if len(members) <= 3 else "member"})
            name = names[k] if k < len(names) else f"Circle {k + 1}"
            self.out["circles"].append({"id": f"{self.aid}-g{k:02d}", "name": name, "account": self.aid,
                                        "members": members})

    def _team_and_knows(self) -> None:
        """An account team (owner + helpers) carries most ties; well-connected colleagues add the rest."""
        rng, g = self.rng, self.g
        owner = g.sellers[_pick(rng, g.seller_cum)] if g.sellers else _pick(rng, g.emp_cum)
        team = [owner] + [rng.choice(g.helpers) for _ in range(rng.randint(1, 2)) if g.helpers]
        self.team = list(dict.fromkeys(team))
        ties = stochastic_round(rng, g.knows_total * self.n / (g.accounts * g.mean))
        seen: set[tuple[int, int]] = set()
        rows = self.out["knows"]
        for _ in range(ties * 3):
            if len(rows) >= ties:
                break
            e = rng.choice(self.team) if rng.random() < 0.5 else _pick(rng, g.emp_cum)
            c = _pick(rng, self.contact_cum)
            if (e, c) in seen:
                continue
            seen.add((e, c))
            row = {"employee": g.emp_ids[e], "contact": self.contact_ids[c],
                   "strength": round(0.3 + 0.65 * rng.random(), 2), "since": str(rng.randint(2012, 2026))}
            if rng.random() < 0.3:
                row["source"] = rng.choice(KNOWS_SOURCES)
            rows.append(row)

    def _opportunities(self) -> None:
        rng, g = self.rng, self.g
        count = stochastic_round(rng, g.d.opportunities_per_account * self.n / g.mean)
        org = self.org
        heads = [i for i in range(1, self.n) if org.depth[i] == 1 and org.manager[i]] or [0]
        self.branch: dict[int, list[int]] = {h: [] for h in heads}
        top = [0] * self.n
        for i in range(1, self.n):
            top[i] = i if org.depth[i] == 1 else top[org.parent[i]]
            if top[i] in self.branch:
                self.branch[top[i]].append(i)
        stages = [s for s, _ in STAGE_WEIGHTS]
        stage_w = [w for _, w in STAGE_WEIGHTS]
        for j in range(count):
            oid = f"{self.aid}-o{j:02d}"
            stage = rng.choices(stages, stage_w)[0]
            amount = round(rng.lognormvariate(math.log(200_000 * max(1.0, self.n / 50) ** 0.5), 1.1), -3)
            grade = "E" if rng.random() < 0.1 else "A" if amount >= 2_000_000 else "B" if amount >= 800_000 \
                else "C" if amount >= 250_000 else "D"
            start = rng.randrange(0, SPAN_DAYS - 30)
            end = min(SPAN_DAYS - 1, start + rng.randint(60, 420))
            if stage not in ("won", "lost"):
                end = max(end, SPAN_DAYS - 1 - rng.randint(0, 45))  # open deals are still being worked
            close = date.fromisoformat(DAYS[end]) + timedelta(days=0 if stage in ("won", "lost")
                                                             else rng.randint(30, 150))
            row = {"id": oid, "name": f"{rng.choice(DEAL_THEMES)} {j + 1}", "account": self.aid, "amount": amount,
                   "stage": stage, "grade": grade, "compelling_event": rng.random() < 0.45,
                   "owner": g.emp_ids[self.team[0]], "close_date": close.isoformat()}
            if rng.random() < 0.4:
                row["need_satisfaction"] = rng.randint(30, 95)
            self.out["opportunities"].append(row)
            members = self._roles(oid, grade, heads)
            self._competitors(oid)
            self._activities(oid, members, start, end)

    def _roles(self, oid: str, grade: str, heads: list[int]) -> list[int]:
        """A decision chain shaped like the chart: chief or sponsor approves, heads decide, managers evaluate."""
        rng, org = self.rng, self.org
        sponsor = rng.choice(heads)
        branch = self.branch.get(sponsor) or list(range(1, self.n))
        low, high = ROLE_COUNTS[grade]
        size = min(rng.randint(low, high), self.n)
        chain: dict[int, str] = {}
        approver = 0 if grade in ("A", "B") or sponsor == 0 else sponsor
        chain[approver] = "approver"
        for h in [sponsor] + rng.sample(heads, min(len(heads), rng.randint(0, 2))):
            if len(chain) < size and h not in chain:
                chain[h] = "decision_maker"
        managers = [i for i in branch if org.manager[i]]
        staff = [i for i in branch if not org.manager[i]]
        for _ in range(size * 3):
            if len(chain) >= size:
                break
            if managers and (rng.random() < 0.5 or not staff):
                c, role = rng.choice(managers), "evaluator"
            elif staff:
                c, role = rng.choice(staff), "user"
            else:
                c, role = rng.randrange(self.n), "evaluator"
            chain.setdefault(c, role)
        inside = rng.choice(list(chain)) if rng.random() < 0.5 else None
        rows = self.out["roles"]
        for c, role in chain.items():
            row: Row = {"opportunity": oid, "contact": self.contact_ids[c], "role": role}
            if rng.random() < 0.7:
                row["attitude"] = rng.choices(ATTITUDES, ATTITUDE_WEIGHTS)[0]
            if rng.random() < 0.5:
                for key in ("closeness", "solution_acceptance", "price_acceptance"):
                    row[key] = int(min(100, max(0, rng.gauss(55, 20))))
            if role == "approver" and rng.random() < 0.5:
                row["one_vote_approve"] = True
            if role in ("approver", "decision_maker") and rng.random() < 0.15:
                row["one_vote_veto"] = True
            if c == inside:
                row["inside_source"] = True
            rows.append(row)
        return list(chain)

    def _competitors(self, oid: str) -> None:
        rng, g = self.rng, self.g
        wanted = rng.choices((0, 1, 2, 3, 4), (0.15, 0.30, 0.30, 0.15, 0.10))[0]
        chosen: set[int] = set()
        for _ in range(wanted * 3):
            if len(chosen) >= wanted:
                break
            chosen.add(_pick(rng, g.comp_cum))
        for k in sorted(chosen):
            g.competitors[k]["opportunities"].append(
                {"opportunity": oid, "need_satisfaction": rng.randint(20, 95), "closeness": rng.randint(15, 90)})

    def _activities(self, oid: str, members: list[int], start: int, end: int) -> None:
        """Mostly the owner, some help from the team, the occasional executive; mostly with the decision chain."""
        rng, g = self.rng, self.g
        mean = g.d.activities_per_opportunity
        count = max(1, round(mean * rng.lognormvariate(-0.18, 0.6))) if mean > 0 else 0
        width = max(3, len(str(count - 1)))
        rows = self.out["activities"]
        ids, emp_ids = self.contact_ids, g.emp_ids
        for k in range(count):
            r = rng.random()
            e = self.team[0] if r < 0.55 else rng.choice(self.team) if r < 0.85 else _pick(rng, g.emp_cum)
            p = rng.random()
            how_many = 1 if p < 0.65 else 2 if p < 0.9 else 3
            contacts = []
            for _ in range(how_many):
                c = rng.choice(members) if rng.random() < 0.9 else rng.randrange(self.n)
                if ids[c] not in contacts:
                    contacts.append(ids[c])
            kind = rng.choices(ACTIVITY_TYPES, TYPE_WEIGHTS)[0]
            row = {"id": f"{oid}-t{k:0{width}d}", "employee": emp_ids[e], "contacts": contacts, "opportunity": oid,
                   "type": kind, "date": DAYS[rng.randint(start, end)]}
            if rng.random() < 0.5:
                row["summary"] = rng.choice(ACTIVITY_SUMMARIES[kind])
            rows.append(row)


def _cumulative(weights: list[float]) -> list[float]:
    out, total = [], 0.0
    for w in weights:
        total += w
        out.append(total)
    return out


def _pick(rng: random.Random, cum: list[float]) -> int:
    """Index drawn in proportion to the weights behind `cum` (bisect, O(log n))."""
    return min(bisect_right(cum, rng.random() * cum[-1]), len(cum) - 1)


def _competitor_name(rng: random.Random, i: int) -> str:
    if i < len(COMPETITOR_NAMES):
        return COMPETITOR_NAMES[i]
    return f"{rng.choice(COMPANY_PREFIXES)} {rng.choice(('Software', 'Systems', 'Digital', 'Tech', 'Cloud'))} {i}"


def generate_bundle(accounts: int, contacts_per_account: int, employees: int, seed: int = 7,
                    **densities: float) -> dict[str, list[Row]]:
    """The whole bundle in memory (tests, small runs); same arguments → identical bundle."""
    gen = Generator(accounts, contacts_per_account, employees, seed, Densities.of(densities))
    bundle: dict[str, list[Row]] = {k: [] for k in BUNDLE_KEYS}
    for part in gen.parts():
        for key, rows in part.items():
            bundle[key].extend(rows)
    bundle["employees"] = gen.employees
    bundle["competitors"] = gen.competitors
    return bundle


def write_bundle(out: IO[str], accounts: int, contacts_per_account: int, employees: int, seed: int = 7,
                 **densities: float) -> tuple[dict[str, int], dict[str, int]]:
    """Stream the same bundle as generate_bundle to `out`, one account in memory at a time.

    Rows of each key are spooled to a temporary file while accounts are generated,
    then concatenated in bundle order. Returns (node counts, relationship counts).
    """
    gen = Generator(accounts, contacts_per_account, employees, seed, Densities.of(densities))
    nodes: dict[str, int] = {}
    rels: dict[str, int] = {}
    spools = {k: tempfile.TemporaryFile("w+", encoding="utf-8") for k in ACCOUNT_KEYS}
    try:
        encode = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode
        for part in gen.parts():
            _add(nodes, node_counts(part))
            _add(rels, relationship_counts(part))
            for key, rows in part.items():
                if rows:
                    spools[key].write("".join(",\n" + encode(r) for r in rows))
        tail = {"employees": gen.employees, "competitors": gen.competitors}
        _add(nodes, node_counts(tail))
        _add(rels, relationship_counts(tail))
        out.write("{")
        for n, key in enumerate(BUNDLE_KEYS):
            out.write(f'{"," if n else ""}\n"{key}":[')
            if key in tail:
                out.write(",\n".join(encode(r) for r in tail[key]))
            else:
                spool = spools[key]
                spool.seek(0)
                spool.read(2)  # drop the leading ",\n"
                while chunk := spool.read(1 << 20):
                    out.write(chunk)
            out.write("]")
        out.write("\n}\n")
    finally:
        for spool in spools.values():
            spool.close()
    return nodes, rels


def _add(total: dict[str, int], more: dict[str, int]) -> None:
    for k, v in more.items():
        total[k] = total.get(k, 0) + v


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m seed.generate", description=__doc__.split("\n\n")[0])
    parser.add_argument("--accounts", type=int, required=True)
    parser.add_argument("--contacts-per-account", type=int, required=True, help="mean; sizes are heavy-tailed")
    parser.add_argument("--employees", type=int, required=True)
    parser.add_argument("--seed", type=int, default=7)
    for f in fields(Densities):
        parser.add_argument(f"--{f.name.replace('_', '-')}", type=float, default=f.default)
    target = parser.add_mutually_exclusive_group(required=True)
    target.add_argument("--out", help="write the bundle to this file")
    target.add_argument("--stdout", action="store_true", help="write the bundle to standard output")
    args = parser.parse_args(argv)
    densities = {f.name: getattr(args, f.name) for f in fields(Densities)}
    started = time.perf_counter()
    sizes = (args.accounts, args.contacts_per_account, args.employees, args.seed)
    if args.stdout:
        nodes, rels = write_bundle(sys.stdout, *sizes, **densities)
    else:
        with open(args.out, "w", encoding="utf-8") as fh:
            nodes, rels = write_bundle(fh, *sizes, **densities)
    elapsed = time.perf_counter() - started
    print(f"generated in {elapsed:.1f}s: nodes {sum(nodes.values()):,}, relationships {sum(rels.values()):,}",
          file=sys.stderr)
    print("  nodes: " + ", ".join(f"{k} {v:,}" for k, v in nodes.items()), file=sys.stderr)
    print("  relationships: " + ", ".join(f"{k} {v:,}" for k, v in rels.items()), file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
