"""The partner directory: organisations per municipality, their topics, languages and hours."""
