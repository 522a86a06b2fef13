"""The warm-up's parameter samples: Neo4j keys plans on parameter types, and refuses a wrong type."""
from __future__ import annotations

import re
from datetime import date

from app.services.warm_up import NOTHING, sample


def test_the_query_text_decides_lists_and_maps_before_the_name() -> None:
    assert sample("keep", "UNWIND $keep AS row MATCH (e {id: row.employee})") == []
    assert sample("domains", "WITH d WHERE d IN $domains") == []
    assert sample("ids", "MATCH (n:Account) WHERE n.id IN $ids.accounts") == {}
    assert sample("ids", "UNWIND $ids AS id") == []
    assert sample("given", "WITH ident, row, $given[ident] AS given") == {}


def test_names_decide_the_scalars() -> None:
    assert sample("as_of", "RETURN $as_of") == date(1900, 1, 1)
    assert sample("n", "UNWIND range(1, $n) AS i") == 1
    assert sample("newest_first", "ORDER BY CASE WHEN $newest_first THEN 1 END") is False
    assert sample("account", "MATCH (a:Account {id: $account})") == NOTHING


def test_the_first_clicks_name_existing_read_queries() -> None:
    """/ready waits for these plans only: a renamed or removed query would silently drop out of it,
    and a write among them would not belong to a page's first look."""
    from app.core.config import Settings
    from app.db.queries import _load_all
    from app.services.warm_up import FIRST_CLICKS

    queries = _load_all(Settings().cypher_dir)
    assert [name for name in FIRST_CLICKS if name not in queries] == []
    writes = re.compile(r"\b(CREATE|MERGE|SET|DELETE|REMOVE)\b")
    assert [name for name in FIRST_CLICKS if writes.search(queries[name])] == []


def test_an_optional_filter_is_also_planned_absent() -> None:
    """The page's first, unfiltered click sends None for `$team`: a plan made for a string would not serve it."""
    from app.services.warm_up import samples

    text = "MATCH (e:Employee {id: $id}) WHERE $team IS NULL OR e.team = $team RETURN e"
    assert list(samples(text)) == [("", {"id": NOTHING, "team": NOTHING}),
                                   (":nulls", {"id": NOTHING, "team": None})]
    assert list(samples("MATCH (e:Employee {id: $id}) RETURN e")) == [("", {"id": NOTHING})]
