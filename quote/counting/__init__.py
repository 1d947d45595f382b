"""Cookie-free, first-party visitor counts: daily aggregates only (issue 26)."""
