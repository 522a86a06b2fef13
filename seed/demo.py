"""The demo bundle: Hengtong Cloud (us) selling to three customers, with three deals a sales manager knows.

Run `python -m seed.demo` to rewrite seed/demo.json. The key people, deals and the
activities that make the story are written out by hand; the rank and file (staff
below the named managers, filler activities, casual ties) come from a fixed
`random.Random(DEMO_SEED)`, so the file is byte-for-byte reproducible.

The story (details and expected gaps in seed/README.md):
* o-jh-mes  - healthy: every key person positive, recently met by several of us, an inside source, a deadline;
* o-jh-fssc - blocked: the CFO holds a one-vote veto and is against us (and nobody has seen her since June);
* o-rf-lims - single-threaded: one rep, one friendly QA director, the general manager never met.
"""
from __future__ import annotations

import json
import random
import sys
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from seed.demo_portfolio import portfolio
from seed.vocab import ACTIVITY_SUMMARIES, ATTITUDES, ORIENTATIONS, unique_names
from seed import demo_time  # noqa: E402  (issue 17)

DEMO_SEED = 20261120
OUT = Path(__file__).with_name("demo.json")
START = date(2025, 5, 20)   # 18 months of history ...
END = date(2026, 11, 20)    # ... ending two days before the usual as_of (2026-11-22)
HEALTHY, VETO, SINGLE = "o-jh-mes", "o-jh-fssc", "o-rf-lims"
KEYS = ("accounts", "departments", "contacts", "reports_to", "influences", "circles", "employees", "knows",
        "opportunities", "roles", "competitors", "activities")
Row = dict[str, Any]

# Our company (id, name, title, team, manager). Team managers have 3-5 reports; the CEO has 7.
EMPLOYEES = (
    ("e-lin-zhiqiang", "Lin Zhiqiang", "Chief Executive Officer", "Leadership", None),
    ("e-zhao-jianguo", "Zhao Jianguo", "VP Sales", "Leadership", "e-lin-zhiqiang"),
    ("e-dong-fei", "Dong Fei", "Chief Financial Officer", "Leadership", "e-lin-zhiqiang"),
    ("e-han-dawei", "Han Dawei", "VP Services", "Services", "e-lin-zhiqiang"),
    ("e-luo-weidong", "Luo Weidong", "Presales Director", "Presales", "e-lin-zhiqiang"),
    ("e-zeng-lan", "Zeng Lan", "Marketing Director", "Marketing", "e-lin-zhiqiang"),
    ("e-song-jiawei", "Song Jiawei", "Key Account Director", "Key Accounts", "e-zhao-jianguo"),
    ("e-wang-haitao", "Wang Haitao", "Senior Key Account Manager", "Key Accounts", "e-song-jiawei"),
    ("e-chen-yuting", "Chen Yuting", "Key Account Manager", "Key Accounts", "e-song-jiawei"),
    ("e-liu-xiaoming", "Liu Xiaoming", "Key Account Manager", "Key Accounts", "e-song-jiawei"),
    ("e-zhou-mengqi", "Zhou Mengqi", "Account Executive", "Key Accounts", "e-song-jiawei"),
    ("e-huang-guohua", "Huang Guohua", "Regional Sales Manager East", "Sales East", "e-zhao-jianguo"),
    ("e-xu-hao", "Xu Hao", "Account Executive", "Sales East", "e-huang-guohua"),
    ("e-sun-lili", "Sun Lili", "Account Executive", "Sales East", "e-huang-guohua"),
    ("e-ma-junjie", "Ma Junjie", "Sales Representative", "Sales East", "e-huang-guohua"),
    ("e-jiang-peng", "Jiang Peng", "Sales Representative", "Sales East", "e-huang-guohua"),
    ("e-guo-hongmei", "Guo Hongmei", "Regional Sales Manager South", "Sales South", "e-zhao-jianguo"),
    ("e-he-yiming", "He Yiming", "Account Executive", "Sales South", "e-guo-hongmei"),
    ("e-gao-shuang", "Gao Shuang", "Sales Representative", "Sales South", "e-guo-hongmei"),
    ("e-tian-bin", "Tian Bin", "Partner Manager", "Partners", "e-zhao-jianguo"),
    ("e-zheng-rui", "Zheng Rui", "Senior Solution Consultant", "Presales", "e-luo-weidong"),
    ("e-liang-xin", "Liang Xin", "Solution Consultant", "Presales", "e-luo-weidong"),
    ("e-xie-tingting", "Xie Tingting", "Security Solution Consultant", "Presales", "e-luo-weidong"),
    ("e-tang-bo", "Tang Bo", "Presales Engineer", "Presales", "e-luo-weidong"),
    ("e-feng-jing", "Feng Jing", "Implementation Lead", "Services", "e-han-dawei"),
    ("e-deng-kai", "Deng Kai", "Implementation Engineer", "Services", "e-han-dawei"),
    ("e-cao-yan", "Cao Yan", "Customer Success Manager", "Services", "e-han-dawei"),
    ("e-peng-hui", "Peng Hui", "Support Engineer", "Services", "e-han-dawei"),
    ("e-xiao-yue", "Xiao Yue", "Event Manager", "Marketing", "e-zeng-lan"),
    ("e-pan-ning", "Pan Ning", "Contracts Manager", "Leadership", "e-dong-fei"),
)


