"""Word lists shared by the demo and the scale generator: names, functions, titles, value domains.

Kept in one place so that generated and hand-written data read alike, and so the
value domains the generator draws from are the ones import-format.md allows.
"""
from __future__ import annotations

import random

# Value domains (import-format.md); the tests check every bundle against these.
ATTITUDES = ("strong_positive", "positive", "neutral", "negative", "strong_negative")
ORIENTATIONS = ("technical", "pragmatic", "technical_pragmatic", "pragmatic_technical", "balanced")
ROLES = ("approver", "decision_maker", "evaluator", "user")
STAGES = ("validate", "initiate", "analyse_needs", "present_value", "prepare_bid", "bid", "negotiate", "won", "lost")
GRADES = ("A", "B", "C", "D", "E")
CIRCLE_ROLES = ("leader", "core", "member")
ACTIVITY_TYPES = ("meeting", "call", "email", "visit", "event", "meal")

# Common surnames, roughly in order of frequency (the first few carry most of the weight).
SURNAMES = (
    "Wang", "Li", "Zhang", "Liu", "Chen", "Yang", "Huang", "Zhao", "Wu", "Zhou", "Xu", "Sun", "Ma", "Zhu",
    "Hu", "Guo", "He", "Gao", "Lin", "Luo", "Zheng", "Liang", "Xie", "Song", "Tang", "Han", "Feng", "Deng",
    "Cao", "Peng", "Zeng", "Xiao", "Tian", "Dong", "Pan", "Yuan", "Cai", "Jiang", "Yu", "Du", "Ye", "Cheng",
    "Wei", "Su", "Lyu", "Ding", "Ren", "Shen", "Yao", "Lu", "Cui", "Zhong", "Tan", "Fan", "Jin", "Shi",
    "Liao", "Jia", "Xia", "Fu", "Fang", "Bai", "Zou", "Meng", "Xiong", "Qin", "Qiu", "Yin", "Xue", "Yan",
    "Duan", "Lei", "Hou", "Long", "Tao", "Gu", "Mao", "Hao", "Gong", "Shao", "Wan", "Qian", "Dai", "Kong",
)
GIVEN_NAMES = (
    "Wei", "Fang", "Na", "Min", "Jing", "Li", "Qiang", "Lei", "Jun", "Yang", "Yong", "Yan", "Jie", "Juan",
    "Tao", "Ming", "Chao", "Xiuying", "Xia", "Ping", "Gang", "Hua", "Hui", "Dan", "Bin", "Peng", "Hao", "Yu",
    "Xin", "Lin", "Kai", "Yi", "Zhiqiang", "Jianhua", "Jianguo", "Guoqiang", "Haiyan", "Xiaoming", "Xiaohong",
    "Yuting", "Zihan", "Haoran", "Yiming", "Shuang", "Rui", "Ning", "Bo", "Feng", "Xu", "Jian", "Liang",
    "Wen", "Yun", "Hong", "Qing", "Mei", "Lan", "Zhen", "Dong", "Tingting", "Jiayi", "Siyu", "Zhihao",
    "Junjie", "Wenjing", "Xiaoyu", "Yuxuan", "Mengqi", "Shuai", "Kun", "Zhe", "Cheng", "Fei", "Yue", "Ying",
    "Lili", "Guang", "Jiahui", "Haitao", "Xiaolong", "Yanping", "Guohua", "Zhiwei", "Lihua", "Chunmei",
    "Dawei", "Jiawei", "Wenbo", "Xueqin", "Shufen", "Yonggang", "Hongmei", "Zhigang", "Xiaojun", "Weidong",
)
_SURNAME_CUM = []
_total = 0.0
for _rank in range(len(SURNAMES)):
    _total += 1.0 / (_rank + 4)  # Zipf-like: Wang/Li/Zhang common, the tail rare
    _SURNAME_CUM.append(_total)


def person_name(rng: random.Random) -> str:
    """A plausible Chinese name in pinyin, surname first ("Zhang Wei")."""
    surname = rng.choices(SURNAMES, cum_weights=_SURNAME_CUM)[0]
    return f"{surname} {rng.choice(GIVEN_NAMES)}"


def unique_names(rng: random.Random, count: int, taken: set[str] | None = None) -> list[str]:
    """`count` distinct names (the demo wants no two Zhang Weis in one story)."""
    seen = set(taken or ())
    names = []
    while len(names) < count:
        name = person_name(rng)
        if name not in seen:
            seen.add(name)
            names.append(name)
    return names


