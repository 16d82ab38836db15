"""Small reusable widgets: field error labels, keyboard navigation, draft autosave."""
