"""Rasa input channels beyond REST and socket.io: Telegram and a Jodel-style
public board. scripts/run.sh enables each only when its secret is set."""
