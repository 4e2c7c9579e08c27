"""Organisation units: nation → region → PDU → area/team, importable from CSV."""
