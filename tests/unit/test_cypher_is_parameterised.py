"""Cypher is only ever parameterised: no query text is built from strings anywhere in the code,
and every named query the code asks for exists in cypher/.
"""
from __future__ import annotations

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SOURCES = [p for folder in ("app", "seed", "benchmarks") for p in (ROOT / folder).rglob("*.py")]
CYPHER_SINKS = {"run", "execute_query", "Query", "executeTransactionally"}   # callables that take Cypher text
NAME_SINKS = {"read", "read_one", "write", "query", "named", "statements"}   # callables that take a query name
PLAN_PREFIXES = {"PROFILE ", "EXPLAIN "}
QUERY_NAMES = {p.stem for p in (ROOT / "cypher").glob("*.cypher")}


def _callee(node: ast.Call) -> str | None:
    if isinstance(node.func, ast.Attribute):
        return node.func.attr
    if isinstance(node.func, ast.Name):
        return node.func.id
    return None


def _is_built_string(node: ast.AST) -> bool:
    """An f-string, a concatenation or %-format, or a .format() call: text assembled at run time."""
    if isinstance(node, ast.JoinedStr):
        return any(isinstance(v, ast.FormattedValue) for v in node.values)
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add) and isinstance(node.left, ast.Constant) \
            and node.left.value in PLAN_PREFIXES:
        return _is_built_string(node.right)   # PROFILE/EXPLAIN in front of a named query adds no values
    if isinstance(node, ast.BinOp) and isinstance(node.op, (ast.Add, ast.Mod)):
        return True
    return isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "format"


def test_no_cypher_text_is_built_from_strings() -> None:
    offenders = []
    for path in SOURCES:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and _callee(node) in CYPHER_SINKS and node.args:
                if _is_built_string(node.args[0]):
                    offenders.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert offenders == [], "Cypher built from strings at: " + ", ".join(offenders)


def test_every_constant_query_name_has_a_file() -> None:
    missing = []
    for path in SOURCES:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not (isinstance(node, ast.Call) and _callee(node) in NAME_SINKS):
                continue
            args = node.args[1:] if _callee(node) == "run_in" else node.args
            first = args[0] if args else None
            if isinstance(first, ast.Constant) and isinstance(first.value, str) and re.fullmatch(r"\w+", first.value):
                if first.value not in QUERY_NAMES and _callee(node) in {"read", "read_one", "write", "query"}:
                    missing.append(f"{path.relative_to(ROOT)}:{node.lineno} {first.value}")
    assert missing == [], "named queries without a file: " + ", ".join(missing)


def test_cypher_files_take_values_as_parameters_only() -> None:
    """No Python-style placeholders ({name}, %s) in query files: values come as $parameters."""
    offenders = []
    for path in (ROOT / "cypher").glob("*.cypher"):
        text = "\n".join(line for line in path.read_text(encoding="utf-8").splitlines()
                         if not line.lstrip().startswith("//"))
        if re.search(r"%s|%\(|\{\{|\{[a-z_]+\}(?!\s*[:,])", text):
            offenders.append(path.name)
    assert offenders == []


def test_the_scanner_catches_a_built_query() -> None:
    bad = ast.parse('graph.driver.execute_query(f"MATCH (n:{label}) RETURN n")').body[0].value
    spliced = ast.parse('tx.run("MATCH (c {id: \'" + cid + "\'}) RETURN c")').body[0].value
    good = ast.parse('graph.driver.execute_query(query("reach"), id=x)').body[0].value
    profiled = ast.parse('graph.driver.execute_query("PROFILE " + query("reach"), id=x)').body[0].value
    assert _is_built_string(bad.args[0]) and _is_built_string(spliced.args[0])
    assert not _is_built_string(good.args[0]) and not _is_built_string(profiled.args[0])
