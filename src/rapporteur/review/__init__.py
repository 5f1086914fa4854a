"""Reviewing drafts in git: readable YAML diffs (textconv) and redlines between revisions."""
