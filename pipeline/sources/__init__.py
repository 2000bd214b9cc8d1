"""Reading a corpus folder into RawDocuments (one module per input format)."""

from pipeline.sources.corpus import SUPPORTED_EXTENSIONS, read_corpus

__all__ = ["SUPPORTED_EXTENSIONS", "read_corpus"]
