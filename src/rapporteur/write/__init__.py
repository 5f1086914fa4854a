"""Stage 4: report HTML -> files (PDF through WeasyPrint; DOCX later)."""
