"""Reports: the published report of an inspection as plain data, HTML, PDF and a data annex."""
