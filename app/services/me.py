""""Me" (issue 14): the employee the caller is, their team, and their own deals and accounts first.

A signed-in user (or an API key belonging to one) may say which employee they are; reach can then
start from them or their team, and coaching leaves them out of "ask a colleague".
"""
from __future__ import annotations

from typing import Any

from app.core.errors import InvalidInput
from app.db.graph import Graph
from app.services.keys import Principal


def my_employee(principal: Principal | None, field: str) -> str:
    """The caller's employee id, or a 422 naming the parameter that needed it."""
    if principal is None or not principal.employee:
        raise InvalidInput(f"{field} needs a caller who is an employee (a user with an employee id)", [
            {"key": None, "row": None, "field": field, "message": "the caller is not an employee"}])
    return principal.employee


def my_team(graph: Graph, principal: Principal | None) -> str:
    employee = my_employee(principal, "team")
    row = graph.read_one("employee_brief", id=employee)
    if row is None or not row["team"]:
        raise InvalidInput(f"employee {employee} has no team", [
            {"key": None, "row": None, "field": "team", "message": "your employee record has no team"}])
    return row["team"]


def my_work(graph: Graph, principal: Principal) -> dict[str, Any]:
    """The deals I own and the accounts of those deals and of the contacts I know (empty when not an employee)."""
    if not principal.employee:
        return {"employee": None, "deals": [], "accounts": []}
    row = graph.read_one("me_work", employee=principal.employee) or {"name": None, "deals": [], "accounts": []}
    return {"employee": principal.employee, "employee_name": row["name"], "deals": row["deals"],
            "accounts": row["accounts"]}
