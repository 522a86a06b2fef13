"""All routers, joined in one place."""
from fastapi import APIRouter

from app.api.routes import health

api_router = APIRouter()
api_router.include_router(health.router)

from app.api.routes import managers, trends  # noqa: E402  (issue 9; before the CRUD routers: /accounts/scores, /employees/levels)

api_router.include_router(managers.router)
api_router.include_router(trends.router)

from app.api.routes import (  # noqa: E402  (issue 4: curation, import/export)
    accounts, activities, bundle, circles, competitors, contacts, departments, employees, opportunities,
)

for _module in (bundle, accounts, departments, contacts, employees, circles, opportunities, competitors, activities):
    api_router.include_router(_module.router)

from app.api.routes import viz  # noqa: E402  (issue 6: exploration page and graph views)

api_router.include_router(viz.router)

from app.api.routes import intelligence  # noqa: E402  (issue 5: reach, decision chain, win rate, gaps, account map)

for _router in intelligence.routers:
    api_router.include_router(_router)