class DemoBuilder:
    """Collects rows; named people get fixed ids, staff get generated names and profiles."""

    def __init__(self) -> None:
        self.rng = random.Random(DEMO_SEED)
        self.b: dict[str, list[Row]] = {k: [] for k in KEYS}
        self.taken = {e[1] for e in EMPLOYEES}
        self.contact: dict[str, Row] = {}
        self.account_of_dept: dict[str, str] = {}
        self.counter: dict[str, int] = {}
        self.members: dict[str, list[str]] = {}   # account -> contact ids

    # --- customer side -------------------------------------------------------------------------
    def account(self, aid: str, name: str, industry: str, region: str, **scores: int) -> None:
        self.b["accounts"].append({"id": aid, "name": name, "industry": industry, "region": region, **scores})
        self.members[aid] = []

    def dept(self, did: str, name: str, account: str, parent: str | None = None) -> str:
        row = {"id": did, "name": name, "account": account}
        if parent:
            row["parent"] = parent
        self.b["departments"].append(row)
        self.account_of_dept[did] = account
        return did

    def person(self, cid: str, name: str, title: str, account: str, dept: str | None, boss: str | None,
               profile: tuple[str, str, int, int, int, int] | None = None) -> str:
        """A named contact; profile = (orientation, attitude, importance, closeness, solution, price)."""
        self.taken.add(name)
        row: Row = {"id": cid, "name": name, "title": title, "account": account}
        if dept:
            row["department"] = dept
        if profile:
            o, a, imp, c, s, p = profile
            row.update(orientation=o, attitude=a, importance=imp, closeness=c, solution_acceptance=s,
                       price_acceptance=p)
        self.b["contacts"].append(row)
        self.contact[cid] = row
        self.members[account].append(cid)
        if boss:
            self.reports(cid, boss)
        return cid

    def staff(self, boss: str, titles: tuple[str, ...], count: int) -> list[str]:
        """`count` generated reports of `boss`, in boss's department; some profiles left incomplete."""
        rng = self.rng
        head = self.contact[boss]
        account, dept = head["account"], head.get("department")
        ids = []
        for name, k in zip(unique_names(rng, count, self.taken), range(count)):
            n = self.counter.get(boss, 0) + 1
            self.counter[boss] = n
            profile = None
            if rng.random() < 0.85:
                profile = (rng.choice(ORIENTATIONS), rng.choices(ATTITUDES, (1, 4, 6, 2, 1))[0],
                           rng.choice((1, 2, 2, 3)), rng.randint(20, 75), rng.randint(30, 80), rng.randint(25, 75))
            cid = self.person(f"{boss}-{n:03d}", name, titles[k % len(titles)], account, dept, boss, profile)
            if profile and rng.random() < 0.25:  # real CRMs are patchy: drop one of the three degrees
                del self.contact[cid][rng.choice(("closeness", "solution_acceptance", "price_acceptance"))]
            ids.append(cid)
        return ids

    def reports(self, frm: str, to: str, dotted: bool = False) -> None:
        self.b["reports_to"].append({"from": frm, "to": to, **({"dotted": True} if dotted else {})})

    def influences(self, *edges: tuple[str, str, float]) -> None:
        self.b["influences"] += [{"from": f, "to": t, "strength": s} for f, t, s in edges]

    def circle(self, gid: str, name: str, account: str, leader: str, core: list[str], members: list[str]) -> None:
        rows = [{"contact": leader, "role": "leader"}] + [{"contact": c, "role": "core"} for c in core] + \
            [{"contact": c, "role": "member"} for c in members]
        self.b["circles"].append({"id": gid, "name": name, "account": account, "members": rows})

    # --- our side and the deals -------------------------------------------------------------------
    def knows(self, employee: str, contact: str, strength: float, since: str, source: str | None = None) -> None:
        row = {"employee": employee, "contact": contact, "strength": strength, "since": since}
        if source:
            row["source"] = source
        self.b["knows"].append(row)

    def opportunity(self, **row: Any) -> None:
        self.b["opportunities"].append(row)

    def role(self, opp: str, contact: str, role: str, **extra: Any) -> None:
        self.b["roles"].append({"opportunity": opp, "contact": contact, "role": role, **extra})

    def competitor(self, kid: str, name: str, *entries: tuple[str, int, int]) -> None:
        self.b["competitors"].append({"id": kid, "name": name, "opportunities": [
            {"opportunity": o, "need_satisfaction": n, "closeness": c} for o, n, c in entries]})

    def act(self, employee: str, contacts: list[str], day: str, kind: str, opp: str | None = None,
            summary: str | None = None) -> None:
        row: Row = {"employee": employee, "contacts": contacts, "type": kind, "date": day}
        if opp:
            row["opportunity"] = opp
        row["summary"] = summary or self.rng.choice(ACTIVITY_SUMMARIES[kind])
        self.b["activities"].append(row)

    def spread(self, employees: list[str], contacts: list[str], count: int, first: str, last: str,
               opp: str | None = None) -> None:
        """`count` filler activities between two dates, by these employees with these contacts."""
        rng = self.rng
        lo, hi = date.fromisoformat(first), date.fromisoformat(last)
        for _ in range(count):
            day = lo + timedelta(days=rng.randint(0, (hi - lo).days))
            kind = rng.choices(("meeting", "call", "email", "visit", "meal"), (4, 3, 3, 1, 1))[0]
            who = rng.sample(contacts, 2 if len(contacts) > 1 and rng.random() < 0.25 else 1)
            self.act(rng.choice(employees), who, day.isoformat(), kind, opp)

    def finish(self) -> dict[str, list[Row]]:
        """Activities get ids in date order, so the file reads like a diary."""
        acts = sorted(self.b["activities"], key=lambda a: (a["date"], a["employee"], a["contacts"],
                                                           a.get("opportunity") or ""))
        self.b["activities"] = [{"id": f"act-{i:04d}", **a} for i, a in enumerate(acts, 1)]
        return self.b


P = tuple[str, str, int, int, int, int]


