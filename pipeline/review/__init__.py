"""The review app: the report served with controls that record researchers' edits."""
