"""Stage 2: the document model, typed and numbered per language, free of output formats."""