def jinhai(d: DemoBuilder) -> None:
    """The large account: a manufacturing group, two political camps, a board advisor in the CEO's ear."""
    a = "acc-jinhai"
    d.account(a, "Jinhai Manufacturing Group", "manufacturing", "East", revenue=92, potential=88,
              demonstration=85, winnability=62)
    ex = d.dept("d-jh-exec", "Executive Office", a)
    fin = d.dept("d-jh-fin", "Finance", a, ex)
    it = d.dept("d-jh-it", "Information Technology", a, ex)
    ops = d.dept("d-jh-ops", "Operations", a, ex)
    sales = d.dept("d-jh-sales", "Sales and Marketing", a, ex)
    hr = d.dept("d-jh-hr", "Human Resources", a, ex)
    rd = d.dept("d-jh-rd", "Research and Development", a, ex)
    # Executive office
    ceo = d.person("c-jh-ceo", "Zhou Guoqiang", "Chairman and CEO", a, ex, None,
                   ("pragmatic", "positive", 5, 66, 70, 45))
    d.person("c-jh-advisor", "Qian Weidong", "Board Advisor", a, None, None, ("balanced", "positive", 4, 72, 65, 50))
    d.person("c-jh-ea", "Lyu Jing", "Executive Assistant to the CEO", a, ex, ceo,
        ("balanced", "neutral", 2, 50, 50, 50))
    strategy = d.person("c-jh-strategy", "Shi Tao", "Head of Strategy", a, ex, ceo,
                        ("technical_pragmatic", "positive", 4, 58, 72, 50))
    d.person("c-jh-boardsec", "Kong Min", "Board Secretary", a, ex, strategy, ("balanced", "neutral", 3, 40, 50, 45))
    d.staff(strategy, ("Strategy Analyst",), 2)
    # Finance (with Procurement and Legal under the CFO): the old guard's home
    cfo = d.person("c-jh-cfo", "Li Xiuying", "Chief Financial Officer", a, fin, ceo,
                   ("pragmatic", "negative", 5, 28, 35, 25))
    acct = d.person("c-jh-acct", "Cai Hong", "Chief Accountant", a, d.dept("d-jh-fin-acct", "Accounting", a, fin), cfo,
                    ("pragmatic", "negative", 4, 30, 40, 30))
    d.staff(acct, ("Senior Accountant", "Accountant", "Accounts Payable Specialist", "Cost Accountant"), 6)
    treasury = d.person("c-jh-treasury", "Yu Qing", "Treasury Manager", a, d.dept("d-jh-fin-tr", "Treasury", a, fin),
                        cfo, ("pragmatic", "neutral", 3, 45, 50, 40))
    d.staff(treasury, ("Treasury Specialist", "Cash Management Analyst"), 3)
    fpa = d.person("c-jh-fpa", "Pan Lei", "FP&A Manager", a, d.dept("d-jh-fin-fpa", "Financial Planning", a, fin),
                   cfo, ("technical_pragmatic", "positive", 4, 70, 75, 55))
    d.staff(fpa, ("Financial Analyst", "Budget Analyst"), 4)
    tax = d.person("c-jh-tax", "Bai Xue", "Tax Manager", a, d.dept("d-jh-fin-tax", "Tax", a, fin), cfo,
                   ("pragmatic", "neutral", 2, 35, 45, 40))
    d.staff(tax, ("Tax Specialist",), 2)
    proc = d.dept("d-jh-proc", "Procurement", a, fin)
    cpo = d.person("c-jh-cpo", "Sun Gang", "Chief Procurement Officer", a, proc, cfo,
                   ("pragmatic", "negative", 4, 32, 40, 20))
    sourcing = d.person("c-jh-sourcing", "Jiang Tao", "Strategic Sourcing Manager", a, proc, cpo,
                        ("pragmatic", "neutral", 3, 40, 45, 30))
    d.staff(cpo, ("Buyer", "Senior Buyer", "Contract Administrator"), 4)
    d.staff(sourcing, ("Category Specialist",), 3)
    gc = d.person("c-jh-gc", "Hu Jing", "General Counsel", a, d.dept("d-jh-legal", "Legal", a, fin), cfo,
                  ("balanced", "neutral", 3, 35, 45, 40))
    d.staff(gc, ("Legal Counsel", "Compliance Officer"), 3)
    # IT: the digital reform camp's home
    cio = d.person("c-jh-cio", "Zhang Haiyan", "Chief Information Officer", a, it, ceo,
                   ("technical_pragmatic", "strong_positive", 5, 82, 88, 55))
    arch = d.person("c-jh-arch", "Feng Kai", "Enterprise Architect", a, it, cio,
        ("technical", "positive", 4, 74, 80, 50))
    infra = d.person("c-jh-infra", "Tang Jian", "Infrastructure Manager", a,
                     d.dept("d-jh-it-infra", "Infrastructure", a, it), cio, ("technical", "positive", 3, 65, 70, 50))
    d.staff(infra, ("Systems Engineer", "Network Engineer", "Database Administrator"), 5)
    apps_dept = d.dept("d-jh-it-apps", "Applications", a, it)
    apps = d.person("c-jh-apps", "Wei Xiaoyu", "Applications Manager", a, apps_dept, cio,
                    ("technical", "positive", 3, 68, 74, 50))
    mes = d.person("c-jh-mes", "Deng Wenbo", "Manufacturing Systems Lead", a, apps_dept, apps,
                   ("technical", "strong_positive", 3, 88, 90, 60))
    d.staff(apps, ("Developer", "Business Analyst", "ERP Consultant"), 4)
    sec = d.person("c-jh-sec", "Zheng Ning", "Information Security Manager", a,
                   d.dept("d-jh-it-sec", "Information Security", a, it), cio,
                       ("technical", "strong_positive", 3, 75, 80, 55))
    d.staff(sec, ("Security Engineer", "Security Analyst"), 3)
    data = d.person("c-jh-data", "Xie Yuxuan", "Data Platform Manager", a,
                    d.dept("d-jh-it-data", "Data Platform", a, it), cio, ("technical", "positive", 3, 62, 72, 50))
    d.staff(data, ("Data Engineer", "BI Developer"), 4)
    d.person("c-jh-pmo", "Lu Ting", "IT PMO Lead", a, it, cio, ("pragmatic", "neutral", 2, 50, 55, 45))
    # Operations: two plants, quality, logistics
    coo = d.person("c-jh-coo", "Wang Jianhua", "Chief Operating Officer", a, ops, ceo,
                   ("pragmatic", "neutral", 5, 60, 68, 40))
    sz = d.dept("d-jh-ops-sz", "Suzhou Plant", a, ops)
    plant1 = d.person("c-jh-plant1", "Xu Zhigang", "Suzhou Plant Director", a, sz, coo,
                      ("pragmatic_technical", "positive", 4, 78, 80, 50))
    for line in (1, 2):
        pm = d.person(f"c-jh-sz-line{line}", ("Ren Yong", "Ye Fang")[line - 1], f"Production Manager, Line {line}", a,
                      sz, plant1, ("pragmatic", "positive", 3, 60, 65, 50))
        d.staff(pm, ("Shift Supervisor", "Process Engineer"), 4)
    d.staff(plant1, ("Plant Controller", "Maintenance Engineer", "Industrial Engineer"), 3)
    wx = d.dept("d-jh-ops-wx", "Wuxi Plant", a, ops)
    plant2 = d.person("c-jh-plant2", "Luo Yonggang", "Wuxi Plant Director", a, wx, coo,
                      ("pragmatic", "negative", 4, 35, 40, 35))
    line3 = d.person("c-jh-wx-line1", "Cheng Gang", "Production Manager", a, wx, plant2,
        ("pragmatic", "neutral", 3, 40, 50, 45))
    d.staff(line3, ("Shift Supervisor",), 4)
    d.staff(plant2, ("Plant Controller", "Maintenance Engineer", "Process Engineer", "Safety Officer"), 4)
    quality = d.person("c-jh-quality", "Gao Yan", "Quality Director", a, d.dept("d-jh-ops-qa", "Quality", a, ops), coo,
                       ("technical_pragmatic", "neutral", 4, 58, 66, 45))
    d.staff(quality, ("Quality Engineer", "Quality Inspector", "Supplier Quality Engineer"), 5)
    logistics = d.person("c-jh-logistics", "Zou Peng", "Logistics Manager", a,
                         d.dept("d-jh-ops-log", "Logistics", a, ops), coo, ("pragmatic", "neutral", 3, 45, 50, 45))
    d.staff(logistics, ("Logistics Coordinator", "Warehouse Supervisor"), 4)
    planning = d.person("c-jh-planning", "Qiu Li", "Production Planning Manager", a, ops, coo,
                        ("technical_pragmatic", "positive", 3, 55, 65, 50))
    d.staff(planning, ("Production Planner",), 3)
    ehs = d.person("c-jh-ehs", "Meng Fei", "EHS Manager", a, ops, coo, ("pragmatic", "neutral", 2, 40, 45, 45))
    d.staff(ehs, ("Safety Officer",), 2)
    # Sales, HR, R&D
    vps = d.person("c-jh-vps", "Chen Bin", "VP Sales and Marketing", a, sales, ceo,
        ("balanced", "positive", 4, 55, 60, 50))
    dom = d.person("c-jh-domestic", "Hou Jun", "Domestic Sales Manager", a, sales, vps,
        ("pragmatic", "neutral", 2, 40, 50, 50))
    d.staff(vps,
        ("Export Sales Manager", "Marketing Manager", "Customer Service Manager", "Sales Operations Analyst"), 4)
    d.staff(dom, ("Account Manager",), 3)
    chro = d.person("c-jh-hr", "Ma Lihua", "HR Director", a, hr, ceo, ("balanced", "neutral", 3, 38, 45, 40))
    d.staff(chro, ("HR Business Partner", "Recruiter", "Payroll Specialist", "Training Coordinator"), 4)
    cto = d.person("c-jh-cto", "Yang Rui", "Chief Technology Officer", a, rd, ceo,
        ("technical", "positive", 4, 60, 75, 50))
    for lab in (1, 2):
        lm = d.person(f"c-jh-lab{lab}", ("Wu Xin", "Yuan Hui")[lab - 1], f"R&D Lab Manager {lab}", a, rd, cto,
                      ("technical", "neutral", 3, 45, 60, 50))
        d.staff(lm, ("R&D Engineer", "Test Engineer"), 3)
    d.staff(cto, ("Principal Engineer", "Product Designer", "Research Scientist"), 3)
    # Dotted lines that every insider knows about
    d.reports(cpo, coo, dotted=True)
    d.reports(mes, plant1, dotted=True)
    d.reports(fpa, cio, dotted=True)
    # The political map: two camps that do not talk to each other, an advisor the CEO listens to
    d.influences(("c-jh-advisor", ceo, 0.9), (cfo, ceo, 0.7), (cio, ceo, 0.5), (strategy, ceo, 0.5),
                 (vps, ceo, 0.4), (cfo, cpo, 0.8), (cfo, acct, 0.8), (cfo, coo, 0.6), (cfo, gc, 0.6),
                 (cpo, sourcing, 0.7), (coo, plant2, 0.7), (acct, cfo, 0.5), (cio, arch, 0.8), (cio, cto, 0.5),
                 (cio, strategy, 0.6), (plant1, coo, 0.6), (mes, plant1, 0.6), (quality, plant1, 0.4),
                 (fpa, data, 0.5), (data, fpa, 0.5), (arch, apps, 0.6), (cto, "c-jh-lab1", 0.5),
                 ("c-jh-sz-line1", plant1, 0.5), (chro, ceo, 0.3), (plant2, "c-jh-wx-line1", 0.6))
    d.circle("circ-jh-oldguard", "Old guard", a, cfo, [coo, cpo, acct], [chro, plant2, gc, "c-jh-wx-line1"])
    d.circle("circ-jh-digital", "Digital reform camp", a, cio, [cto, strategy, fpa],
             [arch, mes, data, apps])  # the Suzhou plant director stays out of both: he is the bridge


