"""Plain, Rasa-free modules the assistant is built from: content, retrieval, safety, closing.

Rasa actions (``actions/``) and graph components (``components/``) are thin adapters over these.
"""
