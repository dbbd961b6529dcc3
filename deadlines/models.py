# The deadline records, reminders and commission closure days arrive with the deadline engine.