def ruifeng(d: DemoBuilder) -> None:
    """A mid-size pharmaceutical company: the GM decides, the QA director wants a LIMS before the audit."""
    a = "acc-ruifeng"
    d.account(a, "Ruifeng Pharmaceutical", "pharmaceuticals", "East", revenue=55, potential=70,
              demonstration=60, winnability=55)
    ex = d.dept("d-rf-exec", "General Manager's Office", a)
    qa = d.dept("d-rf-qa", "Quality Assurance", a, ex)
    gm = d.person("c-rf-gm", "Huang Lihua", "General Manager", a, ex, None, ("pragmatic", "neutral", 5, 20, 45, 35))
    d.staff(gm, ("Executive Assistant",), 1)
    dgm = d.person("c-rf-dgm", "Zhu Jianhua", "Deputy General Manager, Production and Quality", a, ex, gm,
                   ("pragmatic_technical", "neutral", 5, 35, 55, 40))
    qad = d.person("c-rf-qa", "Guo Jing", "QA Director", a, qa, dgm, ("technical", "strong_positive", 4, 85, 85, 60))
    lab = d.person("c-rf-lab", "He Min", "QC Laboratory Manager", a, d.dept("d-rf-qc", "QC Laboratory", a, qa), qad,
                   ("technical", "positive", 3, 65, 75, 55))
    d.staff(lab, ("QC Analyst", "Senior QC Analyst"), 4)
    d.staff(qad, ("Document Control Specialist", "Validation Engineer"), 2)
    it = d.person("c-rf-it", "Tian Yong", "IT Manager", a, d.dept("d-rf-it", "IT", a, ex), gm,
                  ("technical", "neutral", 3, 40, 55, 45))
    d.staff(it, ("IT Engineer",), 2)
    fin = d.person("c-rf-fin", "Dong Xia", "Finance Manager", a, d.dept("d-rf-fin", "Finance", a, ex), gm,
                   ("pragmatic", "neutral", 4, 30, 40, 30))
    d.staff(fin, ("Accountant",), 2)
    proc = d.person("c-rf-proc", "Liang Bo", "Procurement Manager", a, "d-rf-fin", fin,
                    ("pragmatic", "negative", 3, 30, 40, 25))
    d.staff(proc, ("Buyer",), 1)
    d.person("c-rf-hr", "Xia Ying", "HR Manager", a, ex, gm, ("balanced", "neutral", 2, 35, 45, 45))
    prod = d.person("c-rf-prod", "Jin Qiang", "Production Director", a, d.dept("d-rf-prod", "Production", a, ex), dgm,
                    ("pragmatic", "neutral", 4, 40, 50, 45))
    d.staff(prod, ("Workshop Supervisor", "Production Engineer"), 4)
    ra = d.person("c-rf-ra", "Yan Shuang", "Regulatory Affairs Manager", a,
                  d.dept("d-rf-ra", "Regulatory Affairs", a, ex), dgm,
                      ("technical_pragmatic", "positive", 3, 60, 65, 50))
    d.staff(ra, ("Regulatory Specialist",), 1)
    d.influences((dgm, gm, 0.8), (qad, dgm, 0.6), (fin, gm, 0.5), (lab, qad, 0.6), (ra, qad, 0.4))


