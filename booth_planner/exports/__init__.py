"""What organizers download: booth lists as CSV, Excel and printable pages."""
