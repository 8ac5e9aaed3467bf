"""Readers and inference helpers that turn source files into the articles table."""
