"""The demo's small accounts: 24 mid-market customers that give the managers' views their story.

* rep levels at all five steps: Wang Haitao top, Chen Yuting senior, Liu Xiaoming mid, Zhou Mengqi
  junior, He Yiming novice (each knows the contacts below at the closeness that counts for them);
* departure risk that matters: the open deals at Qianjin Machinery and Dongfang Textiles hang on
  decision makers only Wang Haitao knows (2.6M at risk if he leaves);
* coverage gaps: nobody of ours knows anyone at the last four accounts (their key people unreachable).
Its own `random.Random`, so adding it left the three big accounts byte-for-byte as they were.
"""
from __future__ import annotations

import random
from typing import TYPE_CHECKING

from seed.vocab import unique_names

if TYPE_CHECKING:
    from seed.demo import DemoBuilder

NAMES = ("Qianjin Machinery", "Dongfang Textiles", "Huaxia Cold Chain", "Beichen Optics", "Xinghe Logistics",
         "Tianrui Chemicals", "Jiangnan Ceramics", "Hongda Auto Parts", "Yunfeng Foods", "Baolong Steel Works",
         "Minsheng Water", "Changjiang Printing", "Haixin Medical Devices", "Lvyuan Agritech", "Zhongke Sensors",
         "Fuxing Furniture", "Ruida Packaging", "Anping Pharma Retail", "Kunlun Mining Services", "Shengtai Glass",
         "Huanyu Electronics", "Jinqiao Paper", "Taihe Construction", "Weiye Cable")
TITLES = ("General Manager", "Head of Operations", "IT Manager", "Purchasing Manager")
# closeness of contacts 1-4 in each account: the key person (importance 5) is excellent at the first
# three accounts and good elsewhere; then one good, one medium and one poor contact.
KEY_EXCELLENT, KEY_GOOD, GOOD, MEDIUM, POOR = 86, 66, 70, 52, 30
# (employee, [(account index 1-24, contact 1-4)]) - a tie to that contact (strength 0.8)
TIES = (
    ("e-wang-haitao", [(i, 1) for i in range(1, 10)] + [(i, 3) for i in range(10, 21)]),   # 3 excellent, 6 good, 11 medium
    ("e-chen-yuting", [(1, 1)] + [(i, 2) for i in (4, 5, 6)] + [(i, 3) for i in range(11, 16)]),  # 1 / 3 / 5
    ("e-liu-xiaoming", [(7, 2)] + [(i, 3) for i in (16, 17, 18)]),                            # 0 / 1 / 3
    ("e-zhou-mengqi", [(19, 3)]),                                                             # one medium
    ("e-he-yiming", [(20, 4)]),                                                               # only poor ties
)
# open deals whose decision maker (contact 1) only Wang Haitao knows
AT_RISK = (("o-qj-cnc", 2, "CNC line monitoring", 1_800_000), ("o-df-erp", 3, "Dyeing plant ERP upgrade", 800_000))


def portfolio(d: "DemoBuilder") -> None:
    rng = random.Random(20261201)
    for index, name in enumerate(NAMES, start=1):
        aid = f"acc-p{index:02d}"
        d.account(aid, name, rng.choice(("Manufacturing", "Logistics", "Healthcare", "Retail", "Energy")),
                  rng.choice(("East", "South", "North")), revenue=rng.randint(20, 60), potential=rng.randint(30, 80),
                  demonstration=rng.randint(10, 60), winnability=rng.randint(30, 70))
        people = []
        key = KEY_EXCELLENT if index <= 3 else KEY_GOOD
        for n, (person, title, closeness) in enumerate(zip(unique_names(rng, 4, d.taken), TITLES,
                                                           (key, GOOD, MEDIUM, POOR)), start=1):
            cid = d.person(f"c-p{index:02d}-{n}", person, title, aid, None, people[0] if people else None,
                           (rng.choice(("pragmatic", "technical", "balanced")), "positive" if n < 3 else "neutral",
                            5 if n == 1 else 2, closeness, rng.randint(45, 80), rng.randint(35, 70)))
            people.append(cid)
    for employee, seats in TIES:
        for account, contact in seats:
            d.knows(employee, f"c-p{account:02d}-{contact}", 0.8, "2025-09-01")
    for oid, account, title, amount in AT_RISK:
        d.opportunity(id=oid, name=title, account=f"acc-p{account:02d}", amount=amount, stage="present_value",
                      grade="B", compelling_event=True, owner="e-wang-haitao", close_date="2027-03-31")
        d.role(oid, f"c-p{account:02d}-1", "decision_maker", attitude="positive")
        d.role(oid, f"c-p{account:02d}-2", "evaluator", attitude="positive")
