"""Reading organizers' spreadsheets: columns, row readers, checks, preview and apply."""
