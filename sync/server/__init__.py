"""Reference HQ server: implements ``sync/openapi.yaml`` over FastAPI and SQLModel."""
