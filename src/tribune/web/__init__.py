"""The web UI and JSON API (``tribune serve``): FastAPI, server-rendered Jinja2 pages, local assets only."""
