"""Drafter: a drafting aid for local ordinances limiting entanglement with federal civil
immigration enforcement. Not legal advice."""

__version__ = "0.1.0"

DISCLAIMER = (
    "Drafter is a drafting aid, not legal advice. Have a licensed attorney for your "
    "jurisdiction review any ordinance before it is introduced or adopted."
)
