"""The staff desk: a staff-only web application beside the public page (issue 14)."""
