"""./dev bench: synthetic content of chosen sizes, timed against WeasyPrint and Pandoc."""
