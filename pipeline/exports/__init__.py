"""Exports of a run into the tools researchers already use (QDA projects, codebooks)."""
