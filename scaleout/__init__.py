"""What several Rasa servers sharing one PostgreSQL and one Redis need (endpoints.prod.yml)."""