def lanting(d: DemoBuilder) -> None:
    """A small retail chain where a partner led the deal and a competitor's cloud POS won."""
    a = "acc-lanting"
    d.account(a, "Lanting Retail Chain", "retail", "South", revenue=40, potential=45, demonstration=50,
              winnability=35)
    ex = d.dept("d-lt-exec", "Head Office", a)
    ceo = d.person("c-lt-ceo", "Fang Yu", "CEO", a, ex, None, ("pragmatic", "neutral", 5, 40, 50, 40))
    cfo = d.person("c-lt-cfo", "Su Hongmei", "CFO", a, d.dept("d-lt-fin", "Finance", a, ex), ceo,
                   ("pragmatic", "neutral", 4, 35, 45, 30))
    d.staff(cfo, ("Accountant", "Procurement Specialist"), 3)
    cio = d.person("c-lt-cio", "Tan Wei", "IT Director", a, d.dept("d-lt-it", "IT", a, ex), ceo,
                   ("technical", "negative", 4, 45, 40, 35))
    d.person("c-lt-ecom", "Wan Ting", "E-commerce Manager", a, "d-lt-it", cio,
        ("technical_pragmatic", "positive", 3, 60, 65, 50))
    d.staff(cio, ("IT Engineer", "POS Support Specialist"), 2)
    ops = d.person("c-lt-ops", "Duan Peng", "VP Store Operations", a,
                   d.dept("d-lt-ops", "Store Operations", a, ex), ceo,
                   ("pragmatic", "positive", 4, 55, 60, 45))
    d.staff(ops, ("Regional Manager South", "Regional Manager West", "Regional Manager Central", "Operations Analyst",
                  "Loss Prevention Manager"), 5)
    mkt = d.person("c-lt-mkt", "Lei Na", "Marketing Director", a, d.dept("d-lt-mkt", "Marketing", a, ex), ceo,
                   ("balanced", "neutral", 3, 40, 50, 50))
    d.staff(mkt, ("Marketing Specialist",), 1)
    d.influences((cfo, ceo, 0.7), (cio, ceo, 0.5), (ops, ceo, 0.6))


