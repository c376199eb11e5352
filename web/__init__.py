"""The clinic's demo web page and the chat widget (see web/README.md)."""
