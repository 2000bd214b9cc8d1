"""Passage embeddings: an Embedder protocol, the sentence-transformers backend and the cache."""