def deals(d: DemoBuilder) -> None:
    """Six deals; the first, second and fourth carry the story."""
    d.opportunity(id=HEALTHY, name="Smart factory MES rollout (Suzhou and Wuxi)", account="acc-jinhai",
                  amount=8_600_000, stage="negotiate", grade="A", compelling_event=True, need_satisfaction=85,
                  owner="e-wang-haitao", close_date="2026-12-31")
    d.opportunity(id=VETO, name="Group finance shared-services platform", account="acc-jinhai", amount=5_200_000,
                  stage="present_value", grade="A", compelling_event=True, owner="e-chen-yuting",
                  close_date="2027-06-30")
    d.opportunity(id="o-jh-sec", name="Information security compliance audit", account="acc-jinhai", amount=380_000,
                  stage="won", grade="C", compelling_event=True, need_satisfaction=80, owner="e-liu-xiaoming",
                  close_date="2026-03-20")
    d.opportunity(id=SINGLE, name="Laboratory information management system (LIMS)", account="acc-ruifeng",
                  amount=1_500_000, stage="analyse_needs", grade="B", compelling_event=True, owner="e-xu-hao",
                  close_date="2027-04-30")
    d.opportunity(id="o-rf-gmp", name="GMP document management", account="acc-ruifeng", amount=180_000,
                  stage="validate", grade="D", compelling_event=False, owner="e-sun-lili", close_date="2027-03-31")
    d.opportunity(id="o-lt-pos", name="Store POS cloud migration (partner-led)", account="acc-lanting",
                  amount=600_000, stage="lost", grade="E", compelling_event=False, owner="e-tian-bin",
                  close_date="2026-08-28")
    # Healthy: the CEO approves, COO and CIO decide, all for us; the MES lead is our coach.
    d.role(HEALTHY, "c-jh-ceo", "approver", attitude="positive", one_vote_approve=True, closeness=70,
           solution_acceptance=75, price_acceptance=50)
    d.role(HEALTHY, "c-jh-coo", "decision_maker", attitude="positive", closeness=72, solution_acceptance=78,
           price_acceptance=45)
    d.role(HEALTHY, "c-jh-cio", "decision_maker", attitude="strong_positive", closeness=85, solution_acceptance=90,
           price_acceptance=60)
    d.role(HEALTHY, "c-jh-plant1", "evaluator", attitude="positive", closeness=80, solution_acceptance=82)
    d.role(HEALTHY, "c-jh-arch", "evaluator", attitude="positive")
    d.role(HEALTHY, "c-jh-quality", "evaluator", attitude="neutral")
    d.role(HEALTHY, "c-jh-mes", "user", attitude="strong_positive", inside_source=True)
    d.role(HEALTHY, "c-jh-sz-line1", "user", attitude="positive")
    # Veto: the CFO can kill it and wants the incumbent's module; her camp evaluates too.
    d.role(VETO, "c-jh-ceo", "approver", attitude="neutral", one_vote_approve=True)
    d.role(VETO, "c-jh-cfo", "decision_maker", attitude="negative", one_vote_veto=True, closeness=25,
           solution_acceptance=35, price_acceptance=20)
    d.role(VETO, "c-jh-cio", "decision_maker", attitude="positive", closeness=75, solution_acceptance=80)
    d.role(VETO, "c-jh-acct", "evaluator", attitude="negative")
    d.role(VETO, "c-jh-cpo", "evaluator", attitude="negative", price_acceptance=20)
    d.role(VETO, "c-jh-fpa", "evaluator", attitude="positive", inside_source=True)
    d.role(VETO, "c-jh-data", "evaluator", attitude="positive")
    d.role(VETO, "c-jh-acct-001", "user")
    d.role(VETO, "c-jh-fpa-001", "user", attitude="positive")
    # Won security audit
    d.role("o-jh-sec", "c-jh-cio", "decision_maker", attitude="positive")
    d.role("o-jh-sec", "c-jh-sec", "evaluator", attitude="strong_positive", inside_source=True)
    d.role("o-jh-sec", "c-jh-sec-001", "user")
    # Single-threaded: a friendly QA director, a GM nobody has met, a deputy GM seen once in April.
    d.role(SINGLE, "c-rf-gm", "approver")
    d.role(SINGLE, "c-rf-dgm", "decision_maker", attitude="neutral")
    d.role(SINGLE, "c-rf-qa", "decision_maker", attitude="strong_positive", closeness=88, solution_acceptance=85)
    d.role(SINGLE, "c-rf-lab", "evaluator", attitude="positive")
    d.role(SINGLE, "c-rf-it", "evaluator")
    d.role(SINGLE, "c-rf-lab-001", "user")
    d.role(SINGLE, "c-rf-lab-002", "user")
    # Small ones
    d.role("o-rf-gmp", "c-rf-ra", "decision_maker", attitude="positive")
    d.role("o-rf-gmp", "c-rf-qa-001", "evaluator")
    d.role("o-lt-pos", "c-lt-ceo", "approver", attitude="neutral")
    d.role("o-lt-pos", "c-lt-cio", "decision_maker", attitude="negative", one_vote_veto=True)
    d.role("o-lt-pos", "c-lt-ecom", "evaluator", attitude="positive")
    d.role("o-lt-pos", "c-lt-ops-001", "user")
    # Competitors: behind us on the MES deal, the incumbent ahead of us on finance.
    d.competitor("k-digiwin", "Digiwin", (HEALTHY, 72, 58), ("o-rf-gmp", 60, 40))
    d.competitor("k-kingdee", "Kingdee Cloud", (HEALTHY, 60, 45), (VETO, 70, 55))
    d.competitor("k-yonyou", "Yonyou Works", (VETO, 78, 82), ("o-jh-sec", 55, 50))
    d.competitor("k-huayun", "Huayun Software", (SINGLE, 70, 40))
    d.competitor("k-cloudnine", "CloudNine", ("o-lt-pos", 82, 78))


