"""rapporteur: YAML fragments to UN-formatted meeting reports."""
