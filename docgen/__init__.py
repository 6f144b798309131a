"""docgen: one clause model for Smart Energy Code documents, read from .docx, .pdf and .xlsx."""

__version__ = "0.1.0"