# Customer-side functions: (department name, head title, sub-departments, staff titles).
FUNCTIONS: tuple[tuple[str, str, tuple[str, ...], tuple[str, ...]], ...] = (
    ("Finance", "CFO", ("Accounting", "Treasury", "Financial Planning", "Tax", "Internal Audit"),
     ("Accountant", "Financial Analyst", "Treasury Specialist", "Cost Accountant", "Auditor")),
    ("Information Technology", "CIO", ("Infrastructure", "Applications", "Information Security", "Data Platform",
                                       "Service Desk"),
     ("Systems Engineer", "Network Engineer", "Database Administrator", "Business Analyst", "Developer")),
    ("Operations", "COO", ("Production", "Quality", "Logistics", "Maintenance", "Safety"),
     ("Production Planner", "Quality Engineer", "Logistics Coordinator", "Shift Supervisor", "Process Engineer")),
    ("Sales", "VP Sales", ("Key Accounts", "Channel Sales", "Sales Operations", "Regional Sales", "Bids"),
     ("Sales Manager", "Account Manager", "Sales Analyst", "Channel Manager", "Bid Specialist")),
    ("Human Resources", "HR Director", ("Recruiting", "Compensation", "Training", "Employee Relations"),
     ("HR Business Partner", "Recruiter", "Payroll Specialist", "Training Coordinator")),
    ("Procurement", "Chief Procurement Officer", ("Strategic Sourcing", "Purchasing", "Supplier Quality"),
     ("Buyer", "Category Manager", "Sourcing Specialist", "Contract Administrator")),
    ("Research and Development", "CTO", ("Product Engineering", "Testing", "Advanced Research", "Design"),
     ("R&D Engineer", "Test Engineer", "Research Scientist", "Product Designer")),
    ("Legal and Compliance", "General Counsel", ("Contracts", "Compliance", "Risk"),
     ("Legal Counsel", "Compliance Officer", "Risk Analyst")),
    ("Marketing", "CMO", ("Brand", "Digital Marketing", "Market Research"),
     ("Marketing Specialist", "Brand Manager", "Market Analyst")),
    ("Supply Chain", "VP Supply Chain", ("Planning", "Warehousing", "Transport"),
     ("Demand Planner", "Warehouse Supervisor", "Transport Coordinator")),
    ("Customer Service", "VP Customer Service", ("Call Center", "Field Service", "Customer Success"),
     ("Service Representative", "Field Engineer", "Customer Success Specialist")),
)
CHIEF_TITLES = ("CEO", "President", "General Manager")
EXEC_ASSISTANT_TITLES = ("Executive Assistant", "Board Secretary", "Strategy Analyst", "Office Manager")

INDUSTRIES = ("manufacturing", "energy", "pharmaceuticals", "retail", "logistics", "banking", "insurance",
              "telecommunications", "automotive", "healthcare", "construction", "education", "government")
REGIONS = ("North", "East", "South", "West", "Central", "Northeast", "Southwest")
COMPANY_PREFIXES = ("Huaxia", "Jinhai", "Ruifeng", "Lanting", "Hengtong", "Dongfang", "Xinghe", "Tianyu",
                    "Zhongxin", "Baisheng", "Longteng", "Haina", "Changjiang", "Kunlun", "Jiahe", "Yuanda",
                    "Shengshi", "Minghua", "Fuyuan", "Tongda", "Jinqiao", "Wanfang", "Hongtai", "Anxin")
COMPANY_SUFFIXES = {
    "manufacturing": "Manufacturing Group", "energy": "Energy Holdings", "pharmaceuticals": "Pharmaceutical",
    "retail": "Retail Chain", "logistics": "Logistics", "banking": "Commercial Bank", "insurance": "Insurance",
    "telecommunications": "Telecom", "automotive": "Auto Parts", "healthcare": "Health Group",
    "construction": "Construction Engineering", "education": "Education Group", "government": "City Services Bureau",
}
CIRCLE_NAMES = ("Old guard", "Reform camp", "Headquarters faction", "Regional faction", "Founders' circle",
                "Technical camp", "Finance clique", "Alumni network", "Young leaders", "Golf friends",
                "Former military", "Overseas returnees")
COMPETITOR_NAMES = ("Kingdee Cloud", "Yonyou Works", "SAPient", "OracleX", "Inspur Systems", "Digiwin",
                    "Neusoft Solutions", "Huayun Software", "TechBridge", "MegaERP", "RivalSoft", "CloudNine",
                    "Pinnacle Apps", "Sinosoft Plus", "BlueOcean IT", "Zhongke Data")
DEAL_THEMES = ("ERP upgrade", "MES rollout", "Data platform", "CRM replacement", "Finance shared services",
               "Supply chain visibility", "Security audit", "HR cloud", "Procurement portal", "BI dashboards",
               "Cloud migration", "Quality management system", "Field service app", "Document management")
ACTIVITY_SUMMARIES = {
    "meeting": ("Discovery workshop", "Solution review", "Requirements walkthrough", "Steering committee"),
    "call": ("Follow-up call", "Pricing questions", "Check-in on timeline", "Reference call"),
    "email": ("Sent proposal draft", "Shared case study", "Answered technical questions", "Meeting recap"),
    "visit": ("Site visit", "Executive visit", "Plant tour", "Headquarters visit"),
    "event": ("Industry forum", "User conference", "Product launch", "Customer day"),
    "meal": ("Business dinner", "Lunch with the team", "Tea after the review", "Banquet"),
}
