"""/departments: hand curation of departments (create or replace, read, delete, list with name search)."""
from __future__ import annotations

from app.api.crud import add_get_list, add_put_delete, resource_router
from app.models.entities import DepartmentIn
from app.services.entities import KINDS

router = resource_router("/departments", "departments")
add_get_list(router, KINDS["departments"])
add_put_delete(router, KINDS["departments"], DepartmentIn)
