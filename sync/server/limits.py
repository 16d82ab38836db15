"""HQ's limits in one place, importable without the web stack (the CLI reads the defaults)."""

MAX_BATCH_ITEMS = 500
MAX_JSON_BODY = 32 * 1024 * 1024
MAX_ENROL_BODY = 64 * 1024
MAX_SCAN_BYTES = 50 * 1024 * 1024

MAX_IN_FLIGHT = 256  # requests per worker process at once; beyond: 503 + Retry-After
RETRY_AFTER = (5, 30)  # seconds, chosen at random, so shed stations come back spread out
BODY_TIMEOUT = 20.0  # seconds a request body may pause before 408
