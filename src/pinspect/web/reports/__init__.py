"""The published report: HTML, PDF and the data annex, rendered by the core's report package."""