def ties(d: DemoBuilder) -> None:
    """Who knows whom: a veteran KAM and the executives are well connected; most have one to five ties."""
    k = d.knows
    for contact, strength, since, source in (
            ("c-jh-cio", 0.85, "2016", "former colleague"), ("c-jh-coo", 0.7, "2019", None),
            ("c-jh-plant1", 0.8, "2018", "project work"), ("c-jh-mes", 0.9, "2017", "former colleague"),
            ("c-jh-arch", 0.6, "2020", None), ("c-jh-quality", 0.5, "2022", None), ("c-jh-vps", 0.5, "2021", None),
            ("c-jh-strategy", 0.6, "2021", "industry event"), ("c-jh-infra", 0.6, "2019", "project work"),
            ("c-jh-data", 0.5, "2023", None), ("c-jh-apps", 0.7, "2018", "project work"),
            ("c-rf-it", 0.4, "2024", "industry event"), ("c-lt-cio", 0.5, "2022", None),
            ("c-jh-sz-line1", 0.6, "2020", None)):
        k("e-wang-haitao", contact, strength, since, source)
    for contact, strength, since, source in (
            ("c-jh-advisor", 0.9, "1995", "university classmate"), ("c-jh-ceo", 0.65, "2018", "industry event"),
            ("c-lt-ceo", 0.5, "2021", None), ("c-jh-cto", 0.4, "2023", None), ("c-rf-dgm", 0.35, "2025", None)):
        k("e-lin-zhiqiang", contact, strength, since, source)
    for contact, strength, since in (("c-jh-ceo", 0.6, "2020"), ("c-jh-coo", 0.6, "2019"), ("c-jh-vps", 0.7, "2017"),
                                     ("c-lt-cfo", 0.5, "2022"), ("c-jh-hr", 0.4, "2021"), ("c-lt-ceo", 0.6, "2020"),
                                     ("c-jh-domestic", 0.5, "2022")):
        k("e-zhao-jianguo", contact, strength, since)
    for contact, strength in (("c-jh-mes", 0.7), ("c-jh-infra", 0.8), ("c-jh-plant1", 0.5), ("c-rf-it", 0.6),
                              ("c-lt-cio", 0.7), ("c-jh-sec", 0.5)):
        k("e-han-dawei", contact, strength, "2021", "project work")
    for emp, contact, strength, since, source in (
            ("e-chen-yuting", "c-jh-fpa", 0.8, "2024", None), ("e-chen-yuting", "c-jh-cio", 0.6, "2023", None),
            ("e-chen-yuting", "c-jh-data", 0.6, "2024", None), ("e-chen-yuting", "c-jh-acct", 0.3, "2025", None),
            ("e-dong-fei", "c-jh-treasury", 0.7, "2012", "former colleague"),
            ("e-xu-hao", "c-rf-qa", 0.9, "2019", "university classmate"), ("e-xu-hao", "c-rf-lab", 0.6, "2024", None),
            ("e-sun-lili", "c-rf-ra", 0.6, "2025", None), ("e-sun-lili", "c-rf-qa-001", 0.5, "2025", None),
            ("e-liu-xiaoming", "c-jh-sec", 0.8, "2022", None), ("e-liu-xiaoming", "c-jh-cio", 0.5, "2023", None),
            ("e-zheng-rui", "c-jh-arch", 0.8, "2020", "project work"), ("e-zheng-rui", "c-jh-mes", 0.7, "2021", None),
            ("e-liang-xin", "c-jh-fpa", 0.5, "2026", None), ("e-liang-xin", "c-jh-data", 0.6, "2026", None),
            ("e-xie-tingting", "c-jh-sec", 0.6, "2025", None), ("e-tian-bin", "c-lt-cio", 0.5, "2023", None),
            ("e-tian-bin", "c-lt-ecom", 0.7, "2024", "referral"), ("e-song-jiawei", "c-jh-vps", 0.5, "2020", None),
            ("e-song-jiawei", "c-jh-strategy", 0.5, "2022", None), ("e-feng-jing", "c-jh-mes", 0.6, "2026", None),
            ("e-feng-jing", "c-jh-apps", 0.5, "2026", None), ("e-cao-yan", "c-jh-sec", 0.5, "2026", None)):
        k(emp, contact, strength, since, source)
    # Everyone else: one to three casual ties with rank-and-file contacts.
    rng = d.rng
    tied = {row["employee"] for row in d.b["knows"]}
    staff = [c["id"] for c in d.b["contacts"] if c["id"].split("-")[-1].isdigit()]
    pairs = {(row["employee"], row["contact"]) for row in d.b["knows"]}
    for emp in (e[0] for e in EMPLOYEES if e[0] not in tied):
        for contact in rng.sample(staff, rng.randint(1, 3)):
            if (emp, contact) not in pairs:
                pairs.add((emp, contact))
                k(emp, contact, round(rng.uniform(0.3, 0.7), 2), str(rng.randint(2018, 2026)))


