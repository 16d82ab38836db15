"""Closing the loop with the suggester: HQ's replies on a "to inform" worklist, contacts and
feedback going back to HQ, working-day deadlines, and adopted/implemented/awarded outcomes."""
