"""New ways in: CRM exports (and, later, calendars and mail), all ending in the one importer.

source (a folder or zip, read safely by `archive`) → a declarative mapping (`mappings/*.toml`)
→ bundle rows → `app.services.importer.import_bundle`.
"""
