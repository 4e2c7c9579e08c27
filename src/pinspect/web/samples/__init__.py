"""Samples: draw a case sample from an uploaded long list or upload a prepared one;
replace a case from the reserve; assign cases to inspectors."""
