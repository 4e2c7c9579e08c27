"""Case assessment: sampled cases, their answers per prompt and key question, and notes."""
