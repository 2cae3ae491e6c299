"""The public face of an event: exhibitor profiles, the visitor directory, booth cards.

Nothing here writes to the database or imports Streamlit: the visitor page and the command line
work on plain, frozen values (``entries.DirectoryEntry``) built from an event's state or files.
"""
