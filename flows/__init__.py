"""Prefect flows around the pipeline stages. Importing this package imports Prefect."""