def activities(d: DemoBuilder) -> None:
    """18 months of diary: story-critical activities by hand, the rest spread around them."""
    act, spread = d.act, d.spread
    # The healthy deal: many hands, the key people all seen in the last two months.
    chain = ["c-jh-coo", "c-jh-cio", "c-jh-plant1", "c-jh-arch", "c-jh-quality", "c-jh-mes", "c-jh-sz-line1"]
    spread(["e-wang-haitao"], chain, 18, "2025-09-01", "2026-11-15", HEALTHY)
    spread(["e-zheng-rui", "e-tang-bo"], ["c-jh-cio", "c-jh-arch", "c-jh-mes", "c-jh-plant1"], 9, "2025-11-01",
           "2026-10-30", HEALTHY)
    spread(["e-han-dawei", "e-feng-jing"], ["c-jh-mes", "c-jh-plant1", "c-jh-apps"], 4, "2026-09-01", "2026-11-18",
           HEALTHY)
    act("e-lin-zhiqiang", ["c-jh-ceo", "c-jh-advisor"], "2026-03-18", "meal", HEALTHY, "Dinner with the chairman")
    act("e-lin-zhiqiang", ["c-jh-ceo"], "2026-10-28", "visit", HEALTHY, "CEO-to-CEO visit: MES business case")
    act("e-zhao-jianguo", ["c-jh-coo", "c-jh-plant1"], "2026-11-12", "meeting", HEALTHY, "Commercial terms review")
    act("e-wang-haitao", ["c-jh-cio", "c-jh-mes"], "2026-11-16", "meeting", HEALTHY, "Rollout plan for Wuxi")
    act("e-wang-haitao", ["c-jh-ceo", "c-jh-coo", "c-jh-cio"], "2026-11-19", "meeting", HEALTHY,
        "Steering committee: contract draft")
    # The veto deal: plenty of friends, the CFO last seen in June, the CEO in April.
    spread(["e-chen-yuting"], ["c-jh-cio", "c-jh-fpa", "c-jh-data", "c-jh-fpa-001"], 12, "2026-02-10", "2026-11-17",
           VETO)
    spread(["e-liang-xin"], ["c-jh-fpa", "c-jh-data", "c-jh-acct-001"], 5, "2026-03-01", "2026-11-10", VETO)
    act("e-chen-yuting", ["c-jh-cfo"], "2026-03-05", "meeting", VETO, "Introduction to the CFO")
    act("e-chen-yuting", ["c-jh-cfo", "c-jh-acct"], "2026-06-12", "meeting", VETO,
        "CFO questions fit with the incumbent's ledger")
    act("e-chen-yuting", ["c-jh-ceo"], "2026-04-20", "visit", VETO, "Shared-services vision with the chairman")
    act("e-chen-yuting", ["c-jh-cpo"], "2026-09-03", "call", VETO, "Procurement asks for a 30% discount")
    # The single-threaded deal: only Xu Hao, almost only with the QA director.
    spread(["e-xu-hao"], ["c-rf-qa"], 8, "2026-03-01", "2026-11-17", SINGLE)
    spread(["e-xu-hao"], ["c-rf-lab", "c-rf-lab-001"], 3, "2026-05-01", "2026-10-20", SINGLE)
    act("e-xu-hao", ["c-rf-dgm", "c-rf-qa"], "2026-04-08", "meeting", SINGLE, "Kick-off with the deputy GM")
    act("e-xu-hao", ["c-rf-qa"], "2026-11-18", "meal", SINGLE, "Dinner: audit timeline")
    # The rest of the book.
    spread(["e-liu-xiaoming", "e-xie-tingting"], ["c-jh-cio", "c-jh-sec", "c-jh-sec-001"], 9, "2025-11-05",
           "2026-03-20", "o-jh-sec")
    spread(["e-sun-lili"], ["c-rf-ra", "c-rf-qa-001"], 3, "2026-08-01", "2026-11-05", "o-rf-gmp")
    spread(["e-tian-bin"], ["c-lt-cio", "c-lt-ecom", "c-lt-ceo"], 6, "2026-02-01", "2026-08-20", "o-lt-pos")
    act("e-zeng-lan", ["c-jh-cio", "c-jh-arch", "c-rf-qa"], "2025-05-21", "event", None, "Industry forum, Shanghai")
    act("e-xiao-yue", ["c-jh-cio", "c-jh-mes", "c-lt-ecom"], "2025-10-15", "event", None, "User conference")
    act("e-cao-yan", ["c-jh-sec"], "2026-11-20", "call", None, "Quarterly success review")
    # Relationship upkeep without a deal: each tie gets an occasional touch.
    rng = d.rng
    for tie in d.b["knows"]:
        for _ in range(rng.choice((0, 0, 1, 1, 2, 3))):
            day = START + timedelta(days=rng.randint(0, (END - START).days))
            act(tie["employee"], [tie["contact"]], day.isoformat(), rng.choice(("call", "email", "meal", "visit")))


def build_demo() -> dict[str, list[Row]]:
    """The whole demo bundle (deterministic)."""
    d = DemoBuilder()
    d.b["employees"] = [{"id": i, "name": n, "title": t, "team": team, **({"manager": m} if m else {})}
                        for i, n, t, team, m in EMPLOYEES]
    jinhai(d)
    ruifeng(d)
    lanting(d)
    deals(d)
    ties(d)
    activities(d)
    portfolio(d)  # issue 19: small accounts for rep levels, departure risk and coverage gaps
    demo_time.add_people(d)  # issue 17: a champion who left, a former champion elsewhere
    return d.finish()


def dumps(bundle: dict[str, list[Row]]) -> str:
    """One row per line: diffs stay readable and the file stays small."""
    parts = []
    for key in KEYS:
        rows = ",\n  ".join(json.dumps(row, ensure_ascii=False) for row in bundle[key])
        parts.append(f'"{key}": [\n  {rows}\n]')
    return "{\n" + ",\n".join(parts) + "\n}\n"


def main(argv: list[str] | None = None) -> int:
    out = Path(argv[0]) if argv else OUT
    out.write_text(dumps(build_demo()), encoding="utf-8")
    print(f"wrote {out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
