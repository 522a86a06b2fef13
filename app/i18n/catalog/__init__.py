"""Message modules, one per area (`common.py`, `gaps.py`, …), each defining `MESSAGES`."""
