"""All routers, joined in one place, behind one access policy (app.api.auth.required_role):
/health, /ready and the page shell are public; everything else needs an API key of the right role."""
from fastapi import APIRouter, Depends

from app.api.auth import authorize
from app.api.errors import ERROR_RESPONSES
from app.api.query_dates import check_query_dates
from app.api.routes import audit, health, keys

api_router = APIRouter(dependencies=[Depends(authorize), Depends(check_query_dates)], responses=ERROR_RESPONSES)
api_router.include_router(health.router)
api_router.include_router(keys.router)
api_router.include_router(audit.router)

from app.api.routes import time  # noqa: E402  (issue 17: curve, weekly review, alerts, org chart)

api_router.include_router(time.router)

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

from app.api.routes import capture  # noqa: E402  (issue 13: calendar and mail capture, explained ties)

api_router.include_router(capture.router)

from app.api.routes import intelligence  # noqa: E402  (issue 5: reach, decision chain, win rate, gaps, account map)

for _router in intelligence.routers:
    api_router.include_router(_router)

from app.api.routes import imports  # noqa: E402  (issue 16: import jobs and change lists)

api_router.include_router(imports.router)
from app.api.routes import auth as auth_routes, users  # noqa: E402  (issue 14: sign-in and users)

api_router.include_router(auth_routes.router)
api_router.include_router(users.router)
from app.api.routes import privacy  # noqa: E402  (issue 18: subject access)

api_router.include_router(privacy.router)
