"""`brm` command line: one module per group of commands, joined here."""
from __future__ import annotations

from app.cli.common import app
from app.cli import server, neo4j_cmds, keys_cmds, demo_cmds, bundle_cmds, manager_cmds  # noqa: F401  (modules register their commands on import)
from app.cli import intel_cmds  # noqa: F401  (issue 5: reach, chain, win-rate, gaps, account-map)
from app.cli import backup_cmds  # noqa: F401  (backup and restore)
from app.cli import users_cmds  # noqa: F401  (issue 14: users and sign-in)
from app.cli import capture_cmds  # noqa: F401  (issue 13: brm capture calendar|mail, brm ties recompute|show)
from app.cli import privacy_cmds  # noqa: F401  (issue 18: erase, personal-data)
from app.cli import time_cmds  # noqa: F401  (issue 17: review, curve, alerts)


def main() -> None:
    import sys

    from app.cli.common import hoist_json_flag

    app(args=hoist_json_flag(sys.argv[1:]))
