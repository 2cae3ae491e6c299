"""Setting up an event: halls, booths and applicants edited as tables (pure)."""
