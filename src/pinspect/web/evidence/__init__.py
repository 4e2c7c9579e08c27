"""Evidence log: documents, fieldwork meetings and survey results, tagged to prompts."""
