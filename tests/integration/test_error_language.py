"""Errors a person sees on the page come in the page's language (issue 19): field problems of a form, undo and
cycle conflicts, sign-in refusals. English answers keep their exact wording (programs and tests match it)."""
from __future__ import annotations

import re
from typing import Any

import pytest
from fastapi.testclient import TestClient

from app.core.config import Settings
from app.db.graph import Graph
from app.i18n import t
from app.main import create_app
from app.models.keys import Role
from app.services.importer import import_bundle
from app.services.users import create_user

ZH = {"Accept-Language": "zh-CN,zh;q=0.9"}
HAN = re.compile(r"[\u4e00-\u9fff]")
PASSWORD = "correct horse battery"


@pytest.fixture
def mini(graph: Graph, mini_bundle: dict[str, Any]) -> Graph:
    import_bundle(graph, mini_bundle)
    return graph


def contact_body(client: TestClient, contact_id: str) -> dict[str, Any]:
    row = client.get(f"/contacts/{contact_id}").json()
    return {k: v for k, v in row.items() if k not in ("id", "version", "interaction_level", "interaction_by_deal")}


def test_a_form_field_problem_is_in_the_callers_language(client: TestClient, mini: Graph) -> None:
    body = {**contact_body(client, "c-ceo"), "importance": 9, "closeness": "high"}
    english = client.put("/contacts/c-ceo", json=body)
    chinese = client.put("/contacts/c-ceo", json=body, headers=ZH)
    assert english.status_code == chinese.status_code == 422
    by_field = {item["field"]: item["message"] for item in chinese.json()["errors"]}
    assert by_field["importance"] == t("api_errors.validation.less_than_equal", "zh", le=5)
    assert by_field["closeness"] == t("api_errors.validation.float_parsing", "zh") or HAN.search(by_field["closeness"])
    assert {item["field"]: item["message"] for item in english.json()["errors"]}["importance"] == \
        "Input should be less than or equal to 5"  # pydantic's own sentence, as before
    assert client.get("/contacts/c-ceo").json()["importance"] == contact_body(client, "c-ceo")["importance"]
    unknown = client.put("/contacts/c-ceo", json={**contact_body(client, "c-ceo"), "shoe_size": 44}, headers=ZH)
    assert unknown.json()["errors"][0] == {**unknown.json()["errors"][0], "field": "shoe_size",
                                           "message": t("api_errors.validation.extra_forbidden", "zh")}


def test_undo_and_cycle_conflicts_in_chinese(client: TestClient, mini: Graph) -> None:
    assert client.put("/contacts/c-itmgr/influences/c-cio", json={"strength": 0.4}).status_code in (200, 201)
    entry = client.get("/audit?entity=INFLUENCES&id=c-itmgr->c-cio").json()[0]
    assert client.post(f"/audit/{entry['id']}/undo").status_code == 200
    again = client.post(f"/audit/{entry['id']}/undo", headers=ZH)
    assert again.status_code == 409
    undo_entry = client.get("/audit?entity=INFLUENCES&id=c-itmgr->c-cio").json()[0]
    assert again.json()["message"] == t("api_errors.undo_again", "zh", entry=entry["id"], by=undo_entry["id"])
    english = client.post(f"/audit/{entry['id']}/undo")
    assert english.json()["message"] == f"audit entry {entry['id']} was already undone by {undo_entry['id']}"

    cycle = client.put("/contacts/c-ceo/reports-to/c-cfo", json={}, headers=ZH)  # c-cfo reports to c-ceo
    assert cycle.status_code == 409 and cycle.json()["field"] == "to"
    assert cycle.json()["message"] == t("api_errors.reporting_cycle", "zh", **{"from": "c-ceo", "to": "c-cfo"})
    assert client.get("/contacts/c-ceo/reports-to/c-cfo").status_code == 404  # nothing written


def test_sign_in_refusals_in_chinese(mini: Graph, settings: Settings) -> None:
    create_user(mini, "ann", PASSWORD, Role.editor, "e-amy")
    tight = settings.model_copy(update={"login_limit_per_user": "2/minute", "login_limit_per_address": "100/minute"})
    with TestClient(create_app(tight)) as browser:
        wrong = [browser.post("/auth/login", json={"username": "ann", "password": "not it at all"}, headers=ZH)
                 for _ in range(2)]
        assert [w.status_code for w in wrong] == [401, 401]
        assert wrong[0].json()["message"] == t("api_errors.wrong_password", "zh")
        limited = browser.post("/auth/login", json={"username": "ann", "password": PASSWORD}, headers=ZH)
        assert limited.status_code == 429
        wait = int(limited.headers["Retry-After"])
        assert limited.json()["message"] == t("api_errors.login_limit_user", "zh", wait=wait)
        assert HAN.search(browser.get("/auth/me", headers=ZH).json()["message"])  # not signed in: in Chinese
