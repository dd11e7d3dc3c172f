"""The tokens app's own views; simplejwt's views serve the other token endpoints (see urls.py)."""
