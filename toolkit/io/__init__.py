"""Input adapters: one small module per source format, plus outlet and site inference."""
