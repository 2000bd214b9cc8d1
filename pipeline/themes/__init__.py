"""Themes: clustering passage embeddings, describing each cluster, and relating it to documents."""
