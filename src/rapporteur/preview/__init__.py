"""``./dev serve``: a live preview in a warm process. The content is loaded and each
document viewed is rendered once; a save re-renders only what it affects, and open
pages reload themselves, scroll kept. Nothing is written under build/."""
