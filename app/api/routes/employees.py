"""/employees: hand curation of employees (create or replace, read, delete, list with name search)."""
from __future__ import annotations

from app.api.crud import add_get_list, add_link, add_put_delete, resource_router
from app.models.entities import EmployeeIn, KnowsIn
from app.services.entities import KINDS
from app.services.links import LINK_KINDS

router = resource_router("/employees", "employees")
add_get_list(router, KINDS["employees"])
add_put_delete(router, KINDS["employees"], EmployeeIn)
# the GET is issue 13's explained tie (app/api/routes/capture.py), which also carries the link's version
add_link(router, LINK_KINDS["knows"], "knows", KnowsIn, path_is_from=True, get_route=False)
