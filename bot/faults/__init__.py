"""What the Rasa server does when a service behind it fails: the action server
(action_server.py) or the tracker store's database (tracker_store.py)."""
