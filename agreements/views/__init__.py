"""The paralegal's workspace for requests, agreements, filings and search (one module per record)."""
