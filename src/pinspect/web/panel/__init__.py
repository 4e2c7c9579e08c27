"""Domain-one judgements and the ratings panel: proposals, verification, departures, sign-off."""
