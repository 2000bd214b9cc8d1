"""coprod: co-production text mining. Library code, free of Prefect; see flows/ for the flows."""

__version__ = "0.1.0"
