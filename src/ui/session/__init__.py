"""The conversation itself: domain pages, answer cards, together view and closing page."""
