"""Stage 1: read content/ (YAML) into validated content records, keeping positions."""
