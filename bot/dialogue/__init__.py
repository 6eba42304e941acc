"""What a citizen's typed answer means inside a conversation: exits, yes/no, corrections."""
