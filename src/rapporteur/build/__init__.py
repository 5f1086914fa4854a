"""Stage 5: deciding what to build, producing it, and writing it to build/ atomically."""
