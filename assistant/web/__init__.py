"""The web front: the Flask app factory, its blueprints and the login."""
