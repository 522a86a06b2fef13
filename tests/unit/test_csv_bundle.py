"""CSV → bundle conversion: formats of list cells, conversions, and errors by key / row / field."""
from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path
from typing import Any

import pytest

from app.core.errors import InvalidInput
from app.models.bundle import Bundle
from app.services.csv_bundle import bundle_from_csv, bundle_to_csv, read_csv_zip

MINI = json.loads((Path(__file__).parents[1] / "data" / "mini.json").read_text(encoding="utf-8"))


def problems(files: dict[str, str]) -> set[tuple[Any, Any, Any]]:
    with pytest.raises(InvalidInput) as caught:
        bundle_from_csv(files)
    return {(e["key"], e["row"], e["field"]) for e in caught.value.errors}


def test_contacts_numbers_and_empty_cells() -> None:
    text = "id,name,account,importance,closeness,attitude,title\nc1,Zhang Wei,acc,4,72.5,positive,\n"
    rows = bundle_from_csv({"contacts": text}).bundle["contacts"]
    assert rows == [{"id": "c1", "name": "Zhang Wei", "account": "acc", "importance": 4, "closeness": 72.5,
                     "attitude": "positive"}]  # the empty title is absent, not ""


def test_list_cells() -> None:
    converted = bundle_from_csv({
        "circles": "id,name,account,members\nci,Reformers,acc,c1:leader; c2:core;c3\n",
        "activities": "id,employee,contacts,type,date\na1,e1,c1;c2,call,2026-11-01\n",
        "reports_to": "from,to,dotted\nc1,c2,TRUE\nc2,c3,\n",
    }).bundle
    assert converted["circles"][0]["members"] == [{"contact": "c1", "role": "leader"},
                                                  {"contact": "c2", "role": "core"}, {"contact": "c3"}]
    assert converted["activities"][0]["contacts"] == ["c1", "c2"]
    assert converted["reports_to"] == [{"from": "c1", "to": "c2", "dotted": True}, {"from": "c2", "to": "c3"}]


def test_competitors_one_row_per_opportunity() -> None:
    text = ("id,name,opportunity,need_satisfaction,closeness\n"
            "k1,Rival,o1,70,65\nk2,Other,,,\nk1,Rival,o2,40,30\n")
    converted = bundle_from_csv({"competitors": text})
    assert converted.bundle["competitors"] == [
        {"id": "k1", "name": "Rival", "opportunities": [{"opportunity": "o1", "need_satisfaction": 70, "closeness": 65},
                                                        {"opportunity": "o2", "need_satisfaction": 40,
                                                         "closeness": 30}]},
        {"id": "k2", "name": "Other", "opportunities": []},
    ]
    # an importer error on competitor 0's second entry points back at CSV row 2, column closeness
    translated = converted.translate([{"key": "competitors", "row": 0, "field": "opportunities[1].closeness",
                                       "message": "too big"}])
    assert (translated[0]["row"], translated[0]["field"]) == (2, "closeness")


def test_bad_cells_are_reported_by_key_row_and_field() -> None:
    found = problems({
        "contacts": "id,name,account,importance\nc1,A,acc,4\nc2,B,acc,four\n",
        "roles": "opportunity,contact,role,inside_source\no1,c1,user,maybe\n",
        "competitors": "id,name,opportunity,need_satisfaction,closeness\nk1,R,o1,70,x\n",
        "circles": "id,name,account,members\nci,C,acc,:leader\n",
        "people": "id\n1\n",
    })
    assert found == {("contacts", 1, "importance"), ("roles", 0, "inside_source"), ("competitors", 0, "closeness"),
                     ("circles", 0, "members"), ("people", None, None)}


def test_mini_round_trips_through_csv() -> None:
    """bundle → CSV → bundle gives the same rows once both are read by the bundle model."""
    back = bundle_from_csv(bundle_to_csv(MINI)).bundle
    assert Bundle.model_validate(back).model_dump() == Bundle.model_validate(MINI).model_dump()


def test_zip_reading_ignores_folders_and_rejects_non_zips() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("export/accounts.csv", "\ufeffid,name\nacc,Acme\n")  # BOM as spreadsheets write it
        archive.writestr("__MACOSX/export/._accounts.csv", "junk")
        archive.writestr("readme.txt", "not a csv")
    files = read_csv_zip(buffer.getvalue())
    assert files == {"accounts": "id,name\nacc,Acme\n"}
    with pytest.raises(InvalidInput):
        read_csv_zip(b"not a zip")
