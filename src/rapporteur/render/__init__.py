"""Stage 3: the document model -> one semantic HTML document (Jinja2 templates)."""
